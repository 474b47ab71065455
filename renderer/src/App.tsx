import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from './api';
import { AskView } from './components/AskView';
import { CenterTabs } from './components/CenterTabs';
import { Dialogs } from './components/Dialogs';
import { Inspector } from './components/Inspector';
import { Navigator } from './components/Navigator';
import { SavedRequests } from './components/SavedRequests';
import { Toasts } from './components/Toasts';
import { ReadOnlyBanner, TopBar } from './components/TopBar';
import { EquipmentView } from './trees';
import { GraphView } from './graph';
import { MatrixView } from './matrix';
import { ExportDialog, useExportDialog } from './report';
import { ImportDialog, ImportDropTarget, useImportDialog } from './import';
import { WhatIfView } from './whatif';
import { ReferencePanel } from './reference';
import { TrafficView } from './traffic';
import { LessonsPanel } from './lessons';
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
  const { centerTab, loaded, epoch, panels, presenter } = useAppStore(
    useShallow(s => ({
      epoch: s.projectEpoch,
      centerTab: s.centerTab,
      loaded: s.loaded,
      presenter: s.presenter,
      panels: s.panels,
    })),
  );
  // Presenter mode gives the room the whole view: the side panels stay folded meanwhile.
  const shown = presenter ? { navigator: false, inspector: false, lessons: false } : panels;

  useEffect(() => {
    const store = useAppStore.getState();
    void store.loadProject();
    const offChanged = api.on('project:changed', info => {
      void useAppStore.getState().projectChanged(info);
    });
    const offMenu = api.on('menu:command', ({ command }) => {
      const s = useAppStore.getState();
      if (command === 'undo') void s.undo();
      else if (command === 'redo') void s.redo();
      else if (command === 'open') s.setDialog({ type: 'open-project' });
      else if (command === 'new' || command === 'save-as')
        s.setDialog({ type: 'project-path', action: command });
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
    <div className={presenter ? 'app presenter' : 'app'} aria-busy={!loaded}>
      <a className="skip-link" href="#panel-center">
        Skip to the main view
      </a>
      <TopBar />
      <ReadOnlyBanner />
      {/* Keyed on the project: views' own state (matrix filters, forms) starts afresh with another one. */}
      <div className="workspace-row" key={epoch}>
        <div
          className={`workspace${shown.navigator ? '' : ' no-nav'}${shown.inspector ? '' : ' no-insp'}`}
        >
          {shown.navigator && <Navigator />}
          <main className="center">
            <CenterTabs />
            <div
              id="panel-center"
              role="tabpanel"
              aria-labelledby={`tab-${centerTab}`}
              className="center-body"
              tabIndex={-1}
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
              ) : centerTab === 'traffic' ? (
                <TrafficView />
              ) : (
                <SavedRequests />
              )}
            </div>
          </main>
          {shown.inspector && <Inspector />}
        </div>
        {shown.lessons && <LessonsPanel />}
      </div>
      <ReferencePanel />
      <Toasts />
      <Dialogs />
      <ExportDialog />
      <ImportDialog />
      <ImportDropTarget />
    </div>
  );
}
