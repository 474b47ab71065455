/**
 * The graph view's slice: what is focused (an element or an asked call), the view the server
 * returned, and the selected edge. Replies for an older focus (or an older project) are dropped.
 *
 * @example
 * await useAppStore.getState().graph.showDecision(request);
 */
import type { RestRequest } from '../../../shared/model/decision';
import type { GraphFocus, GraphView } from '../../../shared/graph';
import type { NestedSlice } from './nested';

export type GraphSource =
  { type: 'focus'; focus: GraphFocus; guard?: number } | { type: 'decision'; request: RestRequest };

type GraphData = {
  source: GraphSource | null;
  view: GraphView | null;
  error: string | null;
  selectedEdge: string | null;
  showTable: boolean;
};

export type GraphSlice = GraphData & {
  load(source: GraphSource): Promise<void>;
  /** From the Ask view: the path of this answer. */
  showDecision(request: RestRequest): Promise<void>;
  selectEdge(id: string | null): void;
  setShowTable(v: boolean): void;
  reload(): Promise<void>;
  /** Forgets everything (another project was opened). */
  reset(): void;
};

const initial = (): GraphData => ({
  source: null,
  view: null,
  error: null,
  selectedEdge: null,
  showTable: false,
});

export const createGraphSlice: NestedSlice<GraphSlice> = (set, get, app) => ({
  ...initial(),
  async load(source) {
    set({ source, error: null, selectedEdge: null });
    const run = app().run;
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
    // A newer focus (or a reset) has taken over: this reply describes something no longer asked.
    if (get().source !== source) return;
    if (r.ok) set({ view: r.value, error: null, showTable: false });
    else set({ view: null, error: r.error.message });
  },
  async showDecision(request) {
    app().setCenterTab('graph');
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
  reset() {
    set(initial());
  },
});
