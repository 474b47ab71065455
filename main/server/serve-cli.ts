/**
 * Glue for `permsim serve [PROJECT]` and `npm start`'s browser-mode fallback: start the loopback
 * server, print the URL plainly, and close the project cleanly on Ctrl+C / SIGTERM.
 *
 * @example
 * await serve({ projectPath: argv[0], port: 0, rendererDir: 'out/renderer' });
 */
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from './server';
import { startServer } from './server';

export type ServeOptions = {
  projectPath?: string;
  /** Default: `defaultDataDir()`. */
  dataDir?: string;
  port?: number;
  rendererDir: string;
  /** Where the URL and notices go (default: stdout). */
  print?: (line: string) => void;
  /** Close on SIGINT/SIGTERM and exit (default true; tests pass false). */
  handleSignals?: boolean;
  /** The bundled backend worker (out/main/backend-worker.cjs): the engine off the serving thread. */
  workerFile?: string;
};

/**
 * The same place the desktop app keeps its data (Electron's userData for the app name "PermSim"),
 * so browser mode and the desktop app share recent projects and the demo project.
 * `PERMSIM_DATA_DIR` overrides it (tests, CI).
 */
export function defaultDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  if (env.PERMSIM_DATA_DIR) return path.resolve(env.PERMSIM_DATA_DIR);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'PermSim');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'PermSim');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'PermSim');
}

export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dataDir = opts.dataDir ?? defaultDataDir();
  const server = await startServer({
    dataDir,
    rendererDir: opts.rendererDir,
    host: '127.0.0.1',
    ...(opts.projectPath === undefined ? {} : { projectPath: opts.projectPath }),
    ...(opts.port === undefined ? {} : { port: opts.port }),
    ...(opts.workerFile === undefined ? {} : { workerFile: opts.workerFile }),
  });
  print('PermSim is running in browser mode on 127.0.0.1 only.');
  print('Open this URL in a browser (it carries a per-start secret; do not share it):');
  print('');
  print(`  ${server.url}`);
  print('');
  print(`Data directory: ${dataDir}`);
  print('Press Ctrl+C to stop.');
  if (opts.handleSignals !== false) {
    const stop = () => {
      void server.close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return server;
}

/** Parses `--port N` for the scripts; undefined when absent, an error message when malformed. */
export function parsePort(value: string | undefined): number | undefined | { error: string } {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    return { error: `--port must be a number from 0 to 65535 (got "${value}")` };
  return n;
}
