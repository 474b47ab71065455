/**
 * The renderer's one way to the handler map: `api.call(name, args)` returning a `Result`, and
 * `api.on(event, listener)` returning an unsubscribe function. It picks the Electron bridge when
 * the preload exposed `window.permsim`, and the loopback server otherwise (browser mode).
 *
 * @example
 * import { api } from './api';
 * const r = await api.call('project:info', {});
 * if (!r.ok) showError(r.error.message);
 */
import type { PermsimBridge, Transport } from '../../../shared/contract';
import { createElectronTransport } from './transport.electron';
import { createLoopbackTransport } from './transport.loopback';
import { takeSecretFromUrl } from './secret-from-url';

/** Chooses the transport for this page. */
export function pickTransport(win: Window & { permsim?: PermsimBridge }): Transport {
  if (win.permsim) return createElectronTransport(win.permsim);
  return createLoopbackTransport({
    secret: takeSecretFromUrl(win.location, win.history),
    openEvents: url => new EventSource(url, { withCredentials: true }),
  });
}

export const api: Transport = pickTransport(window);
export type { Transport } from '../../../shared/contract';
