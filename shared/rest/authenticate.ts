/**
 * §9.1 authentication of a REST call: Basic auth or an application key (header or `?appKey=`),
 * with the Security Monitor event and reason of §3.11 named in the step.
 *
 * Decisions (documented, [INF] where the sources are silent):
 * - The body of a 401 is not documented (§10 "Response bodies"); PermSim answers `Unauthorized`, except
 *   for a key in the URL under `rejectAppKeyInUrl`, which answers the KB text
 *   "ApplicationKey Is Not Allowed As A URL Parameter" (§3.10).
 * - Explicit credentials win over a `?appKey=` in the URL; the URL key is used when the request carries
 *   no other credentials.
 * - Basic auth: unknown user or a user name containing ':' -> "User name is invalid" (§3.11, §5.8);
 *   wrong password -> LoginFailed (reason text not in §3.11); disabled or locked -> "User is in invalid state" [INF].
 * - Keys: unknown -> "Application Key is invalid"; expired (request time >= expiration) -> "Application Key
 *   has expired"; client IP not on the allowlist -> "Application Key is not on whitelist" (§3.9, §3.11);
 *   the key's user missing, disabled or locked -> 401 as well [INF].
 *
 * @example
 * authenticate(model, { type: 'basic', user: 'bob' }, { clientIp: '127.0.0.1', at: '2026-01-01T00:00:00Z' });
 */
import type { Model } from '../model/types';
import type { Credentials, DecidingKey, ElementRef, Step } from '../model/decision';
import { ipAllowed } from './ip-allowlist';
import { own } from '../model/own';

export const UNAUTHORIZED_BODY = 'Unauthorized';
export const APP_KEY_IN_URL_BODY = 'ApplicationKey Is Not Allowed As A URL Parameter';

export type AuthContext = {
  clientIp: string;
  at: string;
  /** Where `at` comes from, for the "evaluated at" words of the explanation. */
  atSource?: 'request' | 'model' | 'clock';
  appKeyInUrl?: string;
};

const AT_SOURCE = {
  request: "the request's own time",
  model: "the model's now:",
  clock: 'the current time',
} as const;

/** "evaluated at 2026-01-01T00:00:00Z (the model's now:)"; also takes a Decision's `evaluatedAt`. */
export const evaluatedAtText = (
  ctx:
    | { at: string; atSource?: keyof typeof AT_SOURCE }
    | { at: string; source: keyof typeof AT_SOURCE },
): string => {
  const source = 'source' in ctx ? ctx.source : ctx.atSource;
  return `${'source' in ctx ? '' : 'evaluated at '}${ctx.at}${source ? ` (${AT_SOURCE[source]})` : ''}`;
};

export type AuthResult =
  | { ok: true; user: string; step: Step }
  | {
      ok: false;
      step: Step;
      deciding: DecidingKey;
      body: string;
      optionsUsed: 'rejectAppKeyInUrl'[];
    };

const fail = (
  text: string,
  where: string,
  effect: string,
  refs: ElementRef[],
  details: string[],
  inferences: string[] = [],
  body = UNAUTHORIZED_BODY,
  options: 'rejectAppKeyInUrl'[] = [],
): AuthResult => ({
  ok: false,
  body,
  deciding: { step: 'authentication', where, effect },
  optionsUsed: options,
  step: {
    kind: 'authentication',
    verdict: 'fail',
    text,
    details,
    refs,
    cites: ['§9.1', '§3.11'],
    ...(options.length ? { options } : {}),
    ...(inferences.length ? { inferences } : {}),
  },
});

function userState(
  model: Model,
  name: string,
): 'missing' | 'invalid-name' | 'disabled' | 'locked' | 'ok' {
  const u = own(model.users, name);
  if (!u) return 'missing';
  if (!u.enabled) return 'disabled';
  if (u.locked) return 'locked';
  return 'ok';
}

export function authenticate(model: Model, credentials: Credentials, ctx: AuthContext): AuthResult {
  // A key anywhere in the URL is refused under the setting, whatever other credentials come along (KB CS264349).
  const keyInUrl =
    (credentials.type === 'appKey' && credentials.via === 'query') || ctx.appKeyInUrl !== undefined;
  if (keyInUrl && model.semantics.rejectAppKeyInUrl) {
    return fail(
      'The application key is passed as a URL parameter and the platform is set to reject keys in the URL: 401.',
      'url-key-rejected',
      'url-parameter',
      [{ type: 'option', name: 'rejectAppKeyInUrl' }],
      [
        'Option rejectAppKeyInUrl = true decided (§3.10, KB CS264349).',
        'Which Security Monitor event ThingWorx records for this is not documented.',
      ],
      [],
      APP_KEY_IN_URL_BODY,
      ['rejectAppKeyInUrl'],
    );
  }
  const key =
    credentials.type === 'appKey'
      ? credentials.key
      : credentials.type === 'none'
        ? ctx.appKeyInUrl
        : undefined;
  if (key !== undefined) {
    const via = credentials.type === 'appKey' ? credentials.via : 'query';
    const k = own(model.appKeys, key);
    if (!k) {
      return fail(
        `Application key "${key}" does not exist: Security Monitor event ApplicationKeyFailed, "Application Key is invalid".`,
        'ApplicationKeyFailed',
        'invalid',
        [],
        [`Key passed in the ${via === 'header' ? 'appKey header' : 'URL (?appKey=)'}.`],
      );
    }
    const keyRef: ElementRef = { type: 'appKey', name: key };
    if (k.expires !== undefined) {
      const exp = Date.parse(k.expires);
      const now = Date.parse(ctx.at);
      if (!Number.isNaN(exp) && !Number.isNaN(now) && now >= exp) {
        return fail(
          `Application key "${key}" expired at ${k.expires} (${evaluatedAtText(ctx)}): ApplicationKeyFailed, "Application Key has expired".`,
          'ApplicationKeyFailed',
          'expired',
          [keyRef],
          ['§3.9: keys carry an Expiration Date.'],
        );
      }
    }
    const ip = ipAllowed(ctx.clientIp, k.ipAllowlist);
    if (!ip.allowed) {
      return fail(
        `Client IP ${ctx.clientIp} is not on the allowlist of application key "${key}" (${k.ipAllowlist.join(', ')}): ApplicationKeyFailed, "Application Key is not on whitelist".`,
        'ApplicationKeyFailed',
        'not-on-whitelist',
        [keyRef],
        ['§3.9: a blank allowlist accepts any IP.'],
      );
    }
    const state = userState(model, k.user);
    if (state !== 'ok') {
      const reason = state === 'missing' ? 'User name is invalid' : 'User is in invalid state';
      return fail(
        `Application key "${key}" runs as "${k.user}", who ${state === 'missing' ? 'does not exist' : `is ${state}`}: 401 ("${reason}").`,
        'ApplicationKeyFailed',
        state === 'missing' ? 'invalid-user' : 'invalid-state',
        [keyRef, { type: 'user', name: k.user }],
        [],
        ['[INF] a key whose user cannot log in is refused like the user (§3.9, §3.11).'],
      );
    }
    const details = [
      `Key passed in the ${via === 'header' ? 'appKey header' : 'URL (?appKey=)'}.`,
      k.ipAllowlist.length === 0
        ? 'Allowlist blank: any IP accepted (§3.9).'
        : `Client IP ${ctx.clientIp} matches allowlist entry ${ip.matched ?? ''}.`,
      k.expires === undefined
        ? 'No expiration date.'
        : `Valid until ${k.expires}; ${evaluatedAtText(ctx)}.`,
    ];
    if (credentials.type === 'basic')
      details.push('Basic credentials were also given; the key decided [INF].');
    return {
      ok: true,
      user: k.user,
      step: {
        kind: 'authentication',
        verdict: 'pass',
        text: `Application key "${key}" is valid and runs as its User Name Reference "${k.user}" with all of that user's permissions (ApplicationKeySucceeded).`,
        details,
        refs: [keyRef, { type: 'user', name: k.user }],
        cites: ['§3.9', '§3.10', '§3.11', '§9.1'],
      },
    };
  }
  if (credentials.type === 'none') {
    return fail(
      'The request carries no credentials (no Basic auth, no application key): 401.',
      'no-credentials',
      'no-credentials',
      [],
      ['§5.4: 401 when the appKey is missing.'],
      ['[INF] no Security Monitor event names a request without any user name.'],
    );
  }
  if (credentials.type !== 'basic') {
    return fail('Unsupported credentials.', 'no-credentials', 'no-credentials', [], []);
  }
  const name = credentials.user;
  if (name.includes(':')) {
    return fail(
      `User name "${name}" contains ':', which Basic auth splits at, so the user cannot log in this way: LoginFailed, "User name is invalid".`,
      'LoginFailed',
      'invalid-name',
      [],
      ['§5.8: Basic auth splits user:password at the colon.'],
      ['[INF] the reason recorded for a name with a colon.'],
    );
  }
  const u = own(model.users, name);
  if (!u) {
    return fail(
      `User "${name}" does not exist: Security Monitor event LoginFailed, "User name is invalid".`,
      'LoginFailed',
      'invalid-name',
      [],
      [],
    );
  }
  const userRef: ElementRef = { type: 'user', name };
  if (
    u.password !== undefined &&
    credentials.password !== undefined &&
    credentials.password !== u.password
  ) {
    return fail(
      `Wrong password for user "${name}": Security Monitor event LoginFailed.`,
      'LoginFailed',
      'wrong-password',
      [userRef],
      [],
      ['[INF] §3.11 lists no reason text for a wrong password.'],
    );
  }
  if (!u.enabled || u.locked) {
    const state = !u.enabled ? 'disabled' : 'locked';
    return fail(
      `User "${name}" is ${state}: Security Monitor event LoginFailed, "User is in invalid state".`,
      'LoginFailed',
      'invalid-state',
      [userRef],
      [`User attribute ${!u.enabled ? 'enabled = false' : 'locked = true'} (§3.11, §6.5).`],
      [
        '[INF] "User is in invalid state" is the likely reason for a disabled or locked user (§10.13).',
      ],
    );
  }
  return {
    ok: true,
    user: name,
    step: {
      kind: 'authentication',
      verdict: 'pass',
      text: `Basic auth as "${name}" succeeded (LoginSucceeded): the user exists, is enabled and not locked${u.password !== undefined ? (credentials.password !== undefined ? ', and the password matches' : '; the password is taken as correct') : ''}.`,
      details:
        ctx.appKeyInUrl !== undefined
          ? ['A ?appKey= is also in the URL; the Basic credentials decided [INF].']
          : [],
      refs: [userRef],
      cites: ['§9.1', '§3.11'],
    },
  };
}
