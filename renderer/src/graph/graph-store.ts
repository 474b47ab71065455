/**
 * State of the graph view: what is focused (an element or an asked call), the view the server
 * returned, and the selected edge. Its own small zustand store: nothing else reads it, and the Ask
 * view only calls `showDecision`.
 *
 * @example
 * useGraphStore.getState().showDecision(request);
 */
import { create } from 'zustand';
import type { RestRequest } from '../../../shared/model/decision';
import type { GraphFocus, GraphView } from '../../../shared/graph';
import { useAppStore } from '../stores/app-store';

export type GraphSource =
  { type: 'focus'; focus: GraphFocus; guard?: number } | { type: 'decision'; request: RestRequest };

export type GraphState = {
  source: GraphSource | null;
  view: GraphView | null;
  error: string | null;
  selectedEdge: string | null;
  showTable: boolean;
  load(source: GraphSource): Promise<void>;
  /** From the Ask view: the path of this answer (docs/architecture.md "Views"). */
  showDecision(request: RestRequest): Promise<void>;
  selectEdge(id: string | null): void;
  setShowTable(v: boolean): void;
  reload(): Promise<void>;
};

export const useGraphStore = create<GraphState>((set, get) => ({
  source: null,
  view: null,
  error: null,
  selectedEdge: null,
  showTable: false,
  async load(source) {
    set({ source, error: null, selectedEdge: null });
    const run = useAppStore.getState().run;
    const r =
      source.type === 'focus'
        ? await run(
            'graph:neighbourhood',
            source.guard === undefined
              ? { focus: source.focus }
              : { focus: source.focus, guard: source.guard },
            { quiet: true, label: 'Building graph' },
          )
        : await run(
            'graph:decision-path',
            { request: source.request },
            { quiet: true, label: 'Building graph' },
          );
    if (get().source !== source) return;
    if (r.ok) set({ view: r.value, error: null, showTable: false });
    else set({ view: null, error: r.error.message });
  },
  async showDecision(request) {
    useAppStore.getState().setCenterTab('graph');
    await get().load({ type: 'decision', request });
  },
  selectEdge(selectedEdge) {
    set({ selectedEdge });
  },
  setShowTable(showTable) {
    set({ showTable });
  },
  async reload() {
    const s = get().source;
    if (s) await get().load(s);
  },
}));
