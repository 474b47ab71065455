/**
 * `permsim serve [PROJECT]`: the browser-mode server (main/server) on 127.0.0.1, printing the URL
 * with its per-start secret; runs until Ctrl+C (SIGINT) or SIGTERM. The handler map runs in the
 * engine host's worker thread (out/main/backend-worker.cjs, which bin/permsim.mjs builds with the
 * renderer before it starts `serve`), so one long call never stalls the other requests.
 *
 * @example
 * permsim serve ~/plant.permsim --port 4780
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from '../server';
import { defaultDataDir } from '../server/serve-cli';
import type { CliIo } from './io';
import { EXIT } from './io';

export type ServeOptions = { port?: string; dataDir?: string; rendererDir?: string };

export async function runServe(
  project: string | undefined,
  opts: ServeOptions,
  repoRoot: string,
  io: CliIo,
): Promise<number> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`permsim serve: --port must be a port number 0-65535 (got "${opts.port}").\n`);
    return EXIT.badInput;
  }
  if (project !== undefined && !existsSync(project)) {
    io.err(`permsim serve: no such project file: ${project}\n`);
    return EXIT.badInput;
  }
  // The desktop app's data directory, so browser mode and the app share recent projects and the demo.
  const dataDir = resolve(opts.dataDir ?? defaultDataDir());
  const rendererDir = resolve(opts.rendererDir ?? join(repoRoot, 'out', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    io.err(
      `permsim serve: the renderer is not built (${rendererDir}/index.html is missing); run "npm run build" first. The API still works.\n`,
    );
  }
  // Run from the sources (tests) there is no bundled worker: the handler map then runs in-process.
  const workerFile = join(repoRoot, 'out', 'main', 'backend-worker.cjs');
  const serverOpts: Parameters<typeof startServer>[0] = {
    dataDir,
    rendererDir,
    port,
    host: '127.0.0.1',
    ...(existsSync(workerFile) ? { workerFile } : {}),
  };
  if (project !== undefined) serverOpts.projectPath = resolve(project);
  const server = await startServer(serverOpts);
  io.out(
    `PermSim is running at ${server.url}\nData directory: ${dataDir}\nPress Ctrl+C to stop.\n`,
  );
  await new Promise<void>(done => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return EXIT.ok;
}
