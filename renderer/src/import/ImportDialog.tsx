/**
 * File > Import…: choose files or a folder (or drop them anywhere on the window), choose where the
 * model goes (merged into the open project as one undoable edit, or a new project) and what to do
 * when files disagree, then watch the progress (with Cancel) and read the import report.
 * The import itself runs in the backend worker (`project:import`), so the window stays responsive.
 */
import { useEffect, useState } from 'react';
import { DialogFrame } from '../components/DialogFrame';
import type { ImportOutcome } from '../../../shared/contract';
import { IMPORT_UPLOAD_LIMIT_BYTES } from '../../../shared/contract/limits';
import type { OnConflict } from '../../../shared/import/types';
import { api } from '../api';
import { useAppStore } from '../stores/app-store';
import { ImportReport } from './ImportReport';
import { useImportDialog } from './import-store';
import type { PickedFile } from './import-store';
import { filesFromDrop, filesFromInput, toBase64 } from './pick-files';
import './import.css';

const CONFLICT_LABELS: Record<OnConflict, string> = {
  fail: 'Stop and list the conflicts',
  last: 'Later files win',
  first: 'Earlier files win',
};

export function ImportDialog() {
  const open = useImportDialog(s => s.open);
  return open ? <ImportForm /> : null;
}

/** Drops anywhere on the page open the Import dialog with the dropped files and folders. */
export function ImportDropTarget() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      void filesFromDrop(e.dataTransfer).then(files => {
        if (files.length) useImportDialog.getState().openDialog(files);
      });
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return over ? (
    <div className="import-drop-overlay" aria-hidden="true">
      Drop ThingWorx export files or folders to import them
    </div>
  ) : null;
}

type Phase =
  | { step: 'choose' }
  | { step: 'running'; done: number; total: number; label: string }
  | { step: 'report'; outcome: ImportOutcome };

function ImportForm() {
  const close = useImportDialog(s => s.close);
  const dropped = useImportDialog(s => s.dropped);
  const info = useAppStore(s => s.info);
  const [files, setFiles] = useState<PickedFile[]>(dropped ?? []);
  const [target, setTarget] = useState<'merge' | 'new'>(info ? 'merge' : 'new');
  const [newPath, setNewPath] = useState('');
  const [onConflict, setOnConflict] = useState<OnConflict>('fail');
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (dropped) setFiles(dropped);
  }, [dropped]);
  useEffect(
    () =>
      api.on('import:progress', p =>
        setPhase(ph =>
          ph.step === 'running'
            ? { ...ph, done: p.done, total: p.total, label: 'Reading files' }
            : ph,
        ),
      ),
    [],
  );

  const bytes = files.reduce((n, f) => n + f.file.size, 0);
  const running = phase.step === 'running';

  const start = async (policy: OnConflict) => {
    setError(null);
    if (!files.length) return setError('Choose files or a folder to import first.');
    if (target === 'new' && !/\.permsim$/.test(newPath.trim()))
      return setError('Give the new project a path ending in .permsim.');
    if (bytes > IMPORT_UPLOAD_LIMIT_BYTES)
      return setError(
        `These files are ${(bytes / 1e6).toFixed(1)} MB, more than one import from the app takes (${(IMPORT_UPLOAD_LIMIT_BYTES / 1e6).toFixed(0)} MB). Import them with the command line: permsim import FOLDER --into PROJECT.permsim`,
      );
    setPhase({ step: 'running', done: 0, total: files.length, label: 'Preparing files' });
    const payload: { path: string; base64: string }[] = [];
    for (const f of files) {
      try {
        payload.push({ path: f.path, base64: await toBase64(f.file) });
      } catch {
        setPhase({ step: 'choose' });
        return setError(`${f.path} could not be read; choose the files again.`);
      }
    }
    setPhase({ step: 'running', done: 0, total: files.length, label: 'Reading files' });
    const r = await api.call('project:import', {
      files: payload,
      onConflict: policy,
      ...(target === 'new' ? { newProject: newPath.trim() } : {}),
    });
    if (!r.ok) {
      setPhase({ step: 'choose' });
      setError(r.error.message);
      return;
    }
    setOnConflict(policy);
    setPhase({ step: 'report', outcome: r.value });
  };

  return (
    <DialogFrame
      title="Import ThingWorx entities"
      label="Import"
      className="import-dialog"
      onClose={close}
      canClose={!running}
    >
      {phase.step === 'choose' && (
        <form
          onSubmit={e => {
            e.preventDefault();
            void start(onConflict);
          }}
        >
          <p className="muted small">
            Entity exports (XML, Composer: Import/Export &gt; Export &gt; To File, XML), a
            source-control folder with its permissions file, or entity JSON from the REST API. You
            can also drop files or a folder anywhere on the window.
          </p>
          <div className="import-pickers">
            <label className="button-like">
              Choose files…
              <input
                type="file"
                multiple
                accept=".xml,.json,.twx"
                aria-label="Choose files"
                onChange={e => setFiles(filesFromInput(e.currentTarget.files, false))}
              />
            </label>
            <label className="button-like">
              Choose a folder…
              <input
                type="file"
                aria-label="Choose a folder"
                {...{ webkitdirectory: '', directory: '' }}
                onChange={e => setFiles(filesFromInput(e.currentTarget.files, true))}
              />
            </label>
            <span className="import-chosen" aria-live="polite">
              {files.length
                ? `${files.length} file${files.length === 1 ? '' : 's'} chosen (${(bytes / 1024).toFixed(0)} KB)`
                : 'Nothing chosen yet'}
            </span>
          </div>
          {files.length > 0 && (
            <ul className="import-file-list" aria-label="Chosen files">
              {files.slice(0, 8).map(f => (
                <li key={f.path} className="mono small">
                  {f.path}
                </li>
              ))}
              {files.length > 8 && <li className="muted small">… and {files.length - 8} more</li>}
            </ul>
          )}
          <fieldset>
            <legend>Into</legend>
            <label className="check">
              <input
                type="radio"
                name="import-target"
                checked={target === 'merge'}
                disabled={!info}
                onChange={() => setTarget('merge')}
              />
              The open project{info ? ` (${info.modelName})` : ''}, as one edit you can undo
            </label>
            <label className="check">
              <input
                type="radio"
                name="import-target"
                checked={target === 'new'}
                onChange={() => setTarget('new')}
              />
              A new project
            </label>
            {target === 'new' && (
              <input
                type="text"
                className="mono"
                aria-label="New project path"
                placeholder="/path/to/deployment.permsim"
                value={newPath}
                onChange={e => setNewPath(e.target.value)}
              />
            )}
          </fieldset>
          <label className="field">
            When two files define an entity differently
            <select
              aria-label="When files disagree"
              value={onConflict}
              onChange={e => setOnConflict(e.target.value as OnConflict)}
            >
              {(['fail', 'last', 'first'] as const).map(p => (
                <option key={p} value={p}>
                  {CONFLICT_LABELS[p]}
                </option>
              ))}
            </select>
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
            <button type="submit" className="primary" disabled={!files.length}>
              Import
            </button>
          </div>
        </form>
      )}
      {phase.step === 'running' && (
        <div className="import-progress" role="status" aria-live="polite">
          <progress
            aria-label="Importing"
            max={phase.total || 1}
            value={phase.label === 'Reading files' ? phase.done : undefined}
          />
          <span>
            {phase.label}… {phase.done}/{phase.total}
          </span>
          <button type="button" onClick={() => void api.call('project:import-cancel', {})}>
            Cancel
          </button>
        </div>
      )}
      {phase.step === 'report' && (
        <>
          {phase.outcome.cancelled ? (
            <p role="status">Import cancelled; nothing was imported.</p>
          ) : (
            <ImportReport report={phase.outcome.report} imported={phase.outcome.imported} />
          )}
          <div className="dialog-actions">
            {!phase.outcome.imported &&
              phase.outcome.report.conflicts.length > 0 &&
              phase.outcome.report.refusals.length === 0 && (
                <button type="button" onClick={() => void start('last')}>
                  Import again, later files win
                </button>
              )}
            <button type="button" className="primary" onClick={close}>
              Close
            </button>
          </div>
        </>
      )}
    </DialogFrame>
  );
}
