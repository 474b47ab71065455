import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from './api';
import { AskView } from './components/AskView';
import { Dialogs } from './components/Dialogs';
import { Inspector } from './components/Inspector';
import { Navigator } from './components/Navigator';
import { SavedRequests } from './components/SavedRequests';
import { Toasts } from './components/Toasts';
import { TopBar } from './components/TopBar';
import { EquipmentView } from './trees';
import { GraphView } from './graph';
import { MatrixView } from './matrix';
import { ExportDialog, useExportDialog } from './report';
import { ImportDialog, ImportDropTarget, useImportDialog } from './import';
import { WhatIfView } from './whatif';
import { shortcutFor } from './lib/shortcuts';
import { useAppStore } from './stores/app-store';

function isTextTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return (
    t.isContentEditable ||
    t.tagName === 'TEXTAREA' ||
    (t.tagName === 'INPUT' &&
      (t as HTMLInputElement).type !== 'checkbox' &&
      (t as HTMLInputElement).type !== 'radio')
  );
}

/** The app shell: navigator | Ask / saved requests | inspector, plus the top bar, toasts and dialogs. */
export function App() {
  const { centerTab, setCenterTab, requestCount, loaded } = useAppStore(
    useShallow(s => ({
      centerTab: s.centerTab,
      setCenterTab: s.setCenterTab,
      requestCount: s.requests.length,
      loaded: s.loaded,
    })),
  );

  useEffect(() => {
    const store = useAppStore.getState();
    void store.loadProject();
    const offChanged = api.on('project:changed', info => {
      void useAppStore.getState().afterChange(info);
    });
    const offMenu = api.on('menu:command', ({ command }) => {
      const s = useAppStore.getState();
      if (command === 'undo') void s.undo();
      else if (command === 'redo') void s.redo();
      else if (command === 'open') s.setDialog({ type: 'open-project' });
      else if (command === 'export') useExportDialog.getState().openDialog();
      else if (command === 'import') useImportDialog.getState().openDialog();
      else s.notify('info', `"${command}" is available from the desktop menu only.`);
    });
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        targetIsText: isTextTarget(e.target),
      });
      if (!action) return;
      e.preventDefault();
      const s = useAppStore.getState();
      void (action === 'undo' ? s.undo() : s.redo());
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offChanged();
      offMenu();
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <div className="app" aria-busy={!loaded}>
      <TopBar />
      <div className="workspace">
        <Navigator />
        <main className="center">
          <div className="tabs" role="tablist" aria-label="Views">
            <button
              role="tab"
              id="tab-ask"
              aria-selected={centerTab === 'ask'}
              aria-controls="panel-center"
              onClick={() => setCenterTab('ask')}
            >
              Ask
            </button>
            <button
              role="tab"
              id="tab-requests"
              aria-selected={centerTab === 'requests'}
              aria-controls="panel-center"
              onClick={() => setCenterTab('requests')}
            >
              Saved requests <span className="count">{requestCount}</span>
            </button>
            <button
              role="tab"
              id="tab-equipment"
              aria-selected={centerTab === 'equipment'}
              aria-controls="panel-center"
              onClick={() => setCenterTab('equipment')}
            >
              Equipment
            </button>
            <button
              role="tab"
              id="tab-graph"
              aria-selected={centerTab === 'graph'}
              aria-controls="panel-center"
              onClick={() => setCenterTab('graph')}
            >
              Graph
            </button>
            <button
              role="tab"
              id="tab-matrix"
              aria-selected={centerTab === 'matrix'}
              aria-controls="panel-center"
              onClick={() => setCenterTab('matrix')}
            >
              Matrix
            </button>
            <button
              role="tab"
              id="tab-whatif"
              aria-selected={centerTab === 'whatif'}
              aria-controls="panel-center"
              onClick={() => setCenterTab('whatif')}
            >
              What-if
            </button>
          </div>
          <div
            id="panel-center"
            role="tabpanel"
            aria-labelledby={`tab-${centerTab}`}
            className="center-body"
          >
            {centerTab === 'ask' ? (
              <AskView />
            ) : centerTab === 'equipment' ? (
              <EquipmentView />
            ) : centerTab === 'graph' ? (
              <GraphView />
            ) : centerTab === 'matrix' ? (
              <MatrixView />
            ) : centerTab === 'whatif' ? (
              <WhatIfView />
            ) : (
              <SavedRequests />
            )}
          </div>
        </main>
        <Inspector />
      </div>
      <Toasts />
      <Dialogs />
      <ExportDialog />
      <ImportDialog />
      <ImportDropTarget />
    </div>
  );
}
