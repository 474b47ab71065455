/**
 * Entry of out/main/backend-worker.cjs (scripts/build.mjs): the handler map, the SQLite project and
 * the engine in a worker thread, so long engine work (a what-if at size M, loading a 50,000-Thing
 * model) never blocks the thread that serves the window or the loopback server (architecture.md
 * §1 "engine host"; the guide: long CPU work never blocks the Electron main thread).
 * Started by ./worker-backend.ts; speaks ./worker-protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Result } from '../../shared/contract';
import { err } from '../../shared/contract';
import { createProjectBackend } from './project-backend';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol';

const port = parentPort;
if (!port)
  throw new Error('backend-worker runs as a worker thread (new Worker(...)), not on its own');
const start = workerData as WorkerStart;
const send = (m: FromWorker) => port.postMessage(m);

let nextPdf = 1;
const pdfWaiting = new Map<number, (r: Result<Uint8Array>) => void>();

const backendReady = createProjectBackend({
  dataDir: start.dataDir,
  ...(start.projectPath !== undefined ? { projectPath: start.projectPath } : {}),
  ...(start.hostPrintsPdf
    ? {
        printPdf: (html: string, options: unknown) =>
          new Promise<Result<Uint8Array>>(resolve => {
            const id = nextPdf++;
            pdfWaiting.set(id, resolve);
            send({ type: 'print-pdf', id, html, options });
          }),
      }
    : {}),
});

void backendReady.then(
  b => {
    b.subscribe((event, payload) => send({ type: 'event', event, payload }));
    send({ type: 'ready' });
  },
  (e: unknown) => {
    // The host answers every call with this until it restarts the worker.
    throw e;
  },
);

port.on('message', (m: ToWorker) => {
  if (m.type === 'pdf-result') {
    pdfWaiting.get(m.id)?.(m.result);
    pdfWaiting.delete(m.id);
    return;
  }
  void backendReady.then(async b => {
    if (m.type === 'close') {
      await b.close();
      send({ type: 'closed', id: m.id });
      return;
    }
    let result: Result<unknown>;
    try {
      result = await b.dispatch(m.name, m.args);
    } catch (e) {
      result = err('internal', `${m.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    send({ type: 'result', id: m.id, result });
  });
});
