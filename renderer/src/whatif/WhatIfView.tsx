/**
 * The What-if workbench (docs/whatif.md): build a change set (the form, or fix suggestions from the
 * Ask view), reorder or remove changes, watch users x calls, see the diff table and the blast
 * radius update, step through the changes one by one, and apply the scenario to the baseline as
 * one undoable edit. Scenarios are saved in the project. Its parts: ScenarioBar, ChangeList,
 * Stepper, DiffSection.
 */
import './whatif.css';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { useReadOnly } from '../components/EditGuard';
import { ChangeList } from './ChangeList';
import { DiffSection } from './DiffSection';
import { BaselineNote } from './BaselineNote';
import { ScenarioBar } from './ScenarioBar';
import { Stepper } from './Stepper';
import { useWhatIfStore } from './whatif-store';

export function WhatIfView() {
  const readOnly = useReadOnly();
  const s = useWhatIfStore(
    useShallow(st => ({
      n: st.draft.changes.length,
      result: st.result,
      error: st.error,
      running: st.running,
      filtered: Object.keys(st.filter).length > 0,
      applied: st.applied,
    })),
  );
  const store = useWhatIfStore.getState();
  const revision = useAppStore(a => a.info?.revision);

  useEffect(() => {
    void useWhatIfStore.getState().loadList();
  }, []);
  // The baseline changed (an edit, apply, undo): the diff is recomputed against the new baseline.
  useEffect(() => {
    // The list first: an Undo or Redo can take an apply back or bring it back.
    if (revision !== undefined)
      void useWhatIfStore
        .getState()
        .loadList()
        .then(() => useWhatIfStore.getState().recompute());
  }, [revision]);

  const n = s.n;
  const applied = s.applied !== null;

  return (
    <div className="whatif">
      <ScenarioBar />
      <ChangeList />
      <Stepper />

      <BaselineNote />
      {s.error && (
        <p className="form-error" role="alert">
          {s.error.message}
          {s.error.cancelled && (
            <>
              {' '}
              <button
                type="button"
                className="small-btn"
                onClick={() => void useWhatIfStore.getState().recompute()}
              >
                Compute the diff again
              </button>
              {s.filtered && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="small-btn"
                    // Unfiltered, the first page needs only the cells already listed.
                    onClick={() => useWhatIfStore.getState().setFilter({})}
                  >
                    Show all changed cells
                  </button>
                </>
              )}
            </>
          )}
        </p>
      )}

      {n > 0 && (s.running || (!s.result && !s.error)) && (
        <p className="muted" role="status" aria-label="Diff progress">
          Computing the diff of {n} change{n === 1 ? '' : 's'}…{' '}
          {s.running && (
            <button
              type="button"
              className="small-btn"
              onClick={() => useWhatIfStore.getState().cancelDiff()}
            >
              Cancel
            </button>
          )}
        </p>
      )}
      <DiffSection />

      {n > 0 && !applied && (
        <div className="apply-bar">
          <button
            type="button"
            className="primary"
            onClick={() => void store.apply()}
            // Apply acts on the diff shown: not before it is known (or while a newer one is
            // computed), nor when a change fails or the computation was cancelled.
            disabled={s.error !== null || s.result === null || s.running || readOnly}
          >
            Apply to baseline
          </button>
          <span className="muted small">
            All {n} change{n === 1 ? '' : 's'} as one edit of the project; the scenario is saved and
            marked applied. Undo or Revert restores it.
          </span>
        </div>
      )}
    </div>
  );
}
