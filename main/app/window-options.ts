/**
 * The main window's options, written out in full so the security checklist is visible in one
 * place (style.md §3.1): context isolation, sandbox, no Node, no webview; webSecurity,
 * allowRunningInsecureContent, experimentalFeatures and enableBlinkFeatures stay at their safe
 * defaults by never being set.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * @example
 * new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs')));
 */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'PermSim',
    backgroundColor: '#ffffff',
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
