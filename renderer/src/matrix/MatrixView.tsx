/**
 * The access matrix: users x Things x run-time kinds as a canvas heatmap coloured by outcome (200 /
 * 403 / 404 / 401 / unknown; hatched where a named characteristic answers otherwise), virtualised: only the visible window is drawn, and cells are fetched
 * in tiles as the view scrolls (useMatrixCanvas.ts, paint.ts). Filter by group, template and kind;
 * jump to a user or Thing; a click, or Enter on the keyboard-focused cell, explains a cell.
 *
 * Nothing on screen may be wrong: the hover read-out has a line of its own (it never moves the
 * canvas), clicks while the matrix is re-laid out after a filter change are ignored, and an older
 * explanation reply never replaces a newer one.
 */
import './matrix.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MatrixAxes } from '../../../shared/graph';
import { RUNTIME_KINDS } from '../../../shared/model/types';
import { useAppStore } from '../stores/app-store';
import { CellExplanation, type Cell } from './CellExplanation';
import { CODE_WORDS, LEFT, ROW_H, TOP } from './matrix-geometry';
import { MatrixToolbar, type MatrixFilterState } from './MatrixToolbar';
import type { CellPos } from './paint';
import { MAX_TILES, useMatrixCanvas } from './useMatrixCanvas';
import { useMatrixInput, type Hit } from './useMatrixInput';

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
  const c = useMatrixCanvas(axes, focus, run, setError);
  const m = useMatrixInput(axes, loading, c, run, focus, setFocus);
  const forgetRef = useRef(m.forget);
  forgetRef.current = m.forget;

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
      forgetRef.current();
      setLoading(false);
      setAxes(r.ok ? r.value : null);
      setError(r.ok ? null : r.error.message);
    });
    return () => {
      live = false;
    };
  }, [filter, revision, run]);

  const askIt = (cell: Cell, call: string) => {
    const s = useAppStore.getState();
    s.setAskField('authMode', 'user');
    s.setAskField('user', cell.user);
    s.setAskField('callText', call);
    s.setCenterTab('ask');
    void s.ask();
  };

  const total = axes ? axes.users.length * axes.things.length * axes.kinds.length : 0;
  const shown = hover ?? (focus ? m.hitOf(focus) : null);
  return (
    <div className="matrix-view">
      <MatrixToolbar
        filter={filter}
        onFilter={setFilter}
        groups={groups}
        templates={templates}
        axes={axes}
        onJump={m.onJump}
      />
      <div className="matrix-status" role="status" aria-label="Matrix status">
        {axes ? (
          <>
            {axes.users.length} users × {axes.things.length} Things × {axes.kinds.length} kinds ={' '}
            {total.toLocaleString('en')} cells · each cell: the `*` entries of that kind, i.e.
            characteristics without an override of their own (§2.7, §9.6); a hatched cell has a
            named property, service or event that answers otherwise (its panel lists them)
            {c.paintMs !== null && (
              <span className="muted"> · first paint {c.paintMs.toFixed(0)} ms</span>
            )}
            {c.fetching && <span className="muted matrix-fetching"> · loading cells…</span>}
          </>
        ) : loading ? (
          'Loading…'
        ) : (
          'No matrix'
        )}
      </div>
      {/* One line of fixed height: what the pointer or the keyboard focus is on never moves the canvas. */}
      <div
        className={shown ? 'matrix-hover' : 'matrix-hover idle'}
        aria-label="Cell under the pointer"
      >
        {shown
          ? `${shown.cell.user} · ${shown.cell.thing} · ${shown.cell.kind}: ${shown.code === 'pending' ? 'loading' : CODE_WORDS[shown.code]}${shown.override ? ' on * · override: a named characteristic answers otherwise' : ''}`
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
          <canvas
            ref={c.canvas}
            className="matrix-canvas"
            aria-hidden="true"
            data-max-tiles={MAX_TILES}
          />
          <div
            ref={c.scroller}
            className="matrix-scroll"
            role="application"
            aria-roledescription="access matrix"
            aria-label="Access matrix heatmap: arrow keys move between cells, Enter explains one"
            tabIndex={0}
            onScroll={c.schedule}
            onKeyDown={m.onKey}
            onMouseMove={e => {
              const pos = m.posAt(e);
              setHover(pos ? m.hitOf(pos) : null);
            }}
            onMouseLeave={() => setHover(null)}
            onClick={e => {
              // During a re-layout the cell under the pointer is not yet known: the click is ignored.
              const pos = m.posAt(e);
              const hit = pos ? m.hitOf(pos) : null;
              if (!pos || !hit) return;
              setFocus(pos);
              void m.explain(hit);
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
        {m.explained && (
          <CellExplanation explained={m.explained} onAsk={askIt} onClose={() => m.forget(true)} />
        )}
      </div>
    </div>
  );
}
