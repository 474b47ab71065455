/**
 * What the what-if diff is measured against, when that is not simply "the project as it is now":
 * an applied scenario (its diff and export use the baseline it was applied to; Revert restores that
 * baseline's state of its changes as one undoable edit), or a stored scenario saved on an earlier
 * revision (re-evaluated on the current model; a change that no longer applies is named below).
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { useReadOnly } from '../components/EditGuard';
import { useWhatIfStore } from './whatif-store';

export function BaselineNote() {
  const readOnly = useReadOnly();
  const s = useWhatIfStore(
    useShallow(st => ({
      applied: st.applied,
      dirty: st.dirty,
      stored: st.draft.id === undefined ? undefined : st.scenarios.find(x => x.id === st.draft.id),
    })),
  );
  const { revision, canUndo, undo } = useAppStore(
    useShallow(a => ({
      revision: a.info?.revision,
      canUndo: a.info?.canUndo ?? false,
      undo: a.undo,
    })),
  );
  if (s.applied) {
    const justNow = s.applied.revision === revision;
    return (
      <div className="applied-note" role="status" aria-label="Applied scenario">
        Applied “{s.applied.name}” to the baseline at revision {s.applied.revision}
        {justNow ? ': the Ask view and every other view now answer with these changes.' : '.'} The
        diff and the export below are against the baseline it was applied to.{' '}
        {justNow && canUndo && (
          <button type="button" className="link" onClick={() => void undo()}>
            Undo
          </button>
        )}{' '}
        <button
          type="button"
          className="link"
          disabled={readOnly}
          onClick={() => void useWhatIfStore.getState().revert()}
        >
          Revert
        </button>
      </div>
    );
  }
  const saved = s.stored?.baselineRevision;
  if (!s.dirty && saved !== undefined && revision !== undefined && saved !== revision) {
    return (
      <p className="baseline-note muted small" role="note" aria-label="Scenario baseline">
        Saved at revision {saved}; the project is now at revision {revision}, so the scenario is
        re-evaluated on the current model.
      </p>
    );
  }
  return null;
}
