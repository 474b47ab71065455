import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../main/app/window-options';

describe('windowOptions (Electron security checklist 2-4, 6, 8-11)', () => {
  const opts = windowOptions('/app/out/main/preload.cjs');
  const web = opts.webPreferences ?? {};

  it('isolates the renderer: context isolation, sandbox, no Node anywhere, no webview tag', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.preload).toBe('/app/out/main/preload.cjs');
  });

  it('leaves webSecurity and the insecure switches at their safe defaults (never set)', () => {
    for (const key of [
      'webSecurity',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'enableBlinkFeatures',
      'enableRemoteModule',
    ]) {
      expect(web, key).not.toHaveProperty(key);
    }
  });

  it('opens hidden until ready-to-show, with a usable minimum size', () => {
    expect(opts.show).toBe(false);
    expect(opts.minWidth).toBeGreaterThanOrEqual(800);
  });
});
