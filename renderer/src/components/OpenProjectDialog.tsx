/**
 * Open… in browser mode: a project or model file by path (with completion on the server's
 * machine), a recent project, or a bundled demo model (read-only, or an editable copy).
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { DemoList } from './DemoList';
import { closeIfStillOpen, Modal } from './DialogFrame';
import { PathField } from './PathField';
import './open-dialog.css';

export function OpenProjectDialog() {
  const { openProject, setDialog, run, info } = useAppStore(
    useShallow(s => ({
      openProject: s.openProject,
      setDialog: s.setDialog,
      run: s.run,
      info: s.info,
    })),
  );
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const mine = useAppStore(st => st.dialog);
  const close = () => setDialog(null);
  useEffect(() => {
    void run('project:recent', {}, { quiet: true }).then(r => r.ok && setRecent(r.value));
  }, [run]);
  const open = async (p: string, copy = false) => {
    if (p.trim() === '') return setError('Type the path of a .permsim project file.');
    setError(null);
    // The what-if draft belongs to this project: ask what to do with it before leaving.
    if (useAppStore.getState().whatif.hasUnsavedDraft())
      return setDialog({ type: 'unsaved-draft', path: p.trim() });
    const problem = await openProject(p.trim());
    if (problem) setError(problem);
    // The copy is the opened model file saved as a project: the path dialog asks where.
    else if (copy) setDialog({ type: 'project-path', action: 'save-as' });
    else closeIfStillOpen(mine, close);
  };
  return (
    <Modal title="Open project" onClose={close}>
      <form
        className="open-dialog"
        onSubmit={e => {
          e.preventDefault();
          void open(path);
        }}
      >
        <PathField value={path} onChange={setPath} onEnter={() => void open(path)} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {recent.length > 0 && (
          <section className="recent" aria-label="Recent projects">
            <div className="muted small">Recent projects</div>
            <ul>
              {recent.map(r => (
                <li key={r}>
                  <button
                    type="button"
                    className="link mono"
                    onClick={() => void open(r)}
                    disabled={r === info?.path}
                  >
                    {r}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <DemoList onOpen={(p, copy) => void open(p, copy)} />
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Open
          </button>
        </div>
      </form>
    </Modal>
  );
}
