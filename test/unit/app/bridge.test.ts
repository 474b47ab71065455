import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../main/app/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../main/app/channels';
import { createElectronTransport } from '../../../renderer/src/api/transport.electron';
import { API_NAMES, ok } from '../../../shared/contract';

type Handler = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const invoked: unknown[][] = [];
  const handlers = new Set<Handler>();
  return {
    invoked,
    handlers,
    ipc: {
      invoke: async (...a: unknown[]) => (invoked.push(a), ok('answer')),
      on: (channel: string, h: Handler) => (expect(channel).toBe(EVENT_CHANNEL), handlers.add(h)),
      removeListener: (_channel: string, h: Handler) => handlers.delete(h),
    },
    emit: (name: string, payload: unknown) => {
      for (const h of handlers)
        h({ sender: 'the IpcRendererEvent with sender and ports' }, name, payload);
    },
  };
}

describe('the preload bridge window.permsim (style.md §2.3, checklist 20)', () => {
  it('exposes only invoke and on', () => {
    expect(Object.keys(createBridge(fakeIpcRenderer().ipc)).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract calls on the one invoke channel and refuses other names without IPC', async () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    expect(await bridge.invoke('project:info', {})).toEqual(ok('answer'));
    const r = await bridge.invoke('shell:open' as never, {});
    expect(r.ok).toBe(false);
    expect(fake.invoked).toEqual([[INVOKE_CHANNEL, 'project:info', {}]]);
  });

  it('gives listeners the payload only (the IPC event is stripped), per event, until unsubscribed', () => {
    const fake = fakeIpcRenderer();
    const bridge = createBridge(fake.ipc);
    const got: unknown[][] = [];
    const off = bridge.on('project:changed', (...args: unknown[]) => void got.push(args));
    fake.emit('menu:command', { command: 'undo' });
    fake.emit('project:changed', { revision: 2 });
    off();
    fake.emit('project:changed', { revision: 3 });
    expect(got).toEqual([[{ revision: 2 }]]);
    expect(fake.handlers.size).toBe(0);
  });

  it('ignores subscriptions to unknown events', () => {
    const fake = fakeIpcRenderer();
    createBridge(fake.ipc).on('ipc:raw' as never, () => {});
    expect(fake.handlers.size).toBe(0);
  });

  it('lists every contract call', () => {
    expect(API_NAMES).toContain('engine:ask');
    expect(API_NAMES).toContain('project:info');
    expect(new Set(API_NAMES).size).toBe(API_NAMES.length);
  });
});

describe('the Electron transport over the bridge', () => {
  it('returns results and turns a rejected IPC call into a transport error', async () => {
    const t = createElectronTransport({
      invoke: async name =>
        name === 'project:info' ? ok({ revision: 1 }) : Promise.reject(new Error('channel closed')),
      on: () => () => {},
    });
    expect(await t.call('project:info', {})).toEqual(ok({ revision: 1 }));
    const r = await t.call('model:outline', {});
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'transport',
        message: 'model:outline: the desktop app did not answer (channel closed).',
      },
    });
  });
});

describe('the preload bundle', () => {
  it('requires nothing at run time but electron (a sandboxed preload cannot load Node modules)', async () => {
    const result = await build({
      entryPoints: ['main/app/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map(m => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld("permsim"');
    expect(code).not.toContain('exposeInMainWorld("ipcRenderer"');
  });
});
