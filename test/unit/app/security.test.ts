import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  denyAllPermissions,
  installNavigationGuards,
  isAppUrl,
  openExternalUrl,
} from '../../../main/app/security';

describe('isAppUrl parses instead of prefix-matching', () => {
  it('accepts only app://permsim', () => {
    expect(isAppUrl('app://permsim/index.html')).toBe(true);
    expect(isAppUrl('app://permsim.evil.example/index.html')).toBe(false);
    expect(isAppUrl('app://evil/permsim')).toBe(false);
    expect(isAppUrl('https://permsim/')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });
});

describe('openExternalUrl (checklist 15)', () => {
  it('opens only http(s) URLs, normalised by new URL', async () => {
    const opened: string[] = [];
    const open = async (u: string) => void opened.push(u);
    expect(await openExternalUrl('https://www.ptc.com/en/products/thingworx', open)).toBe(true);
    expect(await openExternalUrl('HTTP://Example.com', open)).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'httpx://x',
      'app://permsim/',
      'not a url',
      42,
      null,
    ]) {
      expect(await openExternalUrl(bad, open), String(bad)).toBe(false);
    }
    expect(opened).toEqual(['https://www.ptc.com/en/products/thingworx', 'http://example.com/']);
  });
});

describe('decideNavigation', () => {
  it('keeps the app, hands http(s) out, blocks the rest', () => {
    expect(decideNavigation('app://permsim/index.html')).toBe('allow');
    expect(decideNavigation('https://example.com/')).toBe('external');
    expect(decideNavigation('file:///etc/passwd')).toBe('block');
    expect(decideNavigation('javascript:void(0)')).toBe('block');
    expect(decideNavigation('data:text/html,<script>1</script>')).toBe('block');
  });
});

type Listener = (event: { preventDefault(): void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, l: Listener) => {
      listeners.set(name, l);
      return contents;
    },
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
      openHandler = h;
    },
  };
  const fire = (name: string, url = '') => {
    let prevented = false;
    listeners.get(name)?.({ preventDefault: () => void (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, openWindow: (url: string) => openHandler?.({ url }) };
}

describe('installNavigationGuards (checklist 12-14; Actual navigation-security)', () => {
  const setup = () => {
    const opened: string[] = [];
    const fake = fakeContents();
    installNavigationGuards(fake.contents as never, async u => void opened.push(u));
    return { ...fake, opened };
  };

  it('a link to a web page keeps the app page and opens the browser instead', async () => {
    const { fire, opened } = setup();
    expect(fire('will-navigate', 'https://www.ptc.com/')).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual(['https://www.ptc.com/']);
  });

  it('navigation to file:// or javascript: is blocked and nothing is opened', async () => {
    const { fire, opened } = setup();
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'javascript:alert(1)')).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual([]);
  });

  it('in-app navigation is allowed', () => {
    expect(setup().fire('will-navigate', 'app://permsim/index.html')).toBe(false);
  });

  it('redirects away from the app are blocked without opening anything', async () => {
    const { fire, opened } = setup();
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    await Promise.resolve();
    expect(opened).toEqual([]);
  });

  it('window.open and target=_blank never create a window; http(s) goes to the browser', async () => {
    const { openWindow, opened } = setup();
    expect(openWindow('https://example.com/doc')).toEqual({ action: 'deny' });
    expect(openWindow('app://permsim/index.html')).toEqual({ action: 'deny' });
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://example.com/doc']);
  });

  it('webviews are never attached', () => {
    expect(setup().fire('will-attach-webview')).toBe(true);
  });
});

describe('denyAllPermissions (checklist 5)', () => {
  it('answers every permission request and check with no', () => {
    let request:
      ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h: never) => void (request = h),
      setPermissionCheckHandler: (h: never) => void (check = h),
    } as never);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      request?.({}, permission, g => void (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(check?.()).toBe(false);
  });
});
