// Entry of out/main/serve.cjs (scripts/build.mjs): browser mode from the built app, used by
// `npm start` when Electron cannot start. Usage: serve.cjs [PROJECT] [--port N]
import path from 'node:path';
import { parsePort, serve } from './serve-cli';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = parsePort(portAt >= 0 ? args[portAt + 1] : undefined);
const positional = args.filter((a, i) => !a.startsWith('--') && (portAt < 0 || i !== portAt + 1));

if (typeof port === 'object') {
  process.stderr.write(`permsim: ${port.error}\n`);
  process.exit(2);
} else {
  serve({
    rendererDir: path.join(__dirname, '..', 'renderer'),
    // The engine works in a worker thread; this thread only serves (worker-backend.ts).
    workerFile: path.join(__dirname, 'backend-worker.cjs'),
    ...(positional[0] === undefined ? {} : { projectPath: positional[0] }),
    ...(port === undefined ? {} : { port }),
  }).catch((e: unknown) => {
    process.stderr.write(`permsim: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
