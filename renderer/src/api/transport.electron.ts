/**
 * The desktop transport: contract calls through the preload bridge `window.permsim`
 * (main/app/preload.ts), which forwards to one IPC channel checked in main.
 */
import type {
  ApiArgs,
  ApiName,
  ApiResult,
  Events,
  PermsimBridge,
  Result,
  Transport,
} from '../../../shared/contract';
import { isResult, transportError } from './transport-error';

/**
 * @example
 * const api = createElectronTransport(window.permsim);
 * const r = await api.call('project:info', {});
 */
export function createElectronTransport(bridge: PermsimBridge): Transport {
  return {
    async call<K extends ApiName>(name: K, args: ApiArgs<K>): Promise<Result<ApiResult<K>>> {
      try {
        const result = await bridge.invoke(name, args);
        if (isResult(result)) return result as Result<ApiResult<K>>;
        return transportError(
          name,
          'the desktop app answered with something that is not a result.',
        );
      } catch (e) {
        // A thrown IPC error reaches us with only its message (Electron IPC guide).
        return transportError(
          name,
          `the desktop app did not answer (${e instanceof Error ? e.message : String(e)}).`,
        );
      }
    },
    on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
      return bridge.on(event, payload => listener(payload as Events[E]));
    },
  };
}
