/**
 * The diff at the current step: counts, the goal line of a fix, the blast radius, the changed cells
 * (paged, filterable, each explained on demand), equipment changes and the affected region.
 */
import type { BlastRectangle } from '../../../shared/whatif';
import { callerKey } from '../../../shared/whatif';
import { BlastRadius } from './BlastRadius';
import { withRectangle, DiffFilter } from './DiffFilter';
import { CellCompare, DiffTable } from './DiffTable';
import { AffectedRegion, DiffHead, EquipmentChanges, GoalLine } from './DiffSectionParts';
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
  const { setFilter, fetchCells, select } = useWhatIfStore(
    useShallow(st => ({ setFilter: st.setFilter, fetchCells: st.fetchCells, select: st.select })),
  );
  const n = s.draft.changes.length;
  const diff = s.result;
  if (!diff) return null;
  return (
    <section className="whatif-section" aria-label="Diff">
      <DiffHead diff={diff} />
      {s.draft.goal && <GoalLine goal={s.draft.goal} diff={diff} step={s.step} />}
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
            onPick={i => setFilter(withRectangle(s.filter, i))}
          />
          <h4 className="sub-title">Changed cells</h4>
          <DiffFilter
            key={`${s.loaded}`}
            filter={s.filter}
            matching={diff.matching}
            total={diff.counts.total}
            onChange={setFilter}
          />
          {diff.matching === 0 ? (
            <p className="muted">No changed cell passes the filter.</p>
          ) : (
            <DiffTable
              key={s.resultKey}
              total={diff.matching}
              first={diff.cells}
              fetchKey={s.resultKey}
              fetchCells={fetchCells}
              selected={s.selected?.index ?? null}
              goal={s.draft.goal}
              onSelect={select}
            />
          )}
          {s.selected && (
            <CellCompare
              cell={s.selected.cell}
              sides={s.selected.sides}
              error={s.selected.error}
              onClose={() => select(null)}
            />
          )}
        </>
      )}
      {diff.equipment.length > 0 && <EquipmentChanges diff={diff} />}
      {diff.region.length > 0 && <AffectedRegion region={diff.region} />}
    </section>
  );
}
