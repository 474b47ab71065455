export { startServer, SECRET_HEADER } from './server';
export type { RunningServer, StartServerOptions } from './server';
export { createEventHub } from '../host/backend';
export type { Backend, EventHub, EventListener, EventName } from '../host/backend';
export { checkHost, checkOrigin, checkSecret, resolveStaticPath, contentTypeFor } from './checks';
export { RENDERER_CSP } from './csp';
