/**
 * `permsim check MODEL --as USER "METHOD PATH"`: one request against a model file or project,
 * through the handler map's `engine:ask`. Exit 0 when the call was evaluated (whatever its status),
 * 2 for bad input (unreadable/invalid model, not a ThingWorx call, bad date). An unknown user or key is
 * answered as ThingWorx would (401), with a note that the caller is not in the model.
 *
 * @example
 * permsim check assets/demos/sensor-datastream.yaml --as alice "GET /Thingworx/Things/SensorDataStream/Properties/temperature"
 */
import type { RestRequest } from '../../shared/model/decision';
import { suggestionSuffix } from '../../shared/model/suggest';
import { createHandlers, openModelSession } from '../api';
import { splitCallLine } from '../../shared/model/saved-request';
import { formatDecision } from './format';
import type { CliIo } from './io';
import type { CliProblem } from './io';
import { EXIT, problemsOf, refuse } from './io';

export type CheckOptions = {
  as?: string;
  appKey?: string;
  appKeyInQuery?: boolean;
  /** commander's `--no-auth`: false when given. */
  auth?: boolean;
  password?: string;
  ip?: string;
  at?: string;
  body?: string;
  json?: boolean;
};

/** Contract argument paths in the words of the command line. */
const OPTION_WORDS: [RegExp, string][] = [
  [/^request\.at\b/, '--at'],
  [/^request\.clientIp\b/, '--ip'],
  [/^request\.method\b/, 'the method'],
  [/^request\.path:?/, 'the call'],
  [/^request\.credentials\.user\b/, '--as'],
  [/^request\.credentials\.key\b/, '--app-key'],
];

const inCliWords = (issue: string): string =>
  OPTION_WORDS.reduce((s, [re, word]) => s.replace(re, word), issue);

export async function runCheck(
  modelPath: string,
  callWords: string[],
  opts: CheckOptions,
  io: CliIo,
): Promise<number> {
  const bad = (message: string, code = 'bad-input', problems: CliProblem[] = []): number =>
    refuse(io, 'check', opts.json, code, message, problems);
  const noAuth = opts.auth === false;
  const who = [opts.as !== undefined, opts.appKey !== undefined, noAuth].filter(Boolean).length;
  if (who === 0) return bad('say who calls: --as USER, --app-key NAME, or --no-auth.');
  if (who > 1) return bad('use only one of --as, --app-key and --no-auth.');
  if (opts.password !== undefined && opts.as === undefined)
    return bad('--password needs --as USER.');
  if (opts.appKeyInQuery && opts.appKey === undefined)
    return bad('--app-key-in-query needs --app-key NAME.');

  const call = splitCallLine(callWords.join(' '));
  if (!call.ok) return bad(call.error.message);

  let body: unknown;
  if (opts.body !== undefined) {
    try {
      body = JSON.parse(opts.body);
    } catch (e) {
      return bad(`--body is not valid JSON (${(e as Error).message}).`);
    }
  }

  const session = openModelSession(modelPath);
  if (!session.ok)
    return bad(session.error.message, session.error.code, problemsOf(session.error.details));
  const model = session.value.model();
  const api = createHandlers({ session: session.value });
  try {
    // ThingWorx answers a caller it does not know with 401; so does PermSim, with a note that the
    // name is not in the model (a likely typo), instead of refusing the question.
    const note =
      opts.as !== undefined && !Object.hasOwn(model.users, opts.as)
        ? `user '${opts.as}' is not in the model ${modelPath}${suggestionSuffix(opts.as, Object.keys(model.users)) || '.'}`
        : opts.appKey !== undefined && !Object.hasOwn(model.appKeys, opts.appKey)
          ? `application key '${opts.appKey}' is not in the model ${modelPath}${suggestionSuffix(opts.appKey, Object.keys(model.appKeys)) || '.'}`
          : undefined;
    const credentials: RestRequest['credentials'] = noAuth
      ? { type: 'none' }
      : opts.appKey !== undefined
        ? { type: 'appKey', key: opts.appKey, via: opts.appKeyInQuery ? 'query' : 'header' }
        : opts.password !== undefined
          ? { type: 'basic', user: opts.as!, password: opts.password }
          : { type: 'basic', user: opts.as! };
    const request: RestRequest = { method: call.value.method, path: call.value.path, credentials };
    if (body !== undefined) request.body = body;
    if (opts.ip !== undefined) request.clientIp = opts.ip;
    if (opts.at !== undefined) request.at = opts.at;

    const r = await api.call('engine:ask', { request });
    if (!r.ok) {
      const issues = (r.error.details as { issues?: string[] } | undefined)?.issues;
      return bad(
        issues
          ? issues.map(inCliWords).join('; ')
          : inCliWords(r.error.message.replace(/^engine:ask: /, '')),
      );
    }
    const d = r.value;
    if (opts.json) {
      // `statusKnown: false`: the status is the documented best guess, not a known answer.
      io.out(
        `${JSON.stringify({ request, ...d, statusKnown: d.outcome !== 'unknown', ...(note ? { note } : {}) })}\n`,
      );
    } else {
      const caller = noAuth
        ? 'without credentials'
        : opts.appKey !== undefined
          ? `with app key ${opts.appKey}`
          : `as ${opts.as}`;
      io.out(formatDecision(d, `${request.method} ${request.path} ${caller}`));
      if (note) io.out(`\nNote: ${note}\n`);
    }
    return EXIT.ok;
  } finally {
    await api.close();
  }
}
