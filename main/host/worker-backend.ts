/**
 * The real backend (handler map, SQLite project, engine) in a worker thread, behind the same
 * `Backend` face as the in-process one (./project-backend.ts): the Electron main thread and the
 * loopback server's event loop stay free while the engine works (architecture.md §1 "engine
 * host"). The worker runs out/main/backend-worker.cjs (./backend-worker.ts); messages are
 * ./worker-protocol.ts.
 *
 * If the worker dies (a crash, out of memory), every pending call answers an `internal` error as
 * data and the next call starts a new worker, which reopens the project from its file: every edit
 * was committed to SQLite before it was answered, so nothing acknowledged is lost.
 *
 * @example
 * const backend = await createWorkerBackend({ workerFile: path.join(__dirname, 'backend-worker.cjs'), dataDir });
 * await backend.dispatch('project:info', {});
 */
import { Worker } from 'node:worker_threads';
import type { Result } from '../../shared/contract';
import { err } from '../../shared/contract';
import type { ReportHandlerDeps } from '../api/report-handlers';
import type { Backend, EventName } from './backend';
import { createEventHub } from './backend';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol';

export type WorkerBackendOptions = {
  /** The bundled worker entry, out/main/backend-worker.cjs. */
  workerFile: string;
  dataDir: string;
  projectPath?: string;
  /** PDF printing on the host thread (Electron's printToPDF); default: the worker prints itself. */
  printPdf?: ReportHandlerDeps['printPdf'];
};

type Running = { worker: Worker; ready: Promise<void> };

export async function createWorkerBackend(opts: WorkerBackendOptions): Promise<Backend> {
  const hub = createEventHub();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  let running: Running | undefined;
  let closing = false;

  const failPending = (why: string) => {
    for (const [id, resolve] of pending) {
      pending.delete(id);
      resolve(
        err(
          'internal',
          `the engine stopped (${why}); the project is reopened from its file on the next call`,
        ),
      );
    }
  };

  const spawn = (): Running => {
    const data: WorkerStart = {
      dataDir: opts.dataDir,
      hostPrintsPdf: opts.printPdf !== undefined,
      ...(opts.projectPath !== undefined ? { projectPath: opts.projectPath } : {}),
    };
    const worker = new Worker(opts.workerFile, { workerData: data });
    let markReady: () => void = () => undefined;
    let markFailed: (e: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    const self: Running = { worker, ready };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') markReady();
      else if (m.type === 'result' || m.type === 'closed') {
        const resolve = pending.get(m.id);
        pending.delete(m.id);
        resolve?.(m.type === 'result' ? m.result : { ok: true, value: undefined });
      } else if (m.type === 'event') hub.emit(m.event as EventName, m.payload as never);
      else if (m.type === 'print-pdf') {
        const print = opts.printPdf;
        void (
          print
            ? print(m.html, m.options as Parameters<NonNullable<ReportHandlerDeps['printPdf']>>[1])
            : Promise.resolve(err('unsupported', 'PDF printing is not available'))
        ).then(
          result => worker.postMessage({ type: 'pdf-result', id: m.id, result } satisfies ToWorker),
          (e: unknown) =>
            worker.postMessage({
              type: 'pdf-result',
              id: m.id,
              result: err(
                'internal',
                `printing the PDF failed: ${e instanceof Error ? e.message : String(e)}`,
              ),
            } satisfies ToWorker),
        );
      }
    });
    const gone = (why: string) => {
      if (running === self) running = undefined;
      markFailed(new Error(why));
      failPending(why);
    };
    worker.on('error', e => gone(e.message));
    worker.on('exit', code => {
      if (!closing) gone(`exit code ${code}`);
    });
    // A failed start is reported to the call that waits for it, not as an unhandled rejection.
    ready.catch(() => undefined);
    return self;
  };

  const current = async (): Promise<Running> => {
    running ??= spawn();
    await running.ready;
    return running;
  };

  const post = async (message: (id: number) => ToWorker): Promise<Result<unknown>> => {
    let r: Running;
    try {
      r = await current();
    } catch (e) {
      return err(
        'internal',
        `the engine could not start: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const id = nextId++;
    return new Promise<Result<unknown>>(resolve => {
      pending.set(id, resolve);
      r.worker.postMessage(message(id));
    });
  };

  // The first start is awaited here, so a broken worker file fails loudly at startup.
  await current();

  return {
    dispatch: (name, args) => post(id => ({ type: 'dispatch', id, name, args })),
    subscribe: hub.subscribe,
    async close() {
      if (!running) return;
      const r = running;
      await post(id => ({ type: 'close', id }));
      closing = true;
      await r.worker.terminate();
      running = undefined;
    },
  };
}
