/**
 * Turns rows of the stand-in's log into the project's saved requests (docs/stand-in-server.md
 * "In the app"): each becomes a request with the caller, the call, its body and address, expecting
 * the status it got, so "Run all" in the Ask view re-checks what the client saw. Rows the engine did
 * not decide (the CSRF filter, a path that is not a ThingWorx call) or refused for a wrong password
 * (passwords are never logged) cannot be stated as a request and are counted as left out.
 *
 * @example
 * savedFromLog(entries).requests; // [{ as: 'alice', call: 'POST /Thingworx/...', body: {}, expect: { status: 403 } }]
 */
import type { TrafficEntry } from '../../../shared/contract';
import type { SavedRequest } from '../../../shared/model/types';

const LOOPBACK = '127.0.0.1';

export function savedFromLog(entries: readonly TrafficEntry[]): {
  requests: SavedRequest[];
  leftOut: number;
} {
  const requests: SavedRequest[] = [];
  const seen = new Set<string>();
  let leftOut = 0;
  for (const e of entries) {
    if (!e.evaluated || e.explanation.some(s => s.text.startsWith('Wrong password'))) {
      leftOut++;
      continue;
    }
    // The same call by the same caller is one request, however often the client made it.
    const key = JSON.stringify([e.caller, e.appKeyVia, e.clientIp, e.method, e.url, e.body]);
    if (seen.has(key)) continue;
    seen.add(key);
    const who: Partial<SavedRequest> =
      e.caller === 'anonymous'
        ? { noAuth: true }
        : e.appKeyVia !== undefined
          ? { appKey: e.caller.slice('appKey:'.length), appKeyVia: e.appKeyVia }
          : { as: e.caller };
    requests.push({
      ...who,
      call: `${e.method} ${e.url}`,
      ...(e.body !== undefined ? { body: e.body } : {}),
      ...(e.clientIp !== LOOPBACK && e.clientIp !== '' ? { ip: e.clientIp } : {}),
      expect: { status: e.status },
      note: `recorded by the stand-in server (request ${e.seq})`,
    });
  }
  return { requests, leftOut };
}
