/**
 * Blast radius (performance.md §2.3): changed cells grouped into rectangles "these callers x these
 * entities x these kinds, from -> to", largest first, each drawn with an area that grows with its
 * cell count. The rectangle holding only the asked cell (a scenario built from a fix suggestion)
 * is marked, so anything else stands out as extra access.
 */
import type { BlastRectangle } from '../../../shared/whatif';

const names = (xs: string[]): string =>
  xs.length <= 4 ? xs.join(', ') : `${xs.slice(0, 3).join(', ')} +${xs.length - 3} more`;
const short = (k: string): string => k.replace(/^user:/, '');

/** `onPick` lists only the cells of the clicked rectangle in the diff table (again: all of them). */
export function BlastRadius({
  rects,
  isGoal,
  picked = null,
  onPick,
}: {
  rects: BlastRectangle[];
  isGoal(r: BlastRectangle): boolean;
  picked?: number | null;
  onPick?(i: number | null): void;
}) {
  const max = Math.max(1, ...rects.map(r => r.cells));
  return (
    <ul className="blast" aria-label="Blast radius">
      {rects.map((r, i) => (
        <li
          key={i}
          className={`blast-rect ${r.change} ${isGoal(r) ? 'goal' : ''} ${onPick ? 'pickable' : ''} ${picked === i ? 'picked' : ''}`}
          tabIndex={onPick ? 0 : undefined}
          aria-current={picked === i ? 'true' : undefined}
          title={
            onPick
              ? picked === i
                ? 'Show every changed cell again'
                : 'Show only these cells in the table'
              : undefined
          }
          onClick={onPick ? () => onPick(picked === i ? null : i) : undefined}
          onKeyDown={
            onPick
              ? e =>
                  (e.key === 'Enter' || e.key === ' ') &&
                  (e.preventDefault(), onPick(picked === i ? null : i))
              : undefined
          }
          // Area grows with the count, but a one-cell rectangle stays readable.
          style={{
            flexGrow: 1 + (3 * r.cells) / max,
            minHeight: 54 + Math.round((36 * r.cells) / max),
          }}
          aria-label={`${r.change} ${r.from} to ${r.to}: ${r.cells} cell${r.cells === 1 ? '' : 's'}; callers ${r.callers.join(', ')}; entities ${r.entities.join(', ')}; kinds ${r.kinds.join(', ')}`}
        >
          <div className="blast-top">
            <span className="blast-count">{r.cells.toLocaleString()}</span>
            <span className="blast-change">
              {r.change} {r.from} → {r.to}
            </span>
            {isGoal(r) && <span className="tag goal-tag">asked</span>}
          </div>
          <div className="blast-axes">
            <span title={r.callers.join(', ')}>
              <b>who</b> {names(r.callers.map(short))}
            </span>
            <span title={r.entities.join(', ')}>
              <b>on</b> {names(r.entities)}
            </span>
            <span>
              <b>kind</b> {names(r.kinds)}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
