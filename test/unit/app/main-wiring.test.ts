// The Electron entry (main/app/main.ts) cannot run here (no Electron binary), so this bundles it
// exactly as scripts/build.mjs does and runs it against a recording stand-in for the `electron`
// module: it proves the wiring (scheme privileges before ready, sandbox, permission handler,
// app:// protocol, one IPC channel, guards on every webContents, the window and its URL, the menu,
// closing the project on quit) with the REAL handler map and SQLite project, in the real backend
// worker thread.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract';

type Call = [string, ...unknown[]];

function fakeElectron(userData: string) {
  const calls: Call[] = [];
  const appListeners = new Map<string, (...a: unknown[]) => void>();
  let ready!: () => void;
  const whenReady = new Promise<void>(r => (ready = r));
  const windows: { opts: unknown; url?: string; contents: ReturnType<typeof contentsFake> }[] = [];
  function contentsFake() {
    const on = new Map<string, (...a: unknown[]) => void>();
    return {
      sent: [] as unknown[][],
      on: (name: string, fn: (...a: unknown[]) => void) => void on.set(name, fn),
      listeners: on,
      openHandler: undefined as undefined | ((d: { url: string }) => unknown),
      setWindowOpenHandler(fn: (d: { url: string }) => unknown) {
        this.openHandler = fn;
      },
      send(...a: unknown[]) {
        this.sent.push(a);
      },
      isDestroyed: () => false,
    };
  }
  class BrowserWindow {
    webContents = contentsFake();
    record: (typeof windows)[number];
    constructor(opts: unknown) {
      calls.push(['new BrowserWindow']);
      this.record = { opts, contents: this.webContents };
      windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      calls.push(['loadURL', url]);
      this.record.url = url;
    }
  }
  const handlers: {
    ipc?: (...a: unknown[]) => Promise<Result<unknown>>;
    protocol?: (r: Request) => Promise<Response>;
    permission?: (...a: unknown[]) => void;
  } = {};
  let menu: unknown;
  const electron = {
    app: {
      isPackaged: false,
      setName: (n: string) => calls.push(['app.setName', n]),
      enableSandbox: () => calls.push(['app.enableSandbox']),
      setAppUserModelId: () => {},
      on: (event: string, fn: (...a: unknown[]) => void) => void appListeners.set(event, fn),
      whenReady: () => (calls.push(['app.whenReady']), whenReady),
      getPath: (name: string) => (name === 'userData' ? userData : '/nowhere'),
      quit: () => calls.push(['app.quit']),
      exit: (code: number) => calls.push(['app.exit', code]),
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown) =>
        calls.push(['protocol.registerSchemesAsPrivileged', list]),
      handle: (scheme: string, fn: (r: Request) => Promise<Response>) => {
        calls.push(['protocol.handle', scheme]);
        handlers.protocol = fn;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => {
          calls.push(['setPermissionRequestHandler']);
          handlers.permission = fn;
        },
        setPermissionCheckHandler: () => calls.push(['setPermissionCheckHandler']),
      },
    },
    ipcMain: {
      handle: (channel: string, fn: (...a: unknown[]) => Promise<Result<unknown>>) => {
        calls.push(['ipcMain.handle', channel]);
        handlers.ipc = fn;
      },
    },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: unknown) => void (menu = m),
    },
    dialog: {
      showErrorBox: (title: string, message: string) =>
        calls.push(['dialog.showErrorBox', title, message]),
      showMessageBox: async () => ({ response: 0 }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    shell: { openExternal: async () => {} },
    BrowserWindow,
  };
  return { electron, calls, appListeners, ready, windows, handlers, menu: () => menu };
}

let dir: string;
let fake: ReturnType<typeof fakeElectron>;
let windowBeforeReady = true;
let workerBundle = '';
const savedEnv = process.env.PERMSIM_DATA_DIR;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'permsim-main-'));
  await mkdir(path.join(dir, 'out', 'main'), { recursive: true });
  await mkdir(path.join(dir, 'out', 'renderer'), { recursive: true });
  await writeFile(
    path.join(dir, 'out', 'renderer', 'index.html'),
    '<!doctype html><title>PermSim</title>',
  );
  process.env.PERMSIM_DATA_DIR = path.join(dir, 'data');
  // The backend runs in its worker thread (main/host/worker-backend.ts), next to electron.cjs as
  // out/main/backend-worker.cjs. The real worker bundle is built inside the repo (it resolves
  // better-sqlite3 from node_modules there); the one beside this temp electron.cjs loads it.
  workerBundle = path.resolve('out', 'test', `wiring-worker-${process.pid}.cjs`);
  const { buildBackendWorker } = (await import(path.resolve('scripts/build.mjs'))) as {
    buildBackendWorker(outfile: string): Promise<void>;
  };
  await buildBackendWorker(workerBundle);
  await writeFile(
    path.join(dir, 'out', 'main', 'backend-worker.cjs'),
    `require(${JSON.stringify(workerBundle)});\n`,
  );

  const bundle = await build({
    entryPoints: ['main/app/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron', 'better-sqlite3', 'playwright-core'],
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'silent',
    write: false,
  });
  fake = fakeElectron(path.join(dir, 'userData'));
  const realRequire = createRequire(path.resolve('package.json'));
  const requireShim = (id: string) => (id === 'electron' ? fake.electron : realRequire(id));
  const mod = { exports: {} };
  // __dirname is out/main of the temp build, as for the real bundle; the demo asset is found via cwd.
  new Function(
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    bundle.outputFiles[0]!.text,
  )(
    requireShim,
    mod,
    mod.exports,
    path.join(dir, 'out', 'main'),
    path.join(dir, 'out', 'main', 'electron.cjs'),
  );
  windowBeforeReady = fake.calls.some(c => c[0] === 'new BrowserWindow');
  fake.ready();
  for (
    let i = 0;
    i < 200 && !fake.calls.some(c => c[0] === 'loadURL' || c[0] === 'dialog.showErrorBox');
    i++
  ) {
    await new Promise(r => setTimeout(r, 50));
  }
});

afterAll(async () => {
  if (savedEnv === undefined) delete process.env.PERMSIM_DATA_DIR;
  else process.env.PERMSIM_DATA_DIR = savedEnv;
  await rm(dir, { recursive: true, force: true });
  await rm(workerBundle, { force: true });
});

describe('main/app/main.ts wiring (bundled, against a stand-in electron module)', () => {
  it('sets the app name, registers app:// as privileged and enables the sandbox before ready', () => {
    expect(fake.calls.filter(c => c[0] === 'dialog.showErrorBox')).toEqual([]);
    expect(windowBeforeReady).toBe(false);
    const names = fake.calls.map(c => c[0]);
    const readyAt = names.indexOf('app.whenReady');
    expect(names.indexOf('app.setName')).toBeLessThan(readyAt);
    expect(names.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(readyAt);
    expect(names.indexOf('app.enableSandbox')).toBeLessThan(readyAt);
    expect(fake.calls.find(c => c[0] === 'app.setName')?.[1]).toBe('PermSim');
  });

  it('denies permissions, serves app://, registers one IPC channel, then opens the window at app://permsim/index.html', () => {
    const names = fake.calls.map(c => c[0]);
    expect(names.filter(n => n === 'ipcMain.handle')).toHaveLength(1);
    expect(fake.calls.find(c => c[0] === 'ipcMain.handle')?.[1]).toBe('permsim:invoke');
    expect(fake.calls.find(c => c[0] === 'protocol.handle')?.[1]).toBe('app');
    expect(names.indexOf('setPermissionRequestHandler')).toBeLessThan(
      names.indexOf('new BrowserWindow'),
    );
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]?.url).toBe('app://permsim/index.html');
    const web = (fake.windows[0]?.opts as { webPreferences: Record<string, unknown> })
      .webPreferences;
    expect(web).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: path.join(dir, 'out', 'main', 'preload.cjs'),
    });
    let granted: boolean | undefined;
    fake.handlers.permission?.({}, 'media', (g: boolean) => void (granted = g));
    expect(granted).toBe(false);
  });

  it('first start opens the demo project in PERMSIM_DATA_DIR (unpackaged) through IPC from the app frame only', async () => {
    const info = await fake.handlers.ipc!(
      { senderFrame: { url: 'app://permsim/index.html' } },
      'project:info',
      {},
    );
    expect(info).toMatchObject({
      ok: true,
      value: { path: path.join(realpathSync(path.join(dir, 'data')), 'demo.permsim') },
    });
    expect(existsSync(path.join(dir, 'data', 'demo.permsim'))).toBe(true);
    const foreign = await fake.handlers.ipc!(
      { senderFrame: { url: 'https://evil.example/' } },
      'project:info',
      {},
    );
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('serves the renderer over app:// with the CSP', async () => {
    const res = await fake.handlers.protocol!(new Request('app://permsim/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('forwards project:changed to the window after an edit-free project switch', async () => {
    const contents = fake.windows[0]!.contents;
    const before = contents.sent.length;
    const r = await fake.handlers.ipc!(
      { senderFrame: { url: 'app://permsim/index.html' } },
      'project:new',
      { path: path.join(dir, 'data', 'second.permsim') },
    );
    expect(r.ok).toBe(true);
    const sent = contents.sent.slice(before);
    expect(sent.some(s => s[0] === 'permsim:event' && s[1] === 'project:changed')).toBe(true);
  });

  it("guards every webContents created and builds the menu whose Export Report opens the renderer's dialog", () => {
    const created = fake.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const contents = {
      listeners: new Map<string, unknown>(),
      on(name: string, fn: unknown) {
        this.listeners.set(name, fn);
      },
      setWindowOpenHandler() {},
    };
    created?.({}, contents);
    expect([...contents.listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-navigate',
      'will-redirect',
    ]);
    const file = (fake.menu() as { label?: string; submenu?: { label?: string }[] }[]).find(
      m => m.label === '&File',
    );
    expect(file?.submenu?.map(i => i.label)).toContain('&Export Report…');
    const exportItem = file?.submenu?.find(i => i.label === '&Export Report…') as
      { click?: () => void } | undefined;
    const window = fake.windows[0]!.contents;
    const before = window.sent.length;
    exportItem?.click?.();
    expect(window.sent.slice(before)).toEqual([
      ['permsim:event', 'menu:command', { command: 'export' }],
    ]);
  });

  it('closes the project before quitting', async () => {
    let prevented = false;
    fake.appListeners.get('before-quit')?.({ preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    await expect.poll(() => fake.calls.some(c => c[0] === 'app.quit')).toBe(true);
  });
});
