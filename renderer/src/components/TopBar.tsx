import { useShallow } from 'zustand/react/shallow';
import { useExportDialog } from '../report/export-store';
import { useImportDialog } from '../import/import-store';
import { useAppStore } from '../stores/app-store';

export function TopBar() {
  const { info, busy, busyLabel, undo, redo, setDialog } = useAppStore(
    useShallow(s => ({
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
        <button type="button" onClick={() => setDialog({ type: 'open-project' })}>
          Open…
        </button>
        <button
          type="button"
          onClick={() => useImportDialog.getState().openDialog()}
          title="Import ThingWorx entity exports, permissions files or entity JSON"
        >
          Import…
        </button>
        <button
          type="button"
          onClick={() => useExportDialog.getState().openDialog()}
          disabled={!info}
          title="Export a report: HTML, PDF, CSV or JSON"
        >
          Export…
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
