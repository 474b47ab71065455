/**
 * The diff at the current step: counts, the goal line of a fix, the blast radius, the changed cells
 * (paged, filterable, each explained on demand), equipment changes and the affected region.
 */
import type { BlastRectangle } from '../../../shared/whatif';
import { callerKey, describeCallerCounts, withoutCell } from '../../../shared/whatif';
import { BlastRadius } from './BlastRadius';
import { BreakableCall } from './BreakableCall';
import { CLASSES, DiffFilter, withRectangle } from './DiffFilter';
import { CellCompare, DiffTable } from './DiffTable';
import type { Goal } from './whatif-store';
import { useShallow } from 'zustand/react/shallow';
import { useWhatIfStore } from './whatif-store';

function goalRect(goal: Goal | undefined) {
  const key = goal ? callerKey(goal.caller) : '';
  return (r: BlastRectangle) =>
    !!goal &&
    r.cells === 1 &&
    r.callers.length === 1 &&
    r.callers[0] === key &&
    r.change === 'gained';
}

export function DiffSection() {
  const s = useWhatIfStore(
    useShallow(st => ({
      draft: st.draft,
      step: st.step,
      result: st.result,
      selected: st.selected,
      resultKey: st.resultKey,
      filter: st.filter,
      loaded: st.loaded,
    })),
  );
  const store = useWhatIfStore.getState();
  const n = s.draft.changes.length;
  const diff = s.result;
  if (!diff) return null;
  const goalCell = diff.focus?.cell;
  const others = diff.counts.total - (goalCell ? 1 : 0);
  return (
    <section className="whatif-section" aria-label="Diff">
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
      {s.draft.goal && (
        <p
          className={`goal-line ${goalCell?.after.status === 200 && others === 0 ? 'ok' : 'warn'}`}
          aria-label="Goal"
        >
          Asked: <b>{s.draft.goal.caller.name}</b> ·{' '}
          <code>
            <BreakableCall call={s.draft.goal.call} />
          </code>
          :{' '}
          {goalCell
            ? `${goalCell.before.status} → ${goalCell.after.status}`
            : s.step === 0
              ? 'not changed at step 0'
              : 'no change'}
          {' · '}
          {others === 0
            ? 'nothing else changes'
            : `${others} other cell${others === 1 ? '' : 's'} change (${describeCallerCounts(
                goalCell
                  ? withoutCell(diff.byCaller, goalCell.caller, goalCell.change)
                  : diff.byCaller,
              )})`}
        </p>
      )}
      {diff.counts.total === 0 ? (
        <p className="muted">
          No cell in the scope answers differently{s.step < n ? ' at this step' : ''}.
        </p>
      ) : (
        <>
          <h4 className="sub-title">Blast radius</h4>
          <BlastRadius
            rects={diff.blastRadius}
            isGoal={goalRect(s.draft.goal)}
            picked={s.filter.rectangle ?? null}
            onPick={i => store.setFilter(withRectangle(s.filter, i))}
          />
          <h4 className="sub-title">Changed cells</h4>
          <DiffFilter
            key={`${s.loaded}`}
            filter={s.filter}
            matching={diff.matching}
            total={diff.counts.total}
            onChange={store.setFilter}
          />
          {diff.matching === 0 ? (
            <p className="muted">No changed cell passes the filter.</p>
          ) : (
            <DiffTable
              key={s.resultKey}
              total={diff.matching}
              first={diff.cells}
              fetchKey={s.resultKey}
              fetchCells={store.fetchCells}
              selected={s.selected?.index ?? null}
              goal={s.draft.goal}
              onSelect={store.select}
            />
          )}
          {s.selected && (
            <CellCompare
              cell={s.selected.cell}
              sides={s.selected.sides}
              error={s.selected.error}
              onClose={() => store.select(null)}
            />
          )}
        </>
      )}
      {diff.equipment.length > 0 && (
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
      )}
      {diff.region.length > 0 && (
        <details className="region">
          <summary className="small">Affected region</summary>
          <ul className="small">
            {diff.region.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
