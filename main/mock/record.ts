/**
 * Turns the stand-in's log into a permission-test file (docs/permission-tests.md) in one action:
 * every distinct call the clients made becomes a `call` test expecting the status it got (and, for
 * a refusal, its exact body), so the answers a customer's integration relies on are kept in CI with
 * `permsim test`. Calls the engine did not decide (the CSRF filter, paths that are not ThingWorx
 * calls, a wrong password) are left out: a test file cannot state them.
 *
 * @example
 * writeFileSync('plant.permsim-test.yaml', permissionTestsFromLog(server.entries(), '../plant.yaml'));
 */
import { stringify } from 'yaml';
import type { MockLogEntry } from './log';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The test-file text: `model:` (relative to the test file) and one test per distinct call. */
export function permissionTestsFromLog(entries: readonly MockLogEntry[], model: string): string {
  const seen = new Set<string>();
  const tests: Record<string, unknown>[] = [];
  for (const e of entries) {
    if (!e.evaluated) continue;
    // Passwords are never logged, and a test without one sends the right password: a call refused
    // for a wrong password cannot be stated.
    if (e.explanation.some(s => s.text.startsWith('Wrong password'))) continue;
    const key = JSON.stringify([e.caller, e.appKeyVia, e.clientIp, e.method, e.url, e.body]);
    if (seen.has(key)) continue;
    seen.add(key);
    const who: Record<string, unknown> =
      e.caller === 'anonymous'
        ? { noAuth: true }
        : e.appKeyVia !== undefined
          ? {
              appKey: e.caller.slice('appKey:'.length),
              ...(e.appKeyVia === 'query' ? { appKeyVia: 'query' } : {}),
            }
          : { as: e.caller };
    tests.push({
      name: `${e.caller} ${e.method} ${e.url} answers ${e.status}`,
      call: `${e.method} ${e.url}`,
      ...who,
      ...(e.clientIp !== '127.0.0.1' ? { ip: e.clientIp } : {}),
      ...(e.body !== undefined ? { body: e.body } : {}),
      expect: {
        status: e.status,
        ...(e.error !== undefined ? { body: `^${escapeRegExp(e.error)}$` } : {}),
      },
    });
  }
  return `# Recorded by permsim mock: the answers the stand-in gave to the calls it received.\n${stringify({ model, tests })}`;
}
