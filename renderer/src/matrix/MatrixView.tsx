/**
 * The access matrix (docs/architecture.md "Views"): users x Things x run-time kinds as a canvas heatmap coloured by
 * outcome (200 / 403 / 404 / 401 / unknown), virtualised: only the visible window is drawn, and cells
 * are fetched in tiles (graph:matrix-cells) as the view scrolls. Filter by group, template and kind;
 * a click on a cell opens its explanation.
 */
import './matrix.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EffectiveRow } from '../../../shared/contract';
import type { MatrixAxes, MatrixCode } from '../../../shared/graph';
import { RUNTIME_KINDS } from '../../../shared/model/types';
import type { RuntimeKind } from '../../../shared/model/types';
import { useAppStore } from '../stores/app-store';
import type { Geometry } from './matrix-geometry';
import {
  CELL_W,
  CODE_COLOURS,
  CODE_WORDS,
  hitCell,
  LEFT,
  matrixGeometry,
  ROW_H,
  TILE_THINGS,
  TILE_USERS,
  TOP,
  visibleRanges,
} from './matrix-geometry';

type Cell = { user: string; thing: string; kind: RuntimeKind };
type Explanation = {
  cell: Cell;
  code: MatrixCode | 'pending';
  row?: EffectiveRow;
  call?: string;
  error?: string;
};

const KIND_SHORT: Record<RuntimeKind, string> = {
  PropertyRead: 'PR',
  PropertyWrite: 'PW',
  ServiceInvoke: 'SI',
  EventInvoke: 'EI',
  EventSubscribe: 'ES',
};

/** A REST call that exercises this kind on a named characteristic (EventSubscribe has none over REST). */
function representativeCall(
  thing: string,
  kind: RuntimeKind,
  rows: EffectiveRow[],
): string | undefined {
  const base = `/Thingworx/Things/${encodeURIComponent(thing)}`;
  const first = (k: EffectiveRow['characteristicKind']) =>
    rows.find(r => r.characteristicKind === k && r.kind === kind)?.characteristic;
  if (kind === 'PropertyRead')
    return first('property')
      ? `GET ${base}/Properties/${encodeURIComponent(first('property') as string)}`
      : `GET ${base}/Properties`;
  if (kind === 'PropertyWrite')
    return first('property')
      ? `PUT ${base}/Properties/${encodeURIComponent(first('property') as string)}`
      : undefined;
  if (kind === 'ServiceInvoke')
    return first('service')
      ? `POST ${base}/Services/${encodeURIComponent(first('service') as string)}`
      : undefined;
  if (kind === 'EventInvoke')
    return first('event')
      ? `POST ${base}/Events/${encodeURIComponent(first('event') as string)}`
      : undefined;
  return undefined;
}

export function MatrixView() {
  const { items, revision, run } = useAppStore(
    useShallow(s => ({ items: s.allItems, revision: s.info?.revision, run: s.run })),
  );
  const [group, setGroup] = useState('');
  const [template, setTemplate] = useState('');
  const [kinds, setKinds] = useState<RuntimeKind[]>([...RUNTIME_KINDS]);
  const [axes, setAxes] = useState<MatrixAxes | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hover, setHover] = useState<{ cell: Cell; code: MatrixCode | 'pending' } | null>(null);
  const [explained, setExplained] = useState<Explanation | null>(null);
  const [paintMs, setPaintMs] = useState<number | null>(null);
  const tiles = useRef(new Map<string, string | 'pending'>());
  const scroller = useRef<HTMLDivElement | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const readyAt = useRef<number | null>(null);
  const frame = useRef(0);
  const geometry: Geometry = useMemo(() => matrixGeometry(axes?.kinds.length ?? 1), [axes]);

  const groups = useMemo(() => items.filter(i => i.kind === 'group').map(i => i.name), [items]);
  const templates = useMemo(
    () => items.filter(i => i.kind === 'template').map(i => i.name),
    [items],
  );

  useEffect(() => {
    let live = true;
    const filter = { ...(group ? { group } : {}), ...(template ? { template } : {}), kinds };
    void run('graph:matrix-axes', filter, { quiet: true, label: 'Loading matrix' }).then(r => {
      if (!live) return;
      tiles.current.clear();
      setExplained(null);
      if (r.ok) {
        readyAt.current = performance.now();
        setPaintMs(null);
        setAxes(r.value);
        setError(null);
      } else {
        setAxes(null);
        setError(r.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [group, template, kinds, revision, run]);

  const codeAt = useCallback(
    (row: number, thing: number, kind: number): MatrixCode | 'pending' => {
      if (!axes) return 'pending';
      const ti = Math.floor(row / TILE_USERS);
      const tj = Math.floor(thing / TILE_THINGS);
      const tile = tiles.current.get(`${ti}:${tj}`);
      if (!tile || tile === 'pending') return 'pending';
      const width = Math.min(TILE_THINGS, axes.things.length - tj * TILE_THINGS);
      const k = axes.kinds.length;
      return (tile[((row - ti * TILE_USERS) * width + (thing - tj * TILE_THINGS)) * k + kind] ??
        'pending') as MatrixCode;
    },
    [axes],
  );

  const draw = useCallback(() => {
    const el = scroller.current;
    const cv = canvas.current;
    if (!el || !cv || !axes) return;
    const dpr = window.devicePixelRatio || 1;
    const width = el.clientWidth;
    const height = el.clientHeight;
    if (cv.width !== Math.round(width * dpr) || cv.height !== Math.round(height * dpr)) {
      cv.width = Math.round(width * dpr);
      cv.height = Math.round(height * dpr);
      cv.style.width = `${width}px`;
      cv.style.height = `${height}px`;
    }
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const scroll = { left: el.scrollLeft, top: el.scrollTop };
    const { rows, things } = visibleRanges(
      geometry,
      scroll,
      { width, height },
      { users: axes.users.length, things: axes.things.length },
    );
    const k = axes.kinds.length;
    let pending = 0;
    ctx.save();
    ctx.beginPath();
    ctx.rect(LEFT, TOP, width - LEFT, height - TOP);
    ctx.clip();
    for (let r = rows.first; r <= rows.last; r++) {
      const y = TOP + r * ROW_H - scroll.top;
      for (let t = things.first; t <= things.last; t++) {
        const x0 = LEFT + t * geometry.blockW - scroll.left;
        for (let j = 0; j < k; j++) {
          const code = codeAt(r, t, j);
          if (code === 'pending') pending++;
          ctx.fillStyle = CODE_COLOURS[code];
          ctx.fillRect(x0 + j * CELL_W, y + 1, CELL_W - 1, ROW_H - 2);
        }
      }
    }
    ctx.restore();
    // Row headers: user names.
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(0, TOP, LEFT - 4, height - TOP);
    ctx.font = '11px system-ui, "DejaVu Sans", sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#263238';
    for (let r = rows.first; r <= rows.last; r++) {
      const y = TOP + r * ROW_H - scroll.top + ROW_H / 2;
      if (y < TOP) continue;
      const name = axes.users[r] ?? '';
      ctx.fillText(name.length > 22 ? `${name.slice(0, 21)}…` : name, 6, y);
    }
    // Column headers: Thing names, slanted, and the kind letters under them.
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(LEFT, 0, width - LEFT, TOP - 2);
    ctx.save();
    ctx.beginPath();
    ctx.rect(LEFT, 0, width - LEFT, TOP);
    ctx.clip();
    for (let t = things.first; t <= things.last; t++) {
      const x = LEFT + t * geometry.blockW - scroll.left;
      ctx.save();
      ctx.translate(x + (k * CELL_W) / 2, TOP - 18);
      ctx.rotate(-Math.PI / 3);
      ctx.fillStyle = '#263238';
      const name = axes.things[t] ?? '';
      ctx.fillText(name.length > 18 ? `${name.slice(0, 17)}…` : name, 0, 0);
      ctx.restore();
    }
    ctx.restore();
    ctx.fillStyle = '#263238';
    ctx.font = 'bold 11px system-ui, "DejaVu Sans", sans-serif';
    ctx.fillText('user \\ Thing', 6, TOP - 10);
    if (pending === 0 && readyAt.current !== null && rows.last >= rows.first) {
      setPaintMs(performance.now() - readyAt.current);
      readyAt.current = null;
    }
    // Fetch the missing tiles of the viewport.
    if (pending > 0) {
      for (
        let ti = Math.floor(rows.first / TILE_USERS);
        ti <= Math.floor(rows.last / TILE_USERS);
        ti++
      ) {
        for (
          let tj = Math.floor(things.first / TILE_THINGS);
          tj <= Math.floor(things.last / TILE_THINGS);
          tj++
        ) {
          const key = `${ti}:${tj}`;
          if (tiles.current.has(key)) continue;
          tiles.current.set(key, 'pending');
          const users = axes.users.slice(ti * TILE_USERS, (ti + 1) * TILE_USERS);
          const ths = axes.things.slice(tj * TILE_THINGS, (tj + 1) * TILE_THINGS);
          const current = axes;
          void run(
            'graph:matrix-cells',
            { users, things: ths, kinds: axes.kinds },
            { quiet: true },
          ).then(r => {
            if (current !== axesRef.current) return;
            if (r.ok) tiles.current.set(key, r.value.cells);
            else {
              tiles.current.delete(key);
              setError(r.error.message);
            }
            schedule();
          });
        }
      }
    }
    // `schedule` (declared below) is read only when a tile arrives, never during render: listing
    // it here would read it before its declaration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [axes, geometry, codeAt, run]);

  const axesRef = useRef<MatrixAxes | null>(null);
  axesRef.current = axes;
  const drawRef = useRef(draw);
  drawRef.current = draw;
  const schedule = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => drawRef.current());
  }, []);

  useEffect(() => {
    schedule();
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(schedule);
    ro.observe(el);
    return () => ro.disconnect();
  }, [draw, schedule]);

  const cellAt = (
    e: React.MouseEvent<HTMLDivElement>,
  ): { cell: Cell; code: MatrixCode | 'pending' } | null => {
    const el = scroller.current;
    if (!el || !axes) return null;
    const rect = el.getBoundingClientRect();
    const hit = hitCell(
      geometry,
      { x: e.clientX - rect.left, y: e.clientY - rect.top },
      { left: el.scrollLeft, top: el.scrollTop },
      { users: axes.users.length, things: axes.things.length },
    );
    if (!hit) return null;
    return {
      cell: {
        user: axes.users[hit.row] as string,
        thing: axes.things[hit.thing] as string,
        kind: axes.kinds[hit.kind] as RuntimeKind,
      },
      code: codeAt(hit.row, hit.thing, hit.kind),
    };
  };

  const explain = async (hit: { cell: Cell; code: MatrixCode | 'pending' }) => {
    setExplained({ ...hit });
    const r = await run(
      'engine:effective-table',
      { user: hit.cell.user, collection: 'Things', entity: hit.cell.thing },
      { quiet: true },
    );
    if (!r.ok) return setExplained({ ...hit, error: r.error.message });
    const row = r.value.find(x => x.characteristic === '*' && x.kind === hit.cell.kind);
    const call = representativeCall(hit.cell.thing, hit.cell.kind, r.value);
    setExplained({ ...hit, ...(row ? { row } : {}), ...(call ? { call } : {}) });
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
  return (
    <div className="matrix-view">
      <div className="matrix-toolbar" role="group" aria-label="Matrix filters">
        <label>
          Group
          <select
            aria-label="Filter by group"
            value={group}
            onChange={e => setGroup(e.target.value)}
          >
            <option value="">all users</option>
            {groups.map(g => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Template
          <select
            aria-label="Filter by template"
            value={template}
            onChange={e => setTemplate(e.target.value)}
          >
            <option value="">all Things</option>
            {templates.map(t => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="matrix-kinds">
          <legend>Kinds</legend>
          {RUNTIME_KINDS.map(k => (
            <label key={k} title={k}>
              <input
                type="checkbox"
                aria-label={k}
                checked={kinds.includes(k)}
                onChange={e =>
                  setKinds(
                    e.target.checked
                      ? RUNTIME_KINDS.filter(x => x === k || kinds.includes(x))
                      : kinds.length > 1
                        ? kinds.filter(x => x !== k)
                        : kinds,
                  )
                }
              />
              {KIND_SHORT[k]}
            </label>
          ))}
        </fieldset>
        <ul className="matrix-legend" aria-label="Legend">
          {(['2', '3', '4', '1', 'u'] as const).map(c => (
            <li key={c}>
              <span className="swatch" style={{ background: CODE_COLOURS[c] }} />
              {CODE_WORDS[c]}
            </li>
          ))}
        </ul>
      </div>
      <div className="matrix-status" role="status" aria-label="Matrix status">
        {axes ? (
          <>
            {axes.users.length} users × {axes.things.length} Things × {axes.kinds.length} kinds ={' '}
            {total.toLocaleString('en')} cells · each cell: the `*` entries of that kind, i.e.
            characteristics without an override of their own (§2.7, §9.6); ask a named call (button
            in the cell's panel) to see an override
            {paintMs !== null && (
              <span className="muted"> · first paint {paintMs.toFixed(0)} ms</span>
            )}
            {hover && (
              <b className="matrix-hover">
                {' '}
                · {hover.cell.user} · {hover.cell.thing} · {hover.cell.kind}:{' '}
                {hover.code === 'pending' ? 'loading' : CODE_WORDS[hover.code]}
              </b>
            )}
          </>
        ) : (
          'Loading…'
        )}
      </div>
      {error && (
        <p className="matrix-error" role="alert">
          {error}
        </p>
      )}
      <div className="matrix-body">
        <div
          className="matrix-stage"
          data-first-paint-ms={paintMs === null ? undefined : paintMs.toFixed(1)}
        >
          <canvas
            ref={canvas}
            className="matrix-canvas"
            aria-label="Access matrix heatmap"
            role="img"
          />
          <div
            ref={scroller}
            className="matrix-scroll"
            onScroll={schedule}
            onMouseMove={e => setHover(cellAt(e))}
            onMouseLeave={() => setHover(null)}
            onClick={e => {
              const hit = cellAt(e);
              if (hit) void explain(hit);
            }}
          >
            <div
              style={{
                width: LEFT + (axes?.things.length ?? 0) * geometry.blockW,
                height: TOP + (axes?.users.length ?? 0) * ROW_H,
              }}
            />
          </div>
        </div>
        {explained && (
          <aside className="matrix-explain" aria-label="Cell explanation">
            <h4>
              {explained.cell.user} · {explained.cell.thing}
            </h4>
            <p className="mono">
              {explained.cell.kind} on * (characteristics without an override of their own, §2.7)
            </p>
            {explained.error ? (
              <p role="alert">{explained.error}</p>
            ) : explained.row ? (
              <>
                <p className={`matrix-outcome code-${explained.code}`}>
                  <b>{explained.row.status}</b>{' '}
                  {explained.code === 'u'
                    ? '(UNKNOWN: the Thing is disabled, §9.4)'
                    : explained.row.allowed
                      ? 'allowed'
                      : 'denied'}
                </p>
                <p>{explained.row.decidedBy}</p>
                {explained.call && (
                  <button
                    type="button"
                    onClick={() => askIt(explained.cell, explained.call as string)}
                  >
                    Ask {explained.call}
                  </button>
                )}
              </>
            ) : (
              <p className="muted">Explaining…</p>
            )}
            <button type="button" className="link" onClick={() => setExplained(null)}>
              close
            </button>
          </aside>
        )}
      </div>
    </div>
  );
}
