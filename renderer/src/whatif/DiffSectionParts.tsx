/**
 * The parts of the diff section (DiffSection.tsx) that only show the summary: its head (counts and
 * how much was re-evaluated), the goal line of a fix, equipment changes and the affected region.
 *
 * @example
 * <DiffHead diff={diff} />
 * <GoalLine goal={goal} diff={diff} step={step} />
 */
import type { SummaryPage } from '../../../shared/whatif';
import { describeCallerCounts, withoutCell } from '../../../shared/whatif';
import { BreakableCall } from './BreakableCall';
import { CLASSES } from './DiffFilter';
import type { Goal } from './whatif-store';

export function DiffHead({ diff }: { diff: SummaryPage }) {
  return (
    <div className="section-head">
      <h3 className="section-title">Diff</h3>
      <span className="counts" aria-label="Diff counts">
        {CLASSES.map(c => (
          <span key={c} className={`change-class ${c}`}>
            {diff.counts[c].toLocaleString()} {c}
          </span>
        ))}
      </span>
      <span
        className="muted small"
        title={
          diff.route === 'classes'
            ? 'Compared per group of alike Things and class of alike calls (docs/whatif.md)'
            : 'Compared cell by cell'
        }
      >
        {diff.evaluatedCells.toLocaleString()} of {diff.scopeCells.toLocaleString()} cells
        re-evaluated
        {diff.against ? ` · before = scenario “${diff.against}”` : ''}
      </span>
    </div>
  );
}

/** What the fix's goal cell did, and how many other cells change with it (and whose). */
export function GoalLine({ goal, diff, step }: { goal: Goal; diff: SummaryPage; step: number }) {
  const goalCell = diff.focus?.cell;
  const others = diff.counts.total - (goalCell ? 1 : 0);
  return (
    <p
      className={`goal-line ${goalCell?.after.status === 200 && others === 0 ? 'ok' : 'warn'}`}
      aria-label="Goal"
    >
      Asked: <b>{goal.caller.name}</b> ·{' '}
      <code>
        <BreakableCall call={goal.call} />
      </code>
      :{' '}
      {goalCell
        ? `${goalCell.before.status} → ${goalCell.after.status}`
        : step === 0
          ? 'not changed at step 0'
          : 'no change'}
      {' · '}
      {others === 0
        ? 'nothing else changes'
        : `${others} other cell${others === 1 ? '' : 's'} change (${describeCallerCounts(
            goalCell ? withoutCell(diff.byCaller, goalCell.caller, goalCell.change) : diff.byCaller,
          )})`}
    </p>
  );
}

export function EquipmentChanges({ diff }: { diff: SummaryPage }) {
  return (
    <>
      <h4 className="sub-title">Equipment permissions (§7.18)</h4>
      <table className="diff-table" aria-label="Equipment changes">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Equipment</th>
            <th scope="col">Before → after</th>
          </tr>
        </thead>
        <tbody>
          {diff.equipment.map((e, i) => (
            <tr key={i}>
              <td>{e.user}</td>
              <td>
                {e.context} / {e.equipment}
              </td>
              <td>
                {e.before} → {e.after}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function AffectedRegion({ region }: { region: string[] }) {
  return (
    <details className="region">
      <summary className="small">Affected region</summary>
      <ul className="small">
        {region.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </details>
  );
}
