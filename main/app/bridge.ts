/**
 * The object the preload exposes as `window.permsim` (style.md §2.3): contract names only, no raw
 * ipcRenderer, listeners get the payload without the IPC event (it carries `sender`).
 * Built from an injected ipcRenderer so it unit-tests without Electron.
 */
import { err, isApiName, isEventName } from '../../shared/contract';
import type { PermsimBridge } from '../../shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

/**
 * @example
 * contextBridge.exposeInMainWorld('permsim', createBridge(ipcRenderer));
 */
export function createBridge(ipc: IpcRendererLike): PermsimBridge {
  return {
    invoke(name, args) {
      if (!isApiName(name))
        return Promise.resolve(
          err('unknown-call', `Unknown API call ${JSON.stringify(name) ?? String(name)}.`),
        );
      return ipc.invoke(INVOKE_CHANNEL, name, args) as ReturnType<PermsimBridge['invoke']>;
    },
    on(event, listener) {
      if (!isEventName(event) || typeof listener !== 'function') return () => {};
      const handler = (_ipcEvent: unknown, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(EVENT_CHANNEL, handler as (event: unknown, ...args: unknown[]) => void);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, handler as (event: unknown, ...args: unknown[]) => void);
      };
    },
  };
}
