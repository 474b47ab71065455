/**
 * `project:import` and `project:import-cancel`: the importer (shared/import, docs/import.md) behind
 * the contract. Files come as paths on the backend's machine (desktop dialog, CLI) or as uploaded
 * base64 (browser mode, drag and drop). The import runs in the backend worker, yielding between
 * files so a Cancel is heard, and announces `import:progress`. A successful import either merges
 * into the open project as ONE undoable edit or creates a new project; a refused, conflicting or
 * cancelled import leaves the open project exactly as it was.
 *
 * @example
 * const h = importHandlers(deps);
 * await h['project:import']({ paths: ['exports/'], onConflict: 'last' });
 */
import { basename, extname } from 'node:path';
import type { Events, ImportOutcome, ProjectInfo, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { ImportSource } from '../../shared/import';
import { importSourcesAsync } from '../../shared/import';
import type { Model } from '../../shared/model/types';
import type { Handler } from './handlers';
import { collectImportFiles } from './import-files';
import type { ProjectSession } from './session';

export type ImportApiName = 'project:import' | 'project:import-cancel';

export type ImportHandlerDeps = {
  session(): ProjectSession | undefined;
  announce(r: Result<ProjectInfo>): Result<ProjectInfo>;
  /** Creates a project file holding `model` and switches to it. */
  createProjectAt(path: string, model: Model): Result<ProjectInfo>;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
};

function fromBase64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export function importHandlers(deps: ImportHandlerDeps): {
  [K in ImportApiName]: Handler<K>;
} {
  let running: { cancelled: boolean } | undefined;
  return {
    'project:import': async args => {
      if (running) return err('busy', 'An import is already running; wait for it or cancel it.');
      const session = deps.session();
      if (args.newProject === undefined) {
        if (!session)
          return err('no-project', 'No project is open to import into; give a new project path.');
        if (session.readOnly)
          return err(
            'read-only',
            `${session.path} is a model file opened read-only; import into a new project instead.`,
          );
      }
      const sources: ImportSource[] = [];
      const skipped: { file: string; reason: string }[] = [];
      if (args.paths?.length) {
        const c = collectImportFiles(args.paths);
        if (!c.ok) return c;
        sources.push(...c.value.sources);
        skipped.push(...c.value.skipped);
      }
      for (const f of args.files ?? []) sources.push({ path: f.path, bytes: fromBase64(f.base64) });

      const flag = { cancelled: false };
      running = flag;
      let lastSent = 0;
      try {
        const into = args.newProject === undefined ? session?.model() : undefined;
        const r = await importSourcesAsync(sources, {
          onConflict: args.onConflict,
          ...(into ? { into } : {}),
          ...(args.newProject !== undefined
            ? { name: basename(args.newProject, extname(args.newProject)) }
            : {}),
          cancelled: () => flag.cancelled,
          onProgress: (done, total) => {
            // At most ~100 events per import: enough for a bar, cheap for the transport.
            if (done === total || done - lastSent >= Math.max(1, Math.floor(total / 100))) {
              lastSent = done;
              deps.emit('import:progress', { done, total });
            }
          },
        });
        r.report.files.skipped.unshift(...skipped);
        if ('cancelled' in r)
          return ok<ImportOutcome>({ imported: false, cancelled: true, report: r.report });
        if (!r.ok) return ok<ImportOutcome>({ imported: false, report: r.report });
        const saved =
          args.newProject !== undefined
            ? deps.createProjectAt(args.newProject, r.model)
            : deps.announce(
                (session as ProjectSession).commit(
                  { type: 'import', files: sources.length, onConflict: args.onConflict },
                  r.model,
                ),
              );
        if (!saved.ok) return saved;
        return ok<ImportOutcome>({ imported: true, report: r.report, info: saved.value });
      } finally {
        running = undefined;
      }
    },
    'project:import-cancel': () => {
      if (!running) return ok({ cancelled: false });
      running.cancelled = true;
      return ok({ cancelled: true });
    },
  };
}
