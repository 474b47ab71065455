/**
 * The Content-Security-Policy sent with every renderer page, by the loopback server and by the
 * Electron `app://` protocol handler (security checklist 7). It matches the meta CSP in
 * renderer/index.html; the header is the one that counts because a meta tag can be stripped.
 * `style-src 'unsafe-inline'` is needed by React Flow's inline node styles; scripts stay 'self'.
 *
 * @example
 * res.setHeader('Content-Security-Policy', RENDERER_CSP);
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
