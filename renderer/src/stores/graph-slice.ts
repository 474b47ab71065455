/**
 * The graph view's slice: what is focused (an element or an asked call), the view the server
 * returned, and the selected edge. Replies for an older focus (or an older project) are dropped.
 *
 * @example
 * await useAppStore.getState().graph.showDecision(request);
 */
import type { RestRequest } from '../../../shared/model/decision';
import type { GraphFocus, GraphView, PathQuery } from '../../../shared/graph';
import { MAX_EXPANDED } from '../../../shared/graph';
import type { NestedSlice } from './nested';

export type GraphSource =
  | { type: 'focus'; focus: GraphFocus; guard?: number; expand?: string[] }
  | { type: 'decision'; request: RestRequest }
  | { type: 'paths'; query: PathQuery };

type GraphData = {
  source: GraphSource | null;
  view: GraphView | null;
  error: string | null;
  selectedEdge: string | null;
  showTable: boolean;
  /** Pathfinding views: the route picked in the list (index into `view.paths`), drawn alone. */
  selectedPath: number | null;
};

export type GraphSlice = GraphData & {
  load(source: GraphSource): Promise<void>;
  /** From the Ask view: the path of this answer. */
  showDecision(request: RestRequest): Promise<void>;
  /** Pathfinding: the routes from a principal to an entity. */
  findPaths(query: PathQuery): Promise<void>;
  /** Opens a folded aggregate (focus views): the same focus, with that aggregate kept unfolded. */
  expand(aggregateId: string): Promise<void>;
  selectEdge(id: string | null): void;
  selectPath(index: number | null): void;
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
  selectedPath: null,
});

export const createGraphSlice: NestedSlice<GraphSlice> = (set, get, app) => ({
  ...initial(),
  async load(source) {
    set({ source, error: null, selectedEdge: null, selectedPath: null });
    const run = app().run;
    const opts = { quiet: true, label: 'Building graph' };
    const r =
      source.type === 'focus'
        ? await run(
            'graph:neighbourhood',
            {
              focus: source.focus,
              ...(source.guard === undefined ? {} : { guard: source.guard }),
              ...(source.expand?.length ? { expand: source.expand } : {}),
            },
            opts,
          )
        : source.type === 'paths'
          ? await run('graph:paths', source.query, opts)
          : await run('graph:decision-path', { request: source.request }, opts);
    // A newer focus (or a reset) has taken over: this reply describes something no longer asked.
    if (get().source !== source) return;
    if (r.ok) set({ view: r.value, error: null, showTable: false });
    else set({ view: null, error: r.error.message });
  },
  async showDecision(request) {
    app().setCenterTab('graph');
    await get().load({ type: 'decision', request });
  },
  async findPaths(query) {
    await get().load({ type: 'paths', query });
  },
  async expand(aggregateId) {
    const s = get().source;
    if (s?.type !== 'focus') return;
    // The contract accepts MAX_EXPANDED ids: past it, the oldest opened aggregate folds again.
    const expand = [...(s.expand ?? []), aggregateId].slice(-MAX_EXPANDED);
    await get().load({ ...s, expand });
  },
  selectEdge(selectedEdge) {
    set({ selectedEdge });
  },
  selectPath(selectedPath) {
    set({ selectedPath });
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
