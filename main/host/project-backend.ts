/**
 * The production backend for both front doors (loopback server and Electron IPC): the real
 * handler map (main/api) over a SQLite project, with push events through an event hub.
 *
 * Which project opens first: `projectPath` when given, else the data dir's default (the most
 * recent project, or the bundled demo created on first start). When that project cannot be
 * opened (corrupt, newer, foreign file), the app still starts and `project:info` answers with the
 * reason, so the UI can say why in words; the file is left untouched (the store refuses before
 * writing).
 *
 * @example
 * const backend = await createProjectBackend({ dataDir: '/tmp/permsim-data' });
 * const info = await backend.dispatch('project:info', {});
 */
import path from 'node:path';
import { createHandlers, openDefaultProject, openModelSession } from '../api';
import type { HandlerDeps } from '../api/handlers';
import type { ApiError } from '../../shared/contract';
import type { Backend } from './backend';
import { createEventHub } from './backend';

export type ProjectBackendOptions = {
  projectPath?: string;
  dataDir: string;
  /** PDF printer for `report:export` (the desktop app: Electron's printToPDF, main/app/print-pdf.ts). */
  printPdf?: HandlerDeps['printPdf'];
};

export async function createProjectBackend(opts: ProjectBackendOptions): Promise<Backend> {
  const hub = createEventHub();
  const first = opts.projectPath
    ? openModelSession(path.resolve(opts.projectPath))
    : openDefaultProject(opts.dataDir);
  const startupError: ApiError | undefined = first.ok ? undefined : first.error;
  const handlers = createHandlers({
    session: first.ok ? first.value : undefined,
    dataDir: opts.dataDir,
    emit: hub.emit,
    ...(opts.printPdf ? { printPdf: opts.printPdf } : {}),
  });

  return {
    async dispatch(name, args) {
      // Until some project is open, say why the first one did not open instead of a generic 'no-project'.
      if (startupError && handlers.session() === undefined && name === 'project:info') {
        return { ok: false, error: startupError };
      }
      return handlers.dispatch(name, args);
    },
    subscribe: hub.subscribe,
    close: () => handlers.close(),
  };
}
