/**
 * The diff of a scenario: one row per changed cell (caller x REST call), status before -> after and
 * its class (gained / revoked / changed / unknown); a click shows both explanations side by side.
 */
import type { CellSide, DiffCell } from '../../../shared/whatif';
import { BreakableCall } from './BreakableCall';
import { statusClass } from './status-class';
import type { Goal } from './whatif-store';

export const callerText = (c: DiffCell['caller']): string => (c.type === 'user' ? c.name : `appKey ${c.name}`);

export function isGoal(cell: DiffCell, goal: Goal | undefined): boolean {
  return !!goal && cell.caller.type === goal.caller.type && cell.caller.name === goal.caller.name && cell.call === goal.call;
}

export function DiffTable({ cells, selected, goal, onSelect }: { cells: DiffCell[]; selected: number | null; goal: Goal | undefined; onSelect(i: number | null): void }) {
  return (
    <table className="diff-table" aria-label="Changed cells">
      <thead>
        <tr>
          <th scope="col">Caller</th>
          <th scope="col">Call</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c, i) => (
          <tr
            key={`${c.caller.type}:${c.caller.name} ${c.call}`}
            className={`${i === selected ? 'selected' : ''} ${isGoal(c, goal) ? 'goal' : ''}`}
            aria-selected={i === selected}
            aria-label={`${callerText(c.caller)} ${c.call}: ${c.before.status} to ${c.after.status}, ${c.change}`}
            onClick={() => onSelect(i === selected ? null : i)}
          >
            <td>
              <button type="button" className="link" aria-label={`Explain ${callerText(c.caller)} ${c.call}`} onClick={(e) => { e.stopPropagation(); onSelect(i === selected ? null : i); }}>
                {callerText(c.caller)}
              </button>
              {isGoal(c, goal) && <span className="tag goal-tag" title="The call this scenario was built to fix">asked</span>}
            </td>
            <td className="mono call-cell" title={c.call}>
              <BreakableCall call={c.call} />
            </td>
            <td>{c.kind}</td>
            <td className="nowrap">
              <span className={`mini-status ${statusClass(c.before.status)}`}>{c.before.status}</span> → <span className={`mini-status ${statusClass(c.after.status)}`}>{c.after.status}</span>
            </td>
            <td>
              <span className={`change-class ${c.change}`}>{c.change}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
          {side.cites.map((c) => (
            <span key={c} className="chip cite" title="Domain reference section">
              {c}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

/** Both explanations of one changed cell, before and after, side by side. */
export function CellCompare({ cell, onClose }: { cell: DiffCell; onClose(): void }) {
  return (
    <section className="cell-compare" aria-label="Cell explanation">
      <div className="compare-bar">
        <span>
          <b>{callerText(cell.caller)}</b> · <code><BreakableCall call={cell.call} /></code> · {cell.kind}
        </span>
        <button type="button" className="icon" aria-label="Close cell explanation" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="muted small">Highlighted steps differ between the two sides.</p>
      <div className="compare-grid">
        <Side title="Before" side={cell.before} other={cell.after} />
        <Side title="After" side={cell.after} other={cell.before} />
      </div>
    </section>
  );
}
