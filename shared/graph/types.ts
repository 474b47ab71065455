/**
 * The data of a focused graph view (docs/architecture.md "Views"): nodes and edges of a neighbourhood of the model, the
 * decision path marks, and the aggregates made past the node-count guard. Plain JSON, so it crosses
 * the contract unchanged and the renderer lays it out in a worker.
 *
 * @example
 * const view: GraphView = neighbourhood(model, { type: 'user', name: 'alice' });
 * view.nodes.find(n => n.id === 'user:alice')?.kind; // 'user'
 */

export type GraphNodeKind =
  | 'user'
  | 'group'
  | 'organization'
  | 'unit'
  | 'template'
  | 'shape'
  | 'thing'
  | 'collection'
  | 'other'
  | 'aggregate';

/** Where the node sits on a decision path: on it, or only the holder of an entry that lost. */
export type PathMark = 'path' | 'lost';

export type GraphNode = {
  /** Stable id, e.g. `user:alice`, `unit:Plant/LineA`, `agg:thing:SensorTemplate`. */
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Second line: what the node is in ThingWorx terms (e.g. `Thing · SensorTemplate`). */
  sub: string;
  /** What the navigator/inspector selects for it (absent for aggregates and units' own rows). */
  select?: {
    kind:
      'user' | 'group' | 'organization' | 'thing' | 'template' | 'shape' | 'collection' | 'other';
    name: string;
  };
  /** Aggregates: how many elements they stand for. */
  count?: number;
  mark?: PathMark;
  /** The focus of the view (drawn emphasised). */
  focus?: boolean;
};

export type GraphEdgeKind =
  | 'member' // user or group -> group (direct and nested membership, §3.4, §2.11)
  | 'unit-member' // user or group -> organization unit (§4.1)
  | 'unit-parent' // unit -> parent unit, root unit -> organization (§4.2)
  | 'template' // Thing -> its template (§2.3)
  | 'base' // template -> base template (§2.3, §11.3)
  | 'implements' // Thing or template -> shape (§2.5)
  | 'collection' // entity -> the collection that holds it (§2.1)
  | 'permission' // principal -> the entity, template, shape or collection holding the entry (§2.1-2.6)
  | 'visibility' // organization or unit -> entity whose visibility names it (§1.5, §4.4)
  | 'gap'; // user -> entity on a 404: no visibility grant covers the user's organizations or units (§9.5)

/** Levels as §9.6 names them; `own` = a template's or shape's own set (governs that entity only, §2.3). */
export type EntryLevel = 'entity' | 'instance' | 'shape' | 'own' | 'collection';

export type GraphEdge = {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  /** Permission edges: allow or deny (deny edges are drawn red and dashed). */
  allow?: boolean;
  /** Permission edges: the kinds this principal has at this holder, level and resource. */
  kinds?: string[];
  resource?: string;
  level?: EntryLevel;
  /** Short label drawn on the edge. */
  label?: string;
  /** What the edge means in ThingWorx, shown when the edge is clicked. */
  help: string;
  /** Decision paths: the edge decided (`path`) or is an entry that lost (`lost`). */
  mark?: PathMark;
  /** Aggregated edges: how many original edges they stand for. */
  count?: number;
  /** Merged parallel permission edges: one part per entry edge between the same two nodes. */
  parts?: EdgePart[];
};

/** One entry edge folded into a merged permission edge (merge.ts). */
export type EdgePart = {
  allow: boolean;
  kinds: string[];
  resource: string;
  level: EntryLevel;
  label: string;
  mark?: PathMark;
};

/** One route found by pathfinding (paths.ts): principal -> groups -> entry -> level -> entity. */
export type GraphPath = {
  /** `allow`/`deny`: through an entry of that effect; `visibility`: a visibility grant (§4.4). */
  effect: 'allow' | 'deny' | 'visibility';
  /** Node ids from the principal to the entity. */
  nodes: string[];
  /** Edge ids of the view along the route (merged edge ids where entries were merged). */
  edges: string[];
  /** Number of edges from the principal to the entity. */
  hops: number;
  /** The route in words, e.g. `alice -> DataAnalysts -> Deny ServiceInvoke · GetDataStream · entity -> SensorDataStream`. */
  text: string;
  /** True for the shortest route of its effect. */
  shortest: boolean;
};

/** The two ends of a pathfinding query: any principal and any entity. */
export type PathQuery = {
  from: { type: 'user' | 'group'; name: string };
  to: { type: 'thing' | 'template' | 'shape'; name: string };
};

/** The focus of a view (docs/architecture.md "Views": focus, not hairballs). */
export type GraphFocus = {
  type: 'user' | 'group' | 'organization' | 'thing' | 'template' | 'shape';
  name: string;
};

/** One element folded into an aggregate, for the table offered instead of a hairball. */
export type AggregateRow = { aggregate: string; kind: GraphNodeKind; name: string; via: string };

export type GraphView = {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes before aggregation. */
  total: number;
  /** True when the node-count guard folded elements into counted aggregates. */
  aggregated: boolean;
  /** The folded elements (capped at `TABLE_ROW_CAP`), for the table view. */
  table: AggregateRow[];
  /** Decision views: the answer in one line, e.g. `403 · Not authorized for ServiceInvoke ...`. */
  summary?: string;
  /** Pathfinding views: every route found, shortest first. */
  paths?: GraphPath[];
};

/**
 * Default node-count guard: above it, groups of users and Things fold into counted aggregates. Past
 * ~150 nodes a view no longer fits a screen at a readable zoom (node titles >= 11 px).
 */
export const DEFAULT_NODE_GUARD = 150;
/** How many aggregates a caller may ask to keep open (`expand`). */
export const MAX_EXPANDED = 100;
/** Hard cap of the guard a caller may ask for (React Flow's practical DOM limit, performance.md §4). */
export const MAX_NODE_GUARD = 1000;
export const TABLE_ROW_CAP = 5000;
