/**
 * How each graph edge is drawn, shared by React Flow and the SVG export: deny entries red and dashed,
 * allow entries green, structure grey or tinted, lost entries amber; the decided path thick.
 *
 * @example
 * edgeStroke({ kind: 'permission', allow: false }); // { stroke: '#c62828', dash: '7 4', width: 2 }
 */
import type { GraphEdge } from '../../../shared/graph';

export type Stroke = { stroke: string; dash?: string; width: number };

export function edgeStroke(e: Pick<GraphEdge, 'kind' | 'allow' | 'mark'>, dimmed = false): Stroke {
  let s: Stroke;
  if (e.kind === 'permission')
    s = e.allow ? { stroke: '#2e7d32', width: 1.8 } : { stroke: '#c62828', dash: '7 4', width: 2 };
  else if (e.kind === 'visibility') s = { stroke: '#00897b', dash: '2 3', width: 1.4 };
  else if (e.kind === 'gap') s = { stroke: '#c62828', dash: '2 5', width: 2.5 };
  else if (e.kind === 'member' || e.kind === 'unit-member') s = { stroke: '#78909c', width: 1.3 };
  else s = { stroke: '#a1887f', width: 1.3 };
  if (e.mark === 'path') s = { ...s, width: s.width + 2 };
  if (e.mark === 'lost') s = { stroke: '#ef8f00', dash: '3 3', width: 2.2 };
  if (dimmed) s = { ...s, stroke: '#cfd8dc' };
  return s;
}

export function edgeLabel(e: GraphEdge): string | undefined {
  if (e.kind === 'gap') return e.label;
  if (e.kind !== 'permission') return e.count && e.count > 1 ? `${e.count}×` : undefined;
  return e.mark === 'lost' ? `lost: ${e.label ?? ''}` : e.label;
}

/** What an edge is, in a few ThingWorx words (the heading of its help). */
export function edgeTitle(e: Pick<GraphEdge, 'kind' | 'allow' | 'count' | 'parts'>): string {
  if (e.kind === 'permission') {
    if (e.parts && e.parts.length > 1) return `${e.parts.length} entries`;
    return `${e.allow ? 'Allow' : 'Deny'} entry`;
  }
  return EDGE_TITLES[e.kind];
}

const EDGE_TITLES: Record<Exclude<GraphEdge['kind'], 'permission'>, string> = {
  member: 'Group membership',
  'unit-member': 'Organization unit membership',
  'unit-parent': 'Organization hierarchy',
  template: 'Based on template',
  base: 'Template inheritance',
  implements: 'Implements shape',
  collection: 'Member of collection',
  visibility: 'Visibility grant',
  gap: 'Visibility gap: 404',
};
