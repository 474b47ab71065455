/**
 * Short texts shared by the flow nodes, the list rows and the details panel.
 *
 * @example
 * childLabel({ childCount: 2, descendants: 5 } as TreeRow); // '2 children · 5 below'
 */
import type { RowProvenance, TreeRow } from '../../../shared/apps/tree-data';

export function childLabel(row: Pick<TreeRow, 'childCount' | 'descendants'>): string {
  if (row.childCount === 0) return 'no children';
  const c = `${row.childCount} ${row.childCount === 1 ? 'child' : 'children'}`;
  return row.descendants > row.childCount ? `${c} · ${row.descendants} below` : c;
}

/** Why a node with Read is still not shown in the Apps (§7.3). */
export function hiddenLabel(row: Pick<TreeRow, 'read' | 'sees'>): string | null {
  return row.read && !row.sees ? 'not shown: no Read on the context' : null;
}

/**
 * The provenance in a few words for a node box (the full sentence is in the tooltip and the details).
 *
 * @example
 * shortProvenance(row.provenance); // 'via Operators · propagated from PackLine'
 */
export function shortProvenance(p: RowProvenance): string {
  if (p.source === 'admin') return 'administrator: always Write';
  if (p.deciding.length === 0)
    return p.text.startsWith('no entry') ? 'no entry (no row)' : 'Write without Read: ignored';
  const first = p.deciding[0] as RowProvenance['deciding'][number];
  const who = p.source === 'direct' ? 'own entry' : `via ${first.principal.name}`;
  const o = first.origin;
  const how = !o
    ? 'edited directly'
    : o.kind === 'grant'
      ? 'granted here'
      : o.from
        ? `propagated from ${o.from}`
        : 'propagated to whole context';
  const beats = p.overruled[0]
    ? ` · beats ${p.overruled[0].principal.name}'s ${p.overruled[0].stored}`
    : '';
  return `${who} · ${how}${beats}`;
}
