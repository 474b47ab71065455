/**
 * Navigation, new-window, webview and permission guards (security checklist 5, 11-15). The
 * decisions are pure functions; the Electron wiring takes the objects it needs, so tests can hand
 * in fakes.
 */
import type { Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './channels';

/** True for URLs of our own renderer (`app://permsim/...`); parsed, never prefix-matched. */
export function isAppUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Hands a URL to the OS browser only if it parses as http(s). A string check like
 * `startsWith('http')` would let `httpx:` or `javascript:` variants through; `new URL` does not.
 *
 * @example
 * await openExternalUrl('https://www.ptc.com/', url => shell.openExternal(url)); // true
 * await openExternalUrl('file:///etc/passwd', url => shell.openExternal(url)); // false, nothing opened
 */
export async function openExternalUrl(
  value: unknown,
  open: (url: string) => Promise<void>,
): Promise<boolean> {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  await open(url.href);
  return true;
}

export type NavigationDecision = 'allow' | 'external' | 'block';

/**
 * What to do when the page tries to go to `url`: stay inside the app, hand http(s) to the OS
 * browser, block everything else. In-app navigation is allowed only to our own scheme and host.
 */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? 'external' : 'block';
  } catch {
    return 'block';
  }
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
type Preventable = { preventDefault(): void };

/**
 * Wires the guards on one webContents: `will-navigate` and `will-redirect` keep the app page,
 * `setWindowOpenHandler` denies every window, `will-attach-webview` is always prevented.
 *
 * @example
 * app.on('web-contents-created', (_e, contents) => installNavigationGuards(contents, url => shell.openExternal(url)));
 */
export function installNavigationGuards(
  contents: GuardedContents,
  open: (url: string) => Promise<void>,
): void {
  const onNavigate = (event: Preventable, url: string) => {
    const decision = decideNavigation(url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void openExternalUrl(url, open).catch(() => {});
  };
  contents.on('will-navigate', (event, url) => onNavigate(event, url));
  // A redirect is never user intent: block it outright unless it stays inside the app.
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', event => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url) === 'external') void openExternalUrl(url, open).catch(() => {});
    return { action: 'deny' };
  });
}

/**
 * Denies every permission request and check (camera, notifications, geolocation, clipboard
 * read, ...): PermSim needs none.
 */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
