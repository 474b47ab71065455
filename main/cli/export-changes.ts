/**
 * `permsim export-changes MODEL SCENARIO --format script|xml|postman [-o FILE] [--inverse]`: the
 * scenario's changes as an export for a live ThingWorx server (docs/export-changes.md), through the
 * handler map's `whatif:export-changes` like the workbench's "Export to ThingWorx…". Without `-o`
 * the export goes to stdout; with it, the file is written and a one-line summary printed (the
 * header's "not exported" lines too, on stderr, so they are not missed). Exit 0 when exported, 2 for
 * bad input (unreadable model or scenario, a change that does not apply, an unknown format).
 *
 * @example
 * permsim export-changes assets/demos/sensor-datastream.yaml assets/demos/scenarios/analysts-get-datastream.yaml --format script -o grant.sh
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { EXPORT_FORMATS } from '../../shared/export';
import type { ExportFormat } from '../../shared/export';
import { parseScenarioText } from '../../shared/whatif';
import { createHandlers, openModelSession } from '../api';
import type { CliIo } from './io';
import { EXIT } from './io';

export type ExportChangesCliOptions = { format?: string; output?: string; inverse?: boolean };

export async function runExportChanges(
  modelPath: string,
  scenarioPath: string,
  opts: ExportChangesCliOptions,
  io: CliIo,
): Promise<number> {
  const bad = (message: string): number => {
    io.err(`permsim export-changes: ${message}\n`);
    return EXIT.badInput;
  };
  if (opts.format === undefined)
    return bad(`--format is required: one of ${EXPORT_FORMATS.join(', ')}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
    return bad(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got '${opts.format}'`);
  let text: string;
  try {
    text = readFileSync(scenarioPath, 'utf8');
  } catch (e) {
    return bad(
      `cannot read the scenario ${scenarioPath}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  const parsed = parseScenarioText(text, scenarioPath);
  if (!parsed.ok)
    return bad(
      `the scenario has ${parsed.errors.length} problem(s):\n  ${parsed.errors.join('\n  ')}`,
    );
  const scenario = parsed.scenario;
  const session = openModelSession(modelPath);
  if (!session.ok) return bad(session.error.message);
  if (scenario.baseline !== undefined) {
    const declared = resolve(dirname(scenarioPath), scenario.baseline);
    if (declared !== resolve(modelPath))
      io.err(
        `permsim export-changes: note: the scenario names ${relative(process.cwd(), declared) || declared} as its baseline; using ${modelPath} as given.\n`,
      );
  }
  const api = createHandlers({ session: session.value });
  // The header's expected effect is the scenario's what-if: seconds on a large model, with no
  // steps to count, so a terminal gets a line saying what is being waited for.
  if (io.errIsTTY)
    io.err(
      `permsim export-changes: computing the expected effect (the what-if of ${scenario.changes.length} change(s))…\n`,
    );
  try {
    const r = await api.call('whatif:export-changes', {
      scenario,
      format: opts.format as ExportFormat,
      inverse: opts.inverse === true,
      baselineLabel: modelPath,
    });
    if (!r.ok) {
      const index = (r.error.details as { index?: number } | undefined)?.index;
      const origin = index !== undefined ? parsed.origins[index] : undefined;
      return bad(
        `${scenarioPath}${origin !== undefined ? `: changes[${origin}]` : ''}: ${r.error.message.replace(/^whatif:export-changes: /, '')}`,
      );
    }
    const v = r.value;
    if (opts.output === undefined) {
      io.out(v.text);
      return EXIT.ok;
    }
    try {
      writeFileSync(opts.output, v.text, 'utf8');
    } catch (e) {
      return bad(`cannot write ${opts.output}: ${(e as Error).message}`);
    }
    const what =
      v.format === 'xml'
        ? v.items === 1
          ? 'entity'
          : 'entities'
        : v.items === 1
          ? 'call'
          : 'calls';
    io.out(
      `wrote ${opts.output} (${v.format}${v.inverse ? ', inverse' : ''}: ${v.items} ${what}; ${v.notExported.length} change(s) not exported)\n`,
    );
    for (const line of v.header.filter(l => l.includes('not exported: change')))
      io.err(`${line.trim()}\n`);
    return EXIT.ok;
  } finally {
    await api.close();
  }
}
