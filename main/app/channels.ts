/**
 * The two IPC channels between main and the preload (names `domain:action`, style.md §2.2). Kept
 * free of Electron imports so the preload bundle and tests can share them.
 */
export const INVOKE_CHANNEL = 'permsim:invoke';
export const EVENT_CHANNEL = 'permsim:event';

/** The custom scheme and host the renderer is served from (security checklist 18: no file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'permsim';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
