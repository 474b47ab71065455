// Electron-only behaviour (style.md §2 practice 15, after Actual's navigation-security test): the
// window's options, the app:// origin, the narrow bridge, and navigation that never leaves the app.
import { expect, test } from './electron-fixtures';

test.describe('@electron security', () => {
  test('the renderer comes from app://permsim with the CSP header, not file://', async ({
    appWindow,
  }) => {
    expect(appWindow.url()).toBe('app://permsim/index.html');
    const csp = await appWindow.evaluate(async () =>
      (await fetch('app://permsim/index.html')).headers.get('content-security-policy'),
    );
    expect(csp).toContain("script-src 'self'");
  });

  test('the page sees window.permsim with invoke and on only, and no Node', async ({
    appWindow,
  }) => {
    const shape = await appWindow.evaluate(() => ({
      bridge: Object.keys((window as unknown as { permsim: object }).permsim).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
  });

  test('contract calls work through IPC and unknown names are refused as data', async ({
    appWindow,
  }) => {
    const results = await appWindow.evaluate(async () => {
      const bridge = (
        window as unknown as {
          permsim: {
            invoke(n: string, a: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
          };
        }
      ).permsim;
      return {
        info: await bridge.invoke('project:info', {}),
        bogus: await bridge.invoke('fs:read', { path: '/etc/passwd' }),
      };
    });
    expect(results.info.ok).toBe(true);
    expect(results.bogus).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  test('links, window.open and location changes keep the app page; only http(s) reaches the OS browser', async ({
    electronApp,
    appWindow,
  }) => {
    await electronApp.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as unknown as { opened: string[] }).opened = opened;
      shell.openExternal = async (url: string) => void opened.push(url);
    });
    await appWindow.evaluate(() => {
      window.open('https://example.com/new-window');
      window.open('file:///etc/passwd');
      const a = document.createElement('a');
      a.href = 'https://example.com/link';
      a.target = '_blank';
      document.body.append(a);
      a.click();
      window.location.href = 'https://example.com/navigate';
    });
    await appWindow.waitForTimeout(500);
    expect(appWindow.url()).toBe('app://permsim/index.html');
    expect(electronApp.windows()).toHaveLength(1);
    const opened = await electronApp.evaluate(
      () => (globalThis as unknown as { opened: string[] }).opened,
    );
    expect(opened.sort()).toEqual([
      'https://example.com/link',
      'https://example.com/navigate',
      'https://example.com/new-window',
    ]);
  });
});
