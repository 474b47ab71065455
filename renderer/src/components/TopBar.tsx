import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BusyIndicator } from './BusyIndicator';
import { useExportDialog } from '../report/export-store';
import { useImportDialog } from '../import/import-store';
import { useAppStore } from '../stores/app-store';

/** Escape leaves presenter mode (when no dialog is open: there Escape closes the dialog). */
function usePresenterEscape(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState();
      if (e.key === 'Escape' && s.presenter && s.dialog === null) s.setPresenter(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Below this width (the layout's breakpoint) the lessons panel folds the navigator away. */
const NARROW_WINDOW = 1280;

export function TopBar() {
  usePresenterEscape();
  const {
    info,
    busy,
    busyLabel,
    undo,
    redo,
    setDialog,
    panels,
    togglePanel,
    presenter,
    setPresenter,
  } = useAppStore(
    useShallow(s => ({
      presenter: s.presenter,
      setPresenter: s.setPresenter,
      panels: s.panels,
      togglePanel: s.togglePanel,
      info: s.info,
      busy: s.busy,
      busyLabel: s.busyLabel,
      undo: s.undo,
      redo: s.redo,
      setDialog: s.setDialog,
    })),
  );
  return (
    <header className="topbar">
      <div className="brand" aria-label="PermSim">
        <span className="logo" aria-hidden="true">
          ◆
        </span>{' '}
        PermSim
      </div>
      <div className="project" title={info?.path ?? ''}>
        <span className="project-name" aria-label="Project name">
          {info?.modelName ?? 'No project open'}
        </span>
        {info && <span className="project-path">{info.path}</span>}
      </div>
      <div className="topbar-actions">
        <button
          type="button"
          className="file-action"
          onClick={() => setDialog({ type: 'project-path', action: 'new' })}
        >
          New…
        </button>
        <button
          type="button"
          className="file-action"
          onClick={() => setDialog({ type: 'open-project' })}
        >
          Open…
        </button>
        <button
          type="button"
          className="file-action"
          onClick={() => setDialog({ type: 'project-path', action: 'save-as' })}
          disabled={!info}
        >
          Save as…
        </button>
        <button
          type="button"
          className="file-action"
          onClick={() => useImportDialog.getState().openDialog()}
          title="Import ThingWorx entity exports, permissions files or entity JSON"
        >
          Import…
        </button>
        <button
          type="button"
          className="file-action"
          onClick={() => useExportDialog.getState().openDialog()}
          disabled={!info}
          title="Export a report: HTML, PDF, CSV or JSON"
        >
          Export…
        </button>
        <button
          type="button"
          onClick={() => setDialog({ type: 'semantics' })}
          disabled={!info}
          title="Semantics options: switch one and see what changes"
        >
          Semantics…
        </button>
        <button
          type="button"
          aria-pressed={panels.lessons}
          // Only name the panel while it exists: a reference to a missing id is invalid ARIA.
          aria-controls={panels.lessons ? 'lessons-panel' : undefined}
          onClick={() => {
            // Three panels leave the view too little room in a small window: the navigator folds.
            if (!panels.lessons && panels.navigator && window.innerWidth < NARROW_WINDOW)
              togglePanel('navigator');
            togglePanel('lessons');
          }}
          title="Lessons with a checker: a course on the permission model"
        >
          Lessons
        </button>
        <button
          type="button"
          aria-pressed={presenter}
          onClick={() => setPresenter(!presenter)}
          title="Presenter mode: larger type, side panels hidden (Esc leaves it)"
        >
          Present
        </button>
        <span className="sep" aria-hidden="true" />
        <button
          type="button"
          onClick={() => void undo()}
          disabled={!info?.canUndo}
          title="Undo the last model edit (Ctrl+Z)"
          aria-keyshortcuts="Control+Z"
        >
          ↶ Undo
        </button>
        <button
          type="button"
          onClick={() => void redo()}
          disabled={!info?.canRedo}
          title="Redo (Ctrl+Shift+Z)"
          aria-keyshortcuts="Control+Shift+Z"
        >
          ↷ Redo
        </button>
        <BusyIndicator />
        {info && (
          <span className="revision" title="Saved revision of the project file">
            rev {info.revision}
          </span>
        )}
      </div>
      <div
        className={busy > 0 ? 'progress active' : 'progress'}
        role="progressbar"
        aria-label="Working"
        aria-busy={busy > 0}
        aria-valuetext={busy > 0 ? busyLabel || 'Working' : 'Idle'}
      >
        <div className="progress-bar" />
      </div>
    </header>
  );
}

/** A model file opened as it is can be read, not edited: say so, and offer the way out. */
export function ReadOnlyBanner() {
  const { readOnly, setDialog } = useAppStore(
    useShallow(s => ({ readOnly: s.info?.readOnly === true, setDialog: s.setDialog })),
  );
  if (!readOnly) return null;
  return (
    <div className="readonly-banner" role="status" aria-label="Read-only model file">
      <span>
        <b>Read-only model file:</b> edits are off until you copy it into a project.
      </span>
      <button
        type="button"
        className="small-btn primary"
        onClick={() => setDialog({ type: 'project-path', action: 'save-as' })}
      >
        Make an editable copy
      </button>
    </div>
  );
}
