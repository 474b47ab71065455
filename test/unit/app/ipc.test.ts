import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL } from '../../../main/app/channels';
import {
  createInvokeHandler,
  forwardEvent,
  isTrustedSender,
  registerIpc,
} from '../../../main/app/ipc';
import { createHandlers } from '../../../main/api';
import { err, ok } from '../../../shared/contract';

const appFrame = { senderFrame: { url: 'app://permsim/index.html' } };

describe('isTrustedSender (checklist 17)', () => {
  it('trusts only frames showing app://permsim', () => {
    expect(isTrustedSender({ url: 'app://permsim/index.html' })).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html' })).toBe(false);
    expect(isTrustedSender({ url: 'app://permsim.evil/index.html' })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('createInvokeHandler', () => {
  it('refuses a foreign frame before anything is dispatched', async () => {
    const calls: string[] = [];
    const handler = createInvokeHandler(async name => (calls.push(name), ok(1)));
    const r = await handler(
      { senderFrame: { url: 'https://evil.example/' } } as never,
      'project:info',
      {},
    );
    expect(r).toEqual(
      err(
        'forbidden',
        'IPC refused: the caller "https://evil.example/" is not the PermSim window.',
      ),
    );
    const gone = await handler({ senderFrame: null }, 'project:info', {});
    expect(gone.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('refuses names outside the contract', async () => {
    const calls: string[] = [];
    const handler = createInvokeHandler(async name => (calls.push(name), ok(1)));
    for (const name of ['fs:read', '__proto__', 42, undefined]) {
      const r = await handler(appFrame as never, name, {});
      expect(r.ok, String(name)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unknown-call');
    }
    expect(calls).toEqual([]);
  });

  it('turns a throwing dispatch into data', async () => {
    const handler = createInvokeHandler(async () => {
      throw new Error('disk on fire');
    });
    expect(await handler(appFrame as never, 'project:info', {})).toEqual(
      err('internal', 'project:info: disk on fire'),
    );
  });

  it('validates arguments through the real dispatch: bad args come back as invalid-argument', async () => {
    const handlers = createHandlers({});
    const handler = createInvokeHandler(handlers.dispatch);
    const r = await handler(appFrame as never, 'engine:ask', {
      request: { method: 'FETCH', path: '/Thingworx/Things', credentials: { type: 'none' } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-argument');
      expect(r.error.message).toContain('engine:ask: request.method');
      expect(r.error.message).toContain('"FETCH"');
    }
    const noProject = await handler(appFrame as never, 'project:info', {});
    expect(noProject.ok).toBe(false);
    await handlers.close();
  });

  it('registers exactly one channel', () => {
    const channels: string[] = [];
    registerIpc({ handle: (channel: string) => void channels.push(channel) } as never, async () =>
      ok(1),
    );
    expect(channels).toEqual(['permsim:invoke']);
  });
});

describe('forwardEvent', () => {
  it('sends contract events on the event channel, and nothing to a destroyed window', () => {
    const sent: unknown[][] = [];
    forwardEvent(
      { isDestroyed: () => false, send: (...a: unknown[]) => void sent.push(a) } as never,
      'menu:command',
      { command: 'undo' },
    );
    forwardEvent(
      { isDestroyed: () => true, send: (...a: unknown[]) => void sent.push(a) } as never,
      'menu:command',
      { command: 'redo' },
    );
    expect(sent).toEqual([[EVENT_CHANNEL, 'menu:command', { command: 'undo' }]]);
  });
});
