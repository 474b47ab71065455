/**
 * The access matrix: users x Things x run-time kinds as a canvas heatmap coloured by outcome (200 /
 * 403 / 404 / 401 / unknown), virtualised: only the visible window is drawn, and cells are fetched
 * in tiles as the view scrolls (useMatrixCanvas.ts, paint.ts). Filter by group, template and kind;
 * jump to a user or Thing; a click, or Enter on the keyboard-focused cell, explains a cell.
 *
 * Nothing on screen may be wrong: the hover read-out has a line of its own (it never moves the
 * canvas), clicks while the matrix is re-laid out after a filter change are ignored, and an older
 * explanation reply never replaces a newer one.
 */
import './matrix.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MatrixAxes, MatrixCode } from '../../../shared/graph';
import { RUNTIME_KINDS } from '../../../shared/model/types';
import type { RuntimeKind } from '../../../shared/model/types';
import { useAppStore } from '../stores/app-store';
import { CellExplanation, type Cell, type Explanation } from './CellExplanation';
import { CODE_WORDS, hitCell, LEFT, ROW_H, TOP, CELL_W } from './matrix-geometry';
import { MatrixToolbar, type MatrixFilterState } from './MatrixToolbar';
import { moveFocus, type CellPos } from './paint';
import { representativeCall } from './representative-call';
import { useMatrixCanvas } from './useMatrixCanvas';

type Hit = { cell: Cell; code: MatrixCode | 'pending' };

export function MatrixView() {
  const { items, revision, run } = useAppStore(
    useShallow(s => ({ items: s.allItems, revision: s.info?.revision, run: s.run })),
  );
  const [filter, setFilter] = useState<MatrixFilterState>({
    group: '',
    template: '',
    kinds: [...RUNTIME_KINDS],
  });
  const [axes, setAxes] = useState<MatrixAxes | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<Hit | null>(null);
  const [focus, setFocus] = useState<CellPos | null>(null);
  const [explained, setExplained] = useState<Explanation | null>(null);
  const explainSeq = useRef(0);
  const c = useMatrixCanvas(axes, focus, run, setError);

  const groups = useMemo(() => items.filter(i => i.kind === 'group').map(i => i.name), [items]);
  const templates = useMemo(
    () => items.filter(i => i.kind === 'template').map(i => i.name),
    [items],
  );

  useEffect(() => {
    let live = true;
    const { group, template, kinds } = filter;
    setLoading(true);
    setHover(null);
    void run(
      'graph:matrix-axes',
      { ...(group ? { group } : {}), ...(template ? { template } : {}), kinds },
      { quiet: true, label: 'Loading matrix' },
    ).then(r => {
      if (!live) return;
      explainSeq.current++;
      setExplained(null);
      setFocus(null);
      setLoading(false);
      setAxes(r.ok ? r.value : null);
      setError(r.ok ? null : r.error.message);
    });
    return () => {
      live = false;
    };
  }, [filter, revision, run]);

  const hitOf = (pos: CellPos): Hit | null => {
    if (!axes) return null;
    const cell = {
      user: axes.users[pos.row] as string,
      thing: axes.things[pos.thing] as string,
      kind: axes.kinds[pos.kind] as RuntimeKind,
    };
    return { cell, code: c.codeAt(pos.row, pos.thing, pos.kind) };
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
    const call = representativeCall(hit.cell.thing, hit.cell.kind, r.value);
    setExplained({ ...hit, ...(row ? { row } : {}), ...(call ? { call } : {}) });
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

  const askIt = (cell: Cell, call: string) => {
    const s = useAppStore.getState();
    s.setAskField('authMode', 'user');
    s.setAskField('user', cell.user);
    s.setAskField('callText', call);
    s.setCenterTab('ask');
    void s.ask();
  };

  const total = axes ? axes.users.length * axes.things.length * axes.kinds.length : 0;
  const shown = hover ?? (focus ? hitOf(focus) : null);
  return (
    <div className="matrix-view">
      <MatrixToolbar
        filter={filter}
        onFilter={setFilter}
        groups={groups}
        templates={templates}
        axes={axes}
        onJump={onJump}
      />
      <div className="matrix-status" role="status" aria-label="Matrix status">
        {axes ? (
          <>
            {axes.users.length} users × {axes.things.length} Things × {axes.kinds.length} kinds ={' '}
            {total.toLocaleString('en')} cells · each cell: the `*` entries of that kind, i.e.
            characteristics without an override of their own (§2.7, §9.6); ask a named call (button
            in the cell's panel) to see an override
            {c.paintMs !== null && (
              <span className="muted"> · first paint {c.paintMs.toFixed(0)} ms</span>
            )}
          </>
        ) : loading ? (
          'Loading…'
        ) : (
          'No matrix'
        )}
      </div>
      {/* One line of fixed height: what the pointer or the keyboard focus is on never moves the canvas. */}
      <div className="matrix-hover" aria-label="Cell under the pointer">
        {shown
          ? `${shown.cell.user} · ${shown.cell.thing} · ${shown.cell.kind}: ${shown.code === 'pending' ? 'loading' : CODE_WORDS[shown.code]}`
          : loading
            ? 'Laying out…'
            : 'Point at a cell, or focus the matrix and use the arrow keys; click or Enter explains it.'}
      </div>
      {error && (
        <p className="matrix-error" role="alert">
          {error}
        </p>
      )}
      <div className="matrix-body">
        <div
          className="matrix-stage"
          aria-busy={loading}
          data-first-paint-ms={loading || c.paintMs === null ? undefined : c.paintMs.toFixed(1)}
        >
          <canvas ref={c.canvas} className="matrix-canvas" aria-hidden="true" />
          <div
            ref={c.scroller}
            className="matrix-scroll"
            role="application"
            aria-roledescription="access matrix"
            aria-label="Access matrix heatmap: arrow keys move between cells, Enter explains one"
            tabIndex={0}
            onScroll={c.schedule}
            onKeyDown={onKey}
            onMouseMove={e => {
              const pos = posAt(e);
              setHover(pos ? hitOf(pos) : null);
            }}
            onMouseLeave={() => setHover(null)}
            onClick={e => {
              // During a re-layout the cell under the pointer is not yet known: the click is ignored.
              const pos = posAt(e);
              const hit = pos ? hitOf(pos) : null;
              if (!pos || !hit) return;
              setFocus(pos);
              void explain(hit);
            }}
          >
            <div
              style={{
                width: LEFT + (axes?.things.length ?? 0) * c.geometry.blockW,
                height: TOP + (axes?.users.length ?? 0) * ROW_H,
              }}
            />
          </div>
        </div>
        {explained && (
          <CellExplanation
            explained={explained}
            onAsk={askIt}
            onClose={() => {
              explainSeq.current++;
              setExplained(null);
            }}
          />
        )}
      </div>
    </div>
  );
}
