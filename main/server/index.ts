export { startServer, SECRET_HEADER } from './server';
export type { RunningServer, StartServerOptions } from './server';
export { createEventHub } from './backend';
export type { Backend, EventHub, EventListener, EventName } from './backend';
export { checkHost, checkOrigin, checkSecret, resolveStaticPath, contentTypeFor } from './checks';
export { RENDERER_CSP } from './csp';
