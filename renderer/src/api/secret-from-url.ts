/**
 * Reads `?secret=` from the page URL once and removes it from the address bar and history, so it
 * is not left in screenshots or copied links; the HttpOnly cookie set by the same page load keeps
 * later requests (and reloads) authenticated.
 *
 * @example
 * const secret = takeSecretFromUrl(window.location, window.history);
 */
export function takeSecretFromUrl(
  loc: Pick<Location, 'href'>,
  history?: Pick<History, 'replaceState' | 'state'>,
): string | undefined {
  const url = new URL(loc.href);
  const secret = url.searchParams.get('secret') ?? undefined;
  if (secret !== undefined && history) {
    url.searchParams.delete('secret');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return secret;
}
