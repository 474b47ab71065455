/**
 * Where app data lives (style.md §2.12): `PERMSIM_DATA_DIR` for tests, honoured only when the app
 * is unpackaged (a shipped app must not be redirectable by an environment variable), else the
 * realpath of Electron's userData (realpath because userData may sit behind a symlink and SQLite
 * WAL files must be beside the real file).
 */
import path from 'node:path';

export type DataDirInputs = {
  env: Record<string, string | undefined>;
  isPackaged: boolean;
  userDataPath: string;
  realpath: (p: string) => string;
  mkdir: (p: string) => void;
};

/**
 * @example
 * resolveDataDir({ env: process.env, isPackaged: app.isPackaged, userDataPath: app.getPath('userData'),
 *   realpath: fs.realpathSync, mkdir: p => fs.mkdirSync(p, { recursive: true }) });
 */
export function resolveDataDir(inputs: DataDirInputs): string {
  const override = inputs.env.PERMSIM_DATA_DIR;
  const chosen = !inputs.isPackaged && override ? path.resolve(override) : inputs.userDataPath;
  inputs.mkdir(chosen);
  return inputs.realpath(chosen);
}

/** A project file given on the command line (`permsim-app path/to/x.permsim`), if any. */
export function projectFromArgv(argv: readonly string[]): string | undefined {
  const candidate = argv
    .slice(1)
    .find(a => !a.startsWith('-') && a.toLowerCase().endsWith('.permsim'));
  return candidate === undefined ? undefined : path.resolve(candidate);
}
