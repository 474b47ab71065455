/**
 * The one IPC entry point: `permsim:invoke` (name, args) -> `Result`. It refuses callers that are
 * not our own `app://permsim` frame (security checklist 17) and names that are not in the
 * contract, then hands the untrusted args to `dispatch`, which validates them with zod.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { err, isApiName } from '../../shared/contract';
import type { Result } from '../../shared/contract';
import type { EventName } from '../host/backend';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import { isAppUrl } from './security';

export type Dispatch = (name: string, args: unknown) => Promise<Result<unknown>>;

/** True when the IPC came from a frame showing our renderer; a missing frame (navigated away, destroyed) is untrusted. */
export function isTrustedSender(frame: { url: string } | null | undefined): boolean {
  return !!frame && isAppUrl(frame.url);
}

/**
 * The handler behind `ipcMain.handle(INVOKE_CHANNEL, ...)`. Always resolves to a `Result`.
 *
 * @example
 * ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(backend.dispatch));
 */
export function createInvokeHandler(dispatch: Dispatch) {
  return async (
    event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
    name: unknown,
    args: unknown,
  ): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) {
      return err(
        'forbidden',
        `IPC refused: the caller ${event.senderFrame ? `"${event.senderFrame.url}"` : '(a frame that no longer exists)'} is not the PermSim window.`,
      );
    }
    if (!isApiName(name)) {
      return err(
        'unknown-call',
        `Unknown API call ${JSON.stringify(name) ?? String(name)}; see shared/contract.ts for the calls.`,
      );
    }
    try {
      return await dispatch(name, args);
    } catch (e) {
      return err('internal', `${name}: ${e instanceof Error ? e.message : 'internal error'}`);
    }
  };
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(dispatch));
}

/** Forwards a push event to the window; payloads are contract data only (no paths beyond what the contract carries). */
export function forwardEvent(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: EventName,
  payload: unknown,
): void {
  if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
}
