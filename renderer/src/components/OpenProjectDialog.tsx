/** Open… in browser mode: a project or model file by path. */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { closeIfStillOpen, Modal } from './DialogFrame';

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
  const open = async (p: string) => {
    if (p.trim() === '') return setError('Type the path of a .permsim project file.');
    setError(null);
    // The what-if draft belongs to this project: ask what to do with it before leaving.
    if (useAppStore.getState().whatif.hasUnsavedDraft())
      return setDialog({ type: 'unsaved-draft', path: p.trim() });
    const problem = await openProject(p.trim());
    if (problem) setError(problem);
    else closeIfStillOpen(mine, close);
  };
  return (
    <Modal title="Open project" onClose={close}>
      <form
        onSubmit={e => {
          e.preventDefault();
          void open(path);
        }}
      >
        <label className="field">
          <span>Project file path</span>
          <input
            type="text"
            className="mono wide"
            aria-label="Project file path"
            placeholder="/home/me/plant.permsim"
            value={path}
            onChange={e => setPath(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {recent.length > 0 && (
          <div className="recent">
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
          </div>
        )}
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
