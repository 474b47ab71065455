/**
 * The browser-mode transport: `POST /api/<name>` to the loopback server (main/server) with JSON in
 * and a `Result` out, and push events from the Server-Sent Events stream at `/api/events`.
 * Authentication is the per-start secret: the HttpOnly cookie set by the page load, plus the
 * `x-permsim-secret` header when the secret was read from the URL.
 */
import type {
  ApiArgs,
  ApiName,
  ApiResult,
  Events,
  Result,
  Transport,
} from '../../../shared/contract';
import { isResult, transportError } from './transport-error';

type EventSourceLike = {
  addEventListener(type: string, listener: (e: { data: string }) => void): void;
  removeEventListener(type: string, listener: (e: { data: string }) => void): void;
  close(): void;
};

export type LoopbackOptions = {
  /** Origin to call; '' means the page's own origin (relative URLs). */
  baseUrl?: string;
  /** The secret, when known; otherwise the cookie alone authenticates. */
  secret?: string;
  fetch?: typeof fetch;
  /** Opens the event stream; absent means events are not delivered (e.g. Node tests). */
  openEvents?: (url: string) => EventSourceLike;
};

export const SECRET_HEADER = 'x-permsim-secret';

/**
 * @example
 * const api = createLoopbackTransport({ secret, openEvents: url => new EventSource(url) });
 * const r = await api.call('engine:ask', { request });
 */
export function createLoopbackTransport(opts: LoopbackOptions = {}): Transport {
  const base = opts.baseUrl ?? '';
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  let source: EventSourceLike | undefined;

  return {
    async call<K extends ApiName>(name: K, args: ApiArgs<K>): Promise<Result<ApiResult<K>>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.secret) headers[SECRET_HEADER] = opts.secret;
      let response: Response;
      try {
        response = await doFetch(`${base}/api/${name}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers,
          body: JSON.stringify(args ?? {}),
        });
      } catch (e) {
        return transportError(
          name,
          `the PermSim server is not reachable (${e instanceof Error ? e.message : String(e)}); is \`permsim serve\` still running?`,
        );
      }
      const text = await response.text().catch(() => '');
      if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
        try {
          const parsed: unknown = JSON.parse(text);
          if (isResult(parsed)) return parsed as Result<ApiResult<K>>;
        } catch {
          // fall through to the plain-text report below
        }
      }
      // Refusals (403 Host/Origin/secret) are plain text meant for people; pass them on verbatim.
      return transportError(
        name,
        `the server answered ${response.status}: ${text.trim() || response.statusText}`,
      );
    },
    on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!opts.openEvents) return () => {};
      source ??= opts.openEvents(`${base}/api/events`);
      const handler = (e: { data: string }) => {
        let payload: unknown;
        try {
          payload = JSON.parse(e.data);
        } catch {
          return;
        }
        listener(payload as Events[E]);
      };
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}
