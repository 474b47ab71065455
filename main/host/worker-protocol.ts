/**
 * Messages between the main thread and the backend worker (./worker-backend.ts,
 * ./backend-worker.ts). Everything is plain data (structured clone): contract results, push events,
 * and the one service the worker borrows from its host, printing a PDF (Electron's printToPDF
 * lives on the main thread).
 */
import type { Result } from '../../shared/contract';
import type { EventName } from './backend';

/** What the worker is started with (`workerData`). */
export type WorkerStart = { dataDir: string; projectPath?: string; hostPrintsPdf: boolean };

export type ToWorker =
  | { type: 'dispatch'; id: number; name: string; args: unknown }
  | { type: 'pdf-result'; id: number; result: Result<Uint8Array> }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'print-pdf'; id: number; html: string; options: unknown }
  | { type: 'closed'; id: number };
