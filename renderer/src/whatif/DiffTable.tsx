/**
 * The changed cells of a scenario: one row per cell (caller x REST call), status before -> after and
 * its class (gained / revoked / changed / unknown); a click shows both explanations side by side.
 * Virtualised (@tanstack/react-virtual): only the rows on screen exist in the DOM, fetched from main
 * in pages as the table scrolls, so a change of 100,000 cells lists as fast as one of ten.
 */
import { useRef } from 'react';
import type { CellSide, SummaryCell } from '../../../shared/whatif';
import { callerKey, callerLabel } from '../../../shared/whatif';
import { usePagedRows } from '../lib/use-paged-rows';
import { BreakableCall } from './BreakableCall';
import { statusClass } from '../lib/status-class';
import { CiteChip } from '../reference';
import { DIFF_PAGE } from './whatif-store';
import type { Goal } from './whatif-store';

export const callerText = (c: SummaryCell['caller']): string => callerLabel(c);

export function isGoal(
  cell: Pick<SummaryCell, 'caller' | 'call'>,
  goal: Goal | undefined,
): boolean {
  return !!goal && callerKey(cell.caller) === callerKey(goal.caller) && cell.call === goal.call;
}

const ROW_ESTIMATE = 26;

export type DiffTableProps = {
  /** Changed cells passing the filter. */
  total: number;
  /** The first page, fetched with the result. */
  first: SummaryCell[];
  /** Changes with every new result: pages of an older one are dropped. */
  fetchKey: number;
  fetchCells(offset: number): Promise<SummaryCell[] | null>;
  selected: number | null;
  goal: Goal | undefined;
  onSelect(i: number | null, cell?: SummaryCell): void;
};

export function DiffTable({
  total,
  first,
  fetchKey,
  fetchCells,
  selected,
  goal,
  onSelect,
}: DiffTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const { virtualizer, items, rows } = usePagedRows({
    total,
    first,
    fetchKey,
    pageSize: DIFF_PAGE,
    scroller,
    estimateSize: ROW_ESTIMATE,
    fetchPage: fetchCells,
  });

  // Rows on screen sit between two spacer rows that stand for the others (a table keeps its columns aligned).
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div ref={scroller} className="diff-scroll">
      <table className="diff-table" aria-label="Changed cells" aria-rowcount={total + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Caller</th>
            <th scope="col">Call</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={5} style={{ height: top }} />
            </tr>
          )}
          {items.map(item => {
            const c = rows.get(item.index);
            if (!c) {
              return (
                <tr
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  aria-rowindex={item.index + 2}
                  className="loading-row"
                >
                  <td colSpan={5} className="muted">
                    Loading…
                  </td>
                </tr>
              );
            }
            const i = item.index;
            return (
              <tr
                key={item.key}
                data-index={i}
                ref={virtualizer.measureElement}
                aria-rowindex={i + 2}
                className={`${i === selected ? 'selected' : ''} ${isGoal(c, goal) ? 'goal' : ''}`}
                aria-selected={i === selected}
                aria-label={`${callerText(c.caller)} ${c.call}: ${c.before.status} to ${c.after.status}, ${c.change}`}
                onClick={() => onSelect(i === selected ? null : i, c)}
              >
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Explain ${callerText(c.caller)} ${c.call}`}
                    onClick={e => {
                      e.stopPropagation();
                      onSelect(i === selected ? null : i, c);
                    }}
                  >
                    {callerText(c.caller)}
                  </button>
                  {isGoal(c, goal) && (
                    <span className="tag goal-tag" title="The call this scenario was built to fix">
                      asked
                    </span>
                  )}
                </td>
                <td className="mono call-cell" title={c.call}>
                  <BreakableCall call={c.call} />
                </td>
                <td>{c.kind}</td>
                <td className="nowrap">
                  <span className={`mini-status ${statusClass(c.before.status)}`}>
                    {c.before.status}
                  </span>{' '}
                  →{' '}
                  <span className={`mini-status ${statusClass(c.after.status)}`}>
                    {c.after.status}
                  </span>
                </td>
                <td>
                  <span className={`change-class ${c.change}`}>{c.change}</span>
                </td>
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={5} style={{ height: bottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function Side({ title, side, other }: { title: string; side: CellSide; other: CellSide }) {
  // Steps the other side does not have are where the two answers part ways.
  const shared = new Set(other.why);
  return (
    <div className="compare-side" aria-label={title}>
      <div className="compare-head">
        <span className="compare-title">{title}</span>
        <span className={`mini-status ${statusClass(side.status)}`}>{side.status}</span>
        <span className={`outcome ${side.outcome}`}>{side.outcome}</span>
      </div>
      <pre className="body mono">{side.body || '(empty body)'}</pre>
      <p className="compare-deciding">
        <b>Decided by:</b> {side.deciding}
      </p>
      <ol className="compare-why">
        {side.why.map((w, i) => (
          <li key={i} className={shared.has(w) ? '' : 'differs'}>
            {w}
          </li>
        ))}
      </ol>
      {side.cites.length > 0 && (
        <div className="cites">
          {side.cites.map(c => (
            <CiteChip key={c} section={c} />
          ))}
        </div>
      )}
    </div>
  );
}

/** Both explanations of one changed cell, before and after, side by side (fetched on demand). */
export function CellCompare({
  cell,
  sides,
  error,
  onClose,
}: {
  cell: SummaryCell;
  sides: { before: CellSide; after: CellSide } | null;
  error: string | null;
  onClose(): void;
}) {
  return (
    <section className="cell-compare" aria-label="Cell explanation">
      <div className="compare-bar">
        <span>
          <b>{callerText(cell.caller)}</b> ·{' '}
          <code>
            <BreakableCall call={cell.call} />
          </code>{' '}
          · {cell.kind}
        </span>
        <button
          type="button"
          className="icon"
          aria-label="Close cell explanation"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : !sides ? (
        <p className="muted small" aria-busy="true">
          Explaining both answers…
        </p>
      ) : (
        <>
          <p className="muted small">Highlighted steps differ between the two sides.</p>
          <div className="compare-grid">
            <Side title="Before" side={sides.before} other={sides.after} />
            <Side title="After" side={sides.after} other={sides.before} />
          </div>
        </>
      )}
    </section>
  );
}
