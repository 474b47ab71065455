/**
 * New project, Save As, and "Make an editable copy" of a read-only model file: where to write the
 * `.permsim` project. A new project is a project switch, so an unsaved what-if draft is asked
 * about first (Dialogs.tsx).
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { closeIfStillOpen, Modal } from './DialogFrame';

/** The suggested path: next to the open file, named after it, as a project. */
function suggested(path: string | undefined, action: 'new' | 'save-as'): string {
  if (!path) return '';
  const dir = path.replace(/[^/\\]*$/, '');
  if (action === 'new') return `${dir}new-project.permsim`;
  const base = path.slice(dir.length).replace(/\.(permsim|ya?ml|json)$/i, '');
  return `${dir}${base}-copy.permsim`;
}

export function ProjectPathDialog({ action }: { action: 'new' | 'save-as' }) {
  const { info, writeProject, setDialog } = useAppStore(
    useShallow(s => ({ info: s.info, writeProject: s.writeProject, setDialog: s.setDialog })),
  );
  const [path, setPath] = useState(() => suggested(info?.path, action));
  const [error, setError] = useState<string | null>(null);
  const title =
    action === 'new' ? 'New project' : info?.readOnly ? 'Make an editable copy' : 'Save project as';
  const mine = useAppStore(st => st.dialog);
  const close = () => setDialog(null);
  const submit = async () => {
    const p = path.trim();
    if (!p.endsWith('.permsim')) return setError('A project file ends in .permsim.');
    if (action === 'new' && useAppStore.getState().whatif.hasUnsavedDraft())
      return setDialog({ type: 'unsaved-draft', path: p, action: 'new' });
    setError(null);
    const problem = await writeProject(action, p);
    if (problem) setError(problem);
    else closeIfStillOpen(mine, close);
  };
  return (
    <Modal title={title} onClose={close}>
      <form
        onSubmit={e => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>Project file path</span>
          <input
            type="text"
            className="mono wide"
            aria-label="Project file path"
            aria-invalid={error !== null}
            value={path}
            onChange={e => setPath(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {action === 'new' ? 'Create' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
