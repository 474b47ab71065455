/**
 * Electron entry (bundled to out/main/electron.cjs by scripts/build.mjs). Lifecycle and wiring
 * only: every decision lives in a small module with injected effects that is unit-tested without
 * Electron (window-options, protocol, security, ipc, menu, project-commands, data-dir, print-pdf).
 */
import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import type { ProjectInfo } from '../../shared/contract';
import type { Backend } from '../host/backend';
import { createWorkerBackend } from '../host/worker-backend';
import { APP_ENTRY_URL } from './channels';
import { projectFromArgv, resolveDataDir } from './data-dir';
import { forwardEvent, registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import {
  createElectronPdfPrinter,
  isPdfRequestAllowed,
  PDF_PARTITION,
  stageHtmlInTempDir,
} from './print-pdf';
import { PROJECT_FILE_FILTER, runProjectCommand } from './project-commands';
import type { ProjectCommand } from './project-commands';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol';
import { denyAllPermissions, installNavigationGuards } from './security';
import { windowOptions } from './window-options';

const APP_ID = 'com.permsim.app';
// esbuild emits CJS, where __dirname is out/main; the renderer build sits beside it.
const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// Fixed before userData is read, so the data dir is the same unpackaged and packaged (style.md §2.12)
// and browser mode (main/server/serve-cli.ts defaultDataDir) finds the same projects.
app.setName('PermSim');
// Must run before `ready`: app:// becomes a standard, secure origin (fetch, relative URLs, CSP 'self').
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

const openExternal = (url: string) => shell.openExternal(url);

// Guards on every webContents ever created, not just the main window's.
app.on('web-contents-created', (_event, contents) =>
  installNavigationGuards(contents, openExternal),
);

let backend: Backend | undefined;

/**
 * report:export's PDF printer: printToPDF on a hidden sandboxed window (main/app/print-pdf.ts).
 * Its session is guarded on first use, so nothing of it runs until the first PDF is asked for.
 */
function electronPdfPrinter() {
  const staged = new Set<string>();
  let guarded = false;
  return createElectronPdfPrinter({
    createWindow: options => {
      if (!guarded) {
        guarded = true;
        const pdfSession = session.fromPartition(PDF_PARTITION);
        denyAllPermissions(pdfSession);
        pdfSession.webRequest.onBeforeRequest((details, callback) =>
          callback({ cancel: ![...staged].some(u => isPdfRequestAllowed(details.url, u)) }),
        );
      }
      return new BrowserWindow(options);
    },
    stageHtml: async html => {
      const s = await stageHtmlInTempDir(html);
      staged.add(s.url);
      return { url: s.url, dispose: () => (staged.delete(s.url), s.dispose()) };
    },
  });
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir({
    env: process.env,
    isPackaged: app.isPackaged,
    userDataPath: app.getPath('userData'),
    realpath: realpathSync,
    mkdir: p => mkdirSync(p, { recursive: true }),
  });
  // The handler map, project and engine run in a worker thread, so a long what-if or a big model load
  // never blocks this thread (window, menus, IPC); printToPDF stays here and the worker borrows it.
  const projectPath = projectFromArgv(process.argv);
  const active = await createWorkerBackend({
    workerFile: path.join(__dirname, 'backend-worker.cjs'),
    dataDir,
    ...(projectPath !== undefined ? { projectPath } : {}),
    printPdf: electronPdfPrinter(),
  });
  backend = active;

  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, rendererDir);
  registerIpc(ipcMain, active.dispatch);

  const win = new BrowserWindow(windowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  active.subscribe((event, payload) => {
    if (win.isDestroyed()) return;
    forwardEvent(win.webContents, event, payload);
    if (event === 'project:changed') void refreshMenu();
  });

  const commandDeps = {
    dispatch: active.dispatch,
    async chooseProjectToOpen() {
      const r = await dialog.showOpenDialog(win, {
        title: 'Open PermSim project',
        properties: ['openFile'],
        filters: [PROJECT_FILE_FILTER],
      });
      return r.canceled ? undefined : r.filePaths[0];
    },
    async chooseProjectToSave(title: string) {
      const r = await dialog.showSaveDialog(win, { title, filters: [PROJECT_FILE_FILTER] });
      return r.canceled ? undefined : r.filePath;
    },
    showError: (title: string, message: string) => {
      void dialog.showMessageBox(win, { type: 'error', title, message: title, detail: message });
    },
    // The handler map already emits project:changed (forwarded above), which also rebuilds the menu.
    projectChanged: (_info: ProjectInfo) => undefined,
  };

  async function refreshMenu(): Promise<void> {
    const recent = await active.dispatch('project:recent', {});
    const template = buildMenuTemplate({
      recent: recent.ok ? (recent.value as string[]) : [],
      isMac: process.platform === 'darwin',
      isPackaged: app.isPackaged,
      runProjectCommand: (command: ProjectCommand) => void runProjectCommand(command, commandDeps),
      sendCommand: command => {
        if (!win.isDestroyed()) forwardEvent(win.webContents, 'menu:command', { command });
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  await refreshMenu();
  await win.loadURL(APP_ENTRY_URL);
}

app.on('window-all-closed', () => app.quit());

let closing = false;
app.on('before-quit', event => {
  // Close the SQLite project (PRAGMA optimize, close) before the process exits.
  if (closing || !backend) return;
  event.preventDefault();
  closing = true;
  void backend.close().finally(() => app.quit());
});

app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    dialog.showErrorBox('PermSim could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
