/**
 * The What-if workbench (issue 6 item 5, architecture.md §4): build a change set (the form, or fix
 * suggestions from the Ask view), reorder or remove changes, watch users x calls, see the diff
 * table and the blast radius update, step through the changes one by one, and apply the scenario
 * to the baseline as one undoable edit. Scenarios are saved in the project.
 */
import './whatif.css';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type {
  BlastRectangle,
  ChangeClass,
  SummaryFilter,
  WhatIfChange,
} from '../../../shared/whatif';
import { describeChange } from '../../../shared/whatif';
import { useAppStore } from '../stores/app-store';
import { BlastRadius } from './BlastRadius';
import { BreakableCall } from './BreakableCall';
import { ChangeForm } from './ChangeForm';
import { CellCompare, DiffTable } from './DiffTable';
import { ExportChangesButton } from './ExportChangesDialog';
import { useWhatIfStore } from './whatif-store';
import type { Goal } from './whatif-store';

const splitList = (text: string, sep: RegExp): string[] => [
  ...new Set(
    text
      .split(sep)
      .map(s => s.trim())
      .filter(s => s !== ''),
  ),
];

function goalRect(goal: Goal | undefined) {
  const key = goal ? `${goal.caller.type}:${goal.caller.name}` : '';
  return (r: BlastRectangle) =>
    !!goal &&
    r.cells === 1 &&
    r.callers.length === 1 &&
    r.callers[0] === key &&
    r.change === 'gained';
}

export function WhatIfView() {
  const s = useWhatIfStore(
    useShallow(st => ({
      scenarios: st.scenarios,
      draft: st.draft,
      dirty: st.dirty,
      step: st.step,
      result: st.result,
      error: st.error,
      replay: st.replay,
      selected: st.selected,
      resultKey: st.resultKey,
      filter: st.filter,
      compareWith: st.compareWith,
      applied: st.applied,
      loaded: st.loaded,
    })),
  );
  const store = useWhatIfStore.getState();
  const { revision, canUndo, undo } = useAppStore(
    useShallow(a => ({
      revision: a.info?.revision,
      canUndo: a.info?.canUndo ?? false,
      undo: a.undo,
    })),
  );
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void useWhatIfStore.getState().loadList();
  }, []);
  // The baseline changed (an edit, apply, undo): the diff is recomputed against the new baseline.
  useEffect(() => {
    if (revision !== undefined) void useWhatIfStore.getState().recompute();
  }, [revision]);

  const n = s.draft.changes.length;
  const diff = s.result;
  const goalCell = diff?.focus?.cell;
  const others = diff ? diff.counts.total - (goalCell ? 1 : 0) : 0;
  const appliedNow = s.applied !== null && s.applied.revision === revision;

  return (
    <div className="whatif">
      <div className="whatif-bar" role="toolbar" aria-label="Scenario">
        <label className="field">
          <span>Scenario</span>
          <select
            aria-label="Saved scenarios"
            value={s.draft.id ?? ''}
            onChange={e =>
              e.target.value === '' ? store.newScenario() : store.open(Number(e.target.value))
            }
          >
            <option value="">{s.draft.id === undefined ? '(not saved)' : '(new scenario)'}</option>
            {s.scenarios.map(x => (
              <option key={x.id} value={x.id}>
                {x.name} ({x.changes.length})
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Name</span>
          <input
            type="text"
            aria-label="Scenario name"
            value={s.draft.name}
            onChange={e => store.rename(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="small-btn"
          onClick={() => void store.save()}
          disabled={!s.dirty && s.draft.id !== undefined}
        >
          Save
        </button>
        <button type="button" className="small-btn" onClick={() => store.newScenario()}>
          New
        </button>
        <ExportChangesButton />
        {s.draft.id !== undefined && (
          <button
            type="button"
            className="small-btn danger"
            onClick={() => void store.remove(s.draft.id as number)}
          >
            Delete
          </button>
        )}
        {s.dirty && <span className="tag warn">unsaved</span>}
        <label className="field">
          <span>Compare with</span>
          <select
            aria-label="Compare with"
            value={s.compareWith ?? ''}
            onChange={e =>
              store.setCompareWith(e.target.value === '' ? null : Number(e.target.value))
            }
          >
            <option value="">the baseline</option>
            {s.scenarios
              .filter(x => x.id !== s.draft.id)
              .map(x => (
                <option key={x.id} value={x.id}>
                  scenario {x.name}
                </option>
              ))}
          </select>
        </label>
      </div>

      <section className="whatif-section" aria-label="Changes">
        <div className="section-head">
          <h3 className="section-title">Changes</h3>
          <span className="muted small">applied in order to the project&apos;s model</span>
          <button
            type="button"
            className="small-btn"
            onClick={() => setAdding(a => !a)}
            aria-expanded={adding}
          >
            + Add change
          </button>
        </div>
        {adding && <ChangeForm onDone={() => setAdding(false)} />}
        {n === 0 ? (
          <p className="muted">
            No changes yet. Add one with the form, or ask a failing call in the <b>Ask</b> view and
            press <b>Suggest fixes</b>.
          </p>
        ) : (
          <ol className="change-list" aria-label="Change list">
            {s.draft.changes.map((c: WhatIfChange, i) => (
              <li
                key={i}
                className={`change-item ${i < s.step ? 'on' : 'off'} ${s.error?.index === i ? 'bad' : ''}`}
                aria-label={`Change ${i + 1}: ${describeChange(c)}`}
              >
                <span className="change-no">{i + 1}</span>
                <span className="change-desc">{describeChange(c)}</span>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Move change ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => store.moveChange(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Move change ${i + 1} down`}
                  disabled={i === n - 1}
                  onClick={() => store.moveChange(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove change ${i + 1}`}
                  onClick={() => store.removeChange(i)}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
        )}
        <WatchEditor
          key={s.loaded}
          users={s.draft.watchUsers}
          calls={s.draft.watchCalls}
          onChange={store.setWatch}
        />
      </section>

      {n > 0 && (
        <section className="whatif-section stepper" aria-label="Steps">
          <button
            type="button"
            className="small-btn"
            aria-label="Previous step"
            disabled={s.step === 0}
            onClick={() => store.setStep(s.step - 1)}
          >
            ◀
          </button>
          <input
            type="range"
            aria-label="Step"
            min={0}
            max={n}
            value={s.step}
            onChange={e => store.setStep(Number(e.target.value))}
          />
          <button
            type="button"
            className="small-btn"
            aria-label="Next step"
            disabled={s.step === n}
            onClick={() => store.setStep(s.step + 1)}
          >
            ▶
          </button>
          <span className="step-label" aria-live="polite">
            {s.step === 0
              ? 'Step 0: the baseline (no change applied)'
              : `Step ${s.step} of ${n}: ${describeChange(s.draft.changes[s.step - 1] as WhatIfChange)}`}
            {s.replay && s.step > 0 && s.replay[s.step - 1] && (
              <span className="muted">
                {' '}
                — this change alone: {s.replay[s.step - 1]?.counts.total.toLocaleString()} cell(s)
              </span>
            )}
          </span>
        </section>
      )}

      {appliedNow && (
        <div className="applied-note" role="status" aria-label="Applied scenario">
          Applied “{s.applied?.name}” to the baseline: the Ask view and every other view now answer
          with these changes.{' '}
          {canUndo && (
            <button type="button" className="link" onClick={() => void undo()}>
              Undo
            </button>
          )}
        </div>
      )}
      {s.error && (
        <p className="form-error" role="alert">
          {s.error.message}
        </p>
      )}

      {diff && (
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
                : `${others} other cell${others === 1 ? '' : 's'} change`}
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
      )}

      {n > 0 && !appliedNow && (
        <div className="apply-bar">
          <button
            type="button"
            className="primary"
            onClick={() => void store.apply()}
            disabled={s.error !== null}
          >
            Apply to baseline
          </button>
          <span className="muted small">
            All {n} change{n === 1 ? '' : 's'} as one edit of the project; Undo restores it.
          </span>
        </div>
      )}
    </div>
  );
}

const CLASSES: ChangeClass[] = ['gained', 'revoked', 'changed', 'unknown'];

function withRectangle(f: SummaryFilter, i: number | null): SummaryFilter {
  const { rectangle: _r, ...rest } = f;
  return i === null ? rest : { ...rest, rectangle: i };
}

/** Which changed cells the table lists: by class (all by default), by text; the blast radius picks a rectangle. */
function DiffFilter({
  filter,
  matching,
  total,
  onChange,
}: {
  filter: SummaryFilter;
  matching: number;
  total: number;
  onChange(f: SummaryFilter): void;
}) {
  const [text, setText] = useState(filter.text ?? '');
  // Typing is debounced: each keystroke would otherwise ask main for a new page.
  useEffect(() => {
    if (text === (filter.text ?? '')) return;
    const t = setTimeout(() => {
      const { text: _t, ...rest } = filter;
      onChange(text.trim() === '' ? rest : { ...rest, text });
    }, 250);
    return () => clearTimeout(t);
  }, [text, filter, onChange]);
  const on = new Set(filter.change && filter.change.length > 0 ? filter.change : CLASSES);
  const toggle = (c: ChangeClass) => {
    const next = new Set(on);
    if (next.has(c)) next.delete(c);
    else next.add(c);
    const { change: _c, ...rest } = filter;
    onChange(
      next.size === CLASSES.length || next.size === 0
        ? rest
        : { ...rest, change: CLASSES.filter(x => next.has(x)) },
    );
  };
  return (
    <div className="diff-filter" role="group" aria-label="Filter changed cells">
      {CLASSES.map(c => (
        <button
          key={c}
          type="button"
          className={`change-class ${c}`}
          aria-pressed={on.has(c)}
          onClick={() => toggle(c)}
        >
          {c}
        </button>
      ))}
      <input
        type="search"
        aria-label="Filter by caller or call"
        placeholder="caller or call contains…"
        value={text}
        onChange={e => setText(e.target.value)}
      />
      {filter.rectangle !== undefined && (
        <button
          type="button"
          className="small-btn"
          onClick={() => onChange(withRectangle(filter, null))}
        >
          Rectangle {filter.rectangle + 1} ×
        </button>
      )}
      <span className="muted small" aria-live="polite">
        {matching === total
          ? `${total.toLocaleString()} changed cell${total === 1 ? '' : 's'}`
          : `${matching.toLocaleString()} of ${total.toLocaleString()} changed cells`}
      </span>
    </div>
  );
}

function WatchEditor({
  users,
  calls,
  onChange,
}: {
  users: string[];
  calls: string[];
  onChange(users: string[], calls: string[]): void;
}) {
  const [u, setU] = useState(users.join(', '));
  const [c, setC] = useState(calls.join('\n'));
  const commit = () => {
    const nu = splitList(u, /[,\s]+/);
    const nc = splitList(c, /\n/);
    if (nu.join(',') !== users.join(',') || nc.join('\n') !== calls.join('\n')) onChange(nu, nc);
  };
  return (
    <details className="watch" open={users.length > 0 || calls.length > 0}>
      <summary>
        Watch {users.length > 0 ? `${users.length} user(s)` : 'every user and key'} ×{' '}
        {calls.length > 0 ? `${calls.length} call(s)` : 'every call of the affected entities'}
      </summary>
      <div className="row wrap">
        <label className="field">
          <span>Users (appKey:name for a key)</span>
          <input
            type="text"
            aria-label="Watched users"
            placeholder="alice, bob"
            value={u}
            onChange={e => setU(e.target.value)}
            onKeyDown={e => e.key === 'Enter' && commit()}
          />
        </label>
        <label className="field grow">
          <span>Calls, one per line</span>
          <textarea
            aria-label="Watched calls"
            className="mono"
            rows={2}
            placeholder="POST /Thingworx/Things/SensorDataStream/Services/GetDataStream"
            value={c}
            onChange={e => setC(e.target.value)}
          />
        </label>
        <button type="button" className="small-btn" onClick={commit}>
          Update watch
        </button>
      </div>
    </details>
  );
}
