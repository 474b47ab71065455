/**
 * The first step of File > Import…: what to import (files, a folder, or what was dropped), where the
 * model goes (the open project as one undoable edit, or a new project) and what to do when files
 * disagree.
 *
 * @example
 * <ImportChoices files={files} setFiles={setFiles} … onSubmit={() => void start(onConflict)} />
 */
import type { ProjectInfo } from '../../../shared/contract';
import type { OnConflict } from '../../../shared/import/types';
import type { PickedFile } from './import-store';
import { filesFromInput } from './pick-files';
import type { ImportTarget } from './use-import-run';
import { pickedBytes } from './use-import-run';

const CONFLICT_LABELS: Record<OnConflict, string> = {
  fail: 'Stop and list the conflicts',
  last: 'Later files win',
  first: 'Earlier files win',
};

export function ImportChoices(props: {
  files: PickedFile[];
  setFiles: (files: PickedFile[]) => void;
  /** The open project, if any: merging needs one. */
  info: ProjectInfo | null;
  target: ImportTarget;
  setTarget: (target: ImportTarget) => void;
  newPath: string;
  setNewPath: (path: string) => void;
  onConflict: OnConflict;
  setOnConflict: (policy: OnConflict) => void;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const { files, setFiles, info, target, setTarget, newPath, setNewPath } = props;
  const { onConflict, setOnConflict, error } = props;
  const bytes = pickedBytes(files);
  return (
    <form
      onSubmit={e => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <p className="muted small">
        Entity exports (XML, Composer: Import/Export &gt; Export &gt; To File, XML), a
        source-control folder with its permissions file, or entity JSON from the REST API. You can
        also drop files or a folder anywhere on the window.
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
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!files.length}>
          Import
        </button>
      </div>
    </form>
  );
}
