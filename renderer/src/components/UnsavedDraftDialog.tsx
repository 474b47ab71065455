/** Asked before another project opens while the what-if draft is unsaved. */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { closeIfStillOpen, Modal } from './DialogFrame';

/** Before another project opens: keep the unsaved what-if draft as a scenario, drop it, or stay. */
export function UnsavedDraftDialog({ path, action }: { path: string; action: 'open' | 'new' }) {
  const { openProject, writeProject, setDialog, draftName, changes, save } = useAppStore(
    useShallow(s => ({
      openProject: s.openProject,
      writeProject: s.writeProject,
      setDialog: s.setDialog,
      draftName: s.whatif.draft.name,
      changes: s.whatif.draft.changes.length,
      save: s.whatif.save,
    })),
  );
  const [error, setError] = useState<string | null>(null);
  const mine = useAppStore(st => st.dialog);
  const close = () => setDialog(null);
  const proceed = async (keep: boolean) => {
    setError(null);
    if (keep && !(await save())) {
      setError('The scenario could not be saved; the project was not switched.');
      return;
    }
    const problem = await (action === 'new' ? writeProject('new', path) : openProject(path));
    if (problem) setError(problem);
    else closeIfStillOpen(mine, close);
  };
  return (
    <Modal title="Unsaved what-if draft" onClose={close}>
      <p>
        The what-if draft <b>{draftName}</b> ({changes} change{changes === 1 ? '' : 's'}) is not
        saved. It belongs to this project and will not be carried over to {path}.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="button" onClick={() => void proceed(false)}>
          Discard draft
        </button>
        <button type="button" className="primary" onClick={() => void proceed(true)}>
          Save as scenario
        </button>
      </div>
    </Modal>
  );
}
