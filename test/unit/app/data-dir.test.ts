import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectFromArgv, resolveDataDir } from '../../../main/app/data-dir';
import { defaultDataDir } from '../../../main/server/serve-cli';

const base = {
  userDataPath: '/home/u/.config/PermSim',
  realpath: (p: string) => `real:${p}`,
  mkdir: () => {},
};

describe('resolveDataDir (style.md §2.12)', () => {
  it('honours PERMSIM_DATA_DIR only when unpackaged', () => {
    expect(
      resolveDataDir({ ...base, env: { PERMSIM_DATA_DIR: '/tmp/t1' }, isPackaged: false }),
    ).toBe(`real:${path.resolve('/tmp/t1')}`);
    expect(
      resolveDataDir({ ...base, env: { PERMSIM_DATA_DIR: '/tmp/t1' }, isPackaged: true }),
    ).toBe('real:/home/u/.config/PermSim');
  });
  it('uses the realpath of userData otherwise, creating it first', () => {
    const made: string[] = [];
    expect(
      resolveDataDir({ ...base, env: {}, isPackaged: false, mkdir: p => void made.push(p) }),
    ).toBe('real:/home/u/.config/PermSim');
    expect(made).toEqual(['/home/u/.config/PermSim']);
  });
});

describe('projectFromArgv', () => {
  it('takes a .permsim path from the command line', () => {
    expect(projectFromArgv(['electron', '.', '/p/a.permsim'])).toBe(path.resolve('/p/a.permsim'));
    expect(projectFromArgv(['electron', '.', '--inspect'])).toBeUndefined();
  });
});

describe('defaultDataDir of browser mode matches the desktop userData for "PermSim"', () => {
  it('per platform, with the override first', () => {
    expect(defaultDataDir({ PERMSIM_DATA_DIR: '/tmp/d' }, 'linux', '/home/u')).toBe(
      path.resolve('/tmp/d'),
    );
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe(path.join('/home/u', '.config', 'PermSim'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(
      path.join('/x', 'PermSim'),
    );
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(
      path.join('/Users/u', 'Library', 'Application Support', 'PermSim'),
    );
  });
});
