/**
 * What the pointer and the keyboard do on the matrix: the cell under a point, the explanation of a
 * cell (an older reply never replaces a newer one), arrow-key focus, Enter, and "jump to".
 */
import { useCallback, useRef, useState } from 'react';
import type { MatrixAxes, MatrixCode } from '../../../shared/graph';
import type { RuntimeKind } from '../../../shared/model/types';
import type { AppState } from '../stores/app-store';
import type { Cell, Explanation } from './CellExplanation';
import { CELL_W, hitCell, LEFT, ROW_H, TOP } from './matrix-geometry';
import { moveFocus, type CellPos } from './paint';
import { overridingRows, representativeCall } from './representative-call';
import type { useMatrixCanvas } from './useMatrixCanvas';

export type Hit = { cell: Cell; code: MatrixCode | 'pending'; override: boolean };

export function useMatrixInput(
  axes: MatrixAxes | null,
  loading: boolean,
  c: ReturnType<typeof useMatrixCanvas>,
  run: AppState['run'],
  focus: CellPos | null,
  setFocus: (f: CellPos | null) => void,
) {
  const [explained, setExplained] = useState<Explanation | null>(null);
  const explainSeq = useRef(0);

  /** Forgets the focus and the explanation (new axes, or the panel closed). */
  const forget = useCallback(
    (keepFocus = false) => {
      explainSeq.current++;
      setExplained(null);
      if (!keepFocus) setFocus(null);
    },
    [setFocus],
  );

  const hitOf = (pos: CellPos): Hit | null => {
    if (!axes) return null;
    const cell = {
      user: axes.users.at(pos.row) as string,
      thing: axes.things.at(pos.thing) as string,
      kind: axes.kinds[pos.kind] as RuntimeKind,
    };
    return {
      cell,
      code: c.codeAt(pos.row, pos.thing, pos.kind),
      override: c.overrideAt(pos.row, pos.thing, pos.kind),
    };
  };

  const posAt = (e: React.MouseEvent<HTMLDivElement>): CellPos | null => {
    const el = c.scroller.current;
    if (!el || !axes || loading) return null;
    const rect = el.getBoundingClientRect();
    return hitCell(
      c.geometry,
      { x: e.clientX - rect.left, y: e.clientY - rect.top },
      { left: el.scrollLeft, top: el.scrollTop },
      { users: axes.users.length, things: axes.things.length },
    );
  };

  const explain = async (hit: Hit) => {
    const seq = ++explainSeq.current;
    setExplained({ ...hit });
    const r = await run(
      'engine:effective-table',
      { user: hit.cell.user, collection: 'Things', entity: hit.cell.thing },
      { quiet: true },
    );
    // Another cell was asked for meanwhile: its answer is the one to show.
    if (seq !== explainSeq.current) return;
    if (!r.ok) return setExplained({ ...hit, error: r.error.message });
    const row = r.value.find(x => x.characteristic === '*' && x.kind === hit.cell.kind);
    const overrides = row ? overridingRows(r.value, row) : [];
    // The cell's own call names a characteristic that answers as `*` does (overrides get their own).
    const plain = r.value.filter(x => !overrides.includes(x));
    const call = representativeCall(hit.cell.thing, hit.cell.kind, plain);
    setExplained({ ...hit, ...(row ? { row } : {}), ...(call ? { call } : {}), overrides });
  };

  /** Scrolls so the cell is inside the viewport (below and right of the headers). */
  const reveal = useCallback(
    (pos: CellPos) => {
      const el = c.scroller.current;
      if (!el) return;
      const x = pos.thing * c.geometry.blockW + pos.kind * CELL_W;
      const y = pos.row * ROW_H;
      const w = el.clientWidth - LEFT;
      const h = el.clientHeight - TOP;
      if (x < el.scrollLeft || x + CELL_W > el.scrollLeft + w) el.scrollLeft = Math.max(0, x - 40);
      if (y < el.scrollTop || y + ROW_H > el.scrollTop + h) el.scrollTop = Math.max(0, y - 40);
    },
    [c.scroller, c.geometry],
  );

  const onKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (!axes || loading || axes.users.length === 0 || axes.things.length === 0) return;
    const current = focus ?? { row: 0, thing: 0, kind: 0 };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const hit = hitOf(current);
      if (hit) void explain(hit);
      return;
    }
    const counts = {
      users: axes.users.length,
      things: axes.things.length,
      kinds: axes.kinds.length,
    };
    const next = focus
      ? moveFocus(current, e.key, counts)
      : e.key.startsWith('Arrow')
        ? current
        : null;
    if (!next) return;
    e.preventDefault();
    setFocus(next);
    reveal(next);
  };

  const onJump = (name: string): boolean => {
    if (!axes || name === '') return false;
    const row = axes.users.indexOf(name);
    const thing = axes.things.indexOf(name);
    if (row < 0 && thing < 0) return false;
    const pos = { row: Math.max(0, row), thing: Math.max(0, thing), kind: 0 };
    setFocus(pos);
    reveal(pos);
    c.scroller.current?.focus();
    return true;
  };

  return { explained, forget, hitOf, posAt, explain, onKey, onJump };
}
