/**
 * `permsim import FILE|DIR... [-o MODEL.yaml | --into PROJECT.permsim] [--json] [--on-conflict fail|first|last]`:
 * reads ThingWorx entity XML, permissions files and entity JSON (docs/import.md) and prints the
 * import report. `-o` writes the model file; `--into` merges into a project through the handler map
 * (`project:import`, one undoable edit); without either, only the report is printed.
 * Exit 0 imported, 1 conflicts with --on-conflict=fail, 2 unreadable or refused input.
 *
 * @example
 * permsim import exports/ -o plant.yaml
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { ImportOutcome } from '../../shared/contract';
import type { ImportReport, OnConflict } from '../../shared/import';
import { importSourcesAsync } from '../../shared/import';
import { importReportText } from '../../shared/import/report-text';
import { modelToText } from '../../shared/model/decompile';
import { createHandlers } from '../api';
import { collectImportFiles } from '../api/import-files';
import type { CliIo } from './io';
import { EXIT } from './io';

export type ImportCliOptions = {
  output?: string;
  into?: string;
  json?: boolean;
  onConflict?: string;
};

const POLICIES: readonly OnConflict[] = ['fail', 'first', 'last'];

function progressBar(io: CliIo): { update(done: number, total: number): void; stop(): void } {
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!io.errIsTTY || !io.errStream) return;
      if (!bar) {
        bar = new SingleBar({
          stream: io.errStream,
          format: 'permsim import [{bar}] {value}/{total} files',
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

function exitFor(report: ImportReport, imported: boolean): number {
  if (imported) return EXIT.ok;
  if (report.refusals.length) return EXIT.badInput;
  if (report.conflicts.length) return EXIT.failed;
  return EXIT.badInput;
}

export async function runImport(
  inputs: string[],
  opts: ImportCliOptions,
  io: CliIo,
): Promise<number> {
  const onConflict = (opts.onConflict ?? 'fail') as OnConflict;
  if (!POLICIES.includes(onConflict)) {
    io.err(
      `permsim import: --on-conflict must be fail, first or last (got "${opts.onConflict}")\n`,
    );
    return EXIT.badInput;
  }
  if (opts.output && opts.into) {
    io.err('permsim import: give either -o MODEL.yaml or --into PROJECT.permsim, not both\n');
    return EXIT.badInput;
  }
  if (opts.output && !/\.(ya?ml|json)$/i.test(opts.output)) {
    io.err(
      `permsim import: -o ${opts.output}: the model file must end in .yaml, .yml or .json (use --into for a project)\n`,
    );
    return EXIT.badInput;
  }
  const bar = progressBar(io);
  let outcome: ImportOutcome;

  if (opts.into) {
    const project = resolve(opts.into);
    if (!existsSync(project)) {
      io.err(`permsim import: --into ${opts.into}: no such project\n`);
      return EXIT.badInput;
    }
    const api = createHandlers({
      emit: (event, payload) => {
        if (event === 'import:progress') {
          const p = payload as { done: number; total: number };
          bar.update(p.done, p.total);
        }
      },
    });
    try {
      const opened = await api.call('project:open', { path: project });
      if (!opened.ok) {
        io.err(`permsim import: ${opened.error.message}\n`);
        return EXIT.badInput;
      }
      const r = await api.call('project:import', { paths: inputs, onConflict });
      bar.stop();
      if (!r.ok) {
        io.err(`permsim import: ${r.error.message}\n`);
        return EXIT.badInput;
      }
      outcome = r.value;
    } finally {
      bar.stop();
      await api.close();
    }
  } else {
    const files = collectImportFiles(inputs);
    if (!files.ok) {
      io.err(`permsim import: ${files.error.message}\n`);
      return EXIT.badInput;
    }
    const name = opts.output ? basename(opts.output, extname(opts.output)) : 'Imported model';
    const r = await importSourcesAsync(files.value.sources, {
      onConflict,
      name,
      onProgress: (d, t) => bar.update(d, t),
    });
    bar.stop();
    r.report.files.skipped.unshift(...files.value.skipped);
    if (r.ok && opts.output) {
      const text = modelToText(r.model, /\.json$/i.test(opts.output) ? 'json' : 'yaml');
      try {
        writeFileSync(opts.output, text, 'utf8');
      } catch (e) {
        io.err(
          `permsim import: cannot write ${opts.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`,
        );
        return EXIT.badInput;
      }
    }
    outcome = { imported: r.ok, report: r.report };
  }

  const code = exitFor(outcome.report, outcome.imported);
  if (opts.json) {
    io.out(
      `${JSON.stringify({ imported: outcome.imported, ...(opts.output && outcome.imported ? { output: opts.output } : {}), ...(opts.into && outcome.imported ? { into: opts.into } : {}), report: outcome.report }, null, 2)}\n`,
    );
    return code;
  }
  io.out(importReportText(outcome.report));
  if (outcome.imported) {
    if (opts.output) io.out(`Wrote ${opts.output}.\n`);
    else if (opts.into) io.out(`Merged into ${opts.into} (one undoable edit).\n`);
    else
      io.out('Nothing written: give -o MODEL.yaml or --into PROJECT.permsim to keep the model.\n');
  } else if (outcome.report.conflicts.length && !outcome.report.refusals.length) {
    io.out(
      'Nothing imported: the files disagree. Re-run with --on-conflict=last (later files win) or --on-conflict=first.\n',
    );
  } else io.out('Nothing imported.\n');
  return code;
}
