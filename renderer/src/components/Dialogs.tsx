import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ModelEdit } from '../../../shared/model/edits';
import { checkName, renameEdit, splitNames, type RenameKind } from '../lib/edit-builders';
import { SemanticsDialog } from './SemanticsOptions';
import { useAppStore } from '../stores/app-store';
import { ProjectPathDialog } from './ProjectPathDialog';
import type { AddWhat, DialogState } from '../stores/ui-slice';

/**
 * After a project switch every dialog is already closed (resetForProject), and the user may have
 * opened the next one meanwhile: close only when this dialog is still the open one.
 */
export function closeIfStillOpen(mine: DialogState, close: () => void): void {
  if (useAppStore.getState().dialog === mine) close();
}

export function Dialogs() {
  const dialog = useAppStore(s => s.dialog);
  if (!dialog) return null;
  if (dialog.type === 'open-project') return <OpenProjectDialog />;
  if (dialog.type === 'unsaved-draft')
    return <UnsavedDraftDialog path={dialog.path} action={dialog.action ?? 'open'} />;
  if (dialog.type === 'project-path') return <ProjectPathDialog action={dialog.action} />;
  if (dialog.type === 'rename') return <RenameDialog kind={dialog.kind} name={dialog.name} />;
  if (dialog.type === 'semantics') return <SemanticsDialog />;
  return <AddDialog what={dialog.what} org={dialog.org} parent={dialog.parent} />;
}

export function Modal({
  title,
  children,
  onClose,
}: {
  title: string;
  children: ReactNode;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop" onMouseDown={e => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={ref}>
        <h3>{title}</h3>
        {children}
      </div>
    </div>
  );
}

/** Before another project opens: keep the unsaved what-if draft as a scenario, drop it, or stay. */
function UnsavedDraftDialog({ path, action }: { path: string; action: 'open' | 'new' }) {
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

function OpenProjectDialog() {
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

function RenameDialog({ kind, name }: { kind: RenameKind; name: string }) {
  const { applyEdit, setDialog, select } = useAppStore(
    useShallow(s => ({ applyEdit: s.applyEdit, setDialog: s.setDialog, select: s.select })),
  );
  const [to, setTo] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const close = () => setDialog(null);
  return (
    <Modal title={`Rename ${kind} ${name}`} onClose={close}>
      <form
        onSubmit={e => {
          e.preventDefault();
          const problem =
            checkName(kind, to) ??
            (to === name ? 'The new name is the same as the old one.' : null);
          if (problem) return setError(problem);
          void applyEdit(renameEdit(kind, name, to), `Renamed ${kind} ${name} to ${to}.`).then(
            ok => {
              if (ok) {
                close();
                void select({ kind, name: to });
              }
            },
          );
        }}
      >
        <label className="field">
          <span>New name</span>
          <input
            type="text"
            aria-label="New name"
            value={to}
            onChange={e => setTo(e.target.value)}
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
            Rename
          </button>
        </div>
      </form>
    </Modal>
  );
}

const ADD_TITLE: Record<AddWhat, string> = {
  user: 'Add user',
  group: 'Add group',
  organization: 'Add organization',
  unit: 'Add unit',
  thing: 'Add Thing',
  template: 'Add Thing template',
  shape: 'Add Thing shape',
};

function AddDialog({
  what,
  org,
  parent,
}: {
  what: AddWhat;
  org?: string | undefined;
  parent?: string | undefined;
}) {
  const { applyEdit, setDialog, select, items } = useAppStore(
    useShallow(s => ({
      applyEdit: s.applyEdit,
      setDialog: s.setDialog,
      select: s.select,
      items: s.allItems,
    })),
  );
  const templates = items.filter(i => i.kind === 'template').map(i => i.name);
  const [name, setName] = useState('');
  const [list, setList] = useState('');
  const [template, setTemplate] = useState(
    templates.find(t => t !== 'GenericThing') ?? templates[0] ?? 'GenericThing',
  );
  const [base, setBase] = useState('GenericThing');
  const [error, setError] = useState<string | null>(null);
  const close = () => setDialog(null);

  const build = (): ModelEdit => {
    switch (what) {
      case 'user':
        return { type: 'add-user', name, groups: splitNames(list) };
      case 'group':
        return { type: 'add-group', name, memberOf: splitNames(list) };
      case 'organization':
        return { type: 'add-organization', name };
      case 'unit':
        return { type: 'add-unit', org: org ?? '', parent: parent ?? '', name };
      case 'thing':
        return list.trim() === ''
          ? { type: 'add-thing', name, template }
          : { type: 'add-thing', name, template, owner: list.trim() };
      case 'template':
        return { type: 'add-template', name, base };
      case 'shape':
        return { type: 'add-shape', name };
    }
  };

  return (
    <Modal title={ADD_TITLE[what]} onClose={close}>
      <form
        onSubmit={e => {
          e.preventDefault();
          const problem = checkName(what, name);
          if (problem) return setError(problem);
          setError(null);
          void applyEdit(build(), `${ADD_TITLE[what].replace('Add', 'Added')} ${name}.`).then(
            ok => {
              if (!ok) return;
              close();
              if (what === 'unit') void select({ kind: 'organization', name: org ?? '' });
              else void select({ kind: what, name });
            },
          );
        }}
      >
        {what === 'unit' && (
          <p className="muted small">
            In organization <b>{org}</b>, below unit <b>{parent}</b>.
          </p>
        )}
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            aria-label="Name"
            value={name}
            onChange={e => setName(e.target.value)}
          />
        </label>
        {(what === 'user' || what === 'group') && (
          <label className="field">
            <span>
              {what === 'user' ? 'Groups (comma-separated)' : 'Member of groups (comma-separated)'}
            </span>
            <input
              type="text"
              aria-label={what === 'user' ? 'Groups' : 'Member of'}
              value={list}
              onChange={e => setList(e.target.value)}
            />
          </label>
        )}
        {what === 'thing' && (
          <>
            <label className="field">
              <span>Template</span>
              <select
                aria-label="Template"
                value={template}
                onChange={e => setTemplate(e.target.value)}
              >
                {templates.map(t => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Owner (optional)</span>
              <input
                type="text"
                aria-label="Owner"
                value={list}
                onChange={e => setList(e.target.value)}
              />
            </label>
          </>
        )}
        {what === 'template' && (
          <label className="field">
            <span>Base template</span>
            <select aria-label="Base template" value={base} onChange={e => setBase(e.target.value)}>
              {templates.map(t => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        )}
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
            Add
          </button>
        </div>
      </form>
    </Modal>
  );
}
