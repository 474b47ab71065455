/**
 * `permsim whatif MODEL SCENARIO [--json] [--step N] [--affected] [--summary]`: applies a scenario
 * file's changes to the model and prints the cells whose answer changes (status and body before and
 * after, with the deciding step of each), the equipment permissions that change and the blast
 * radius (docs/whatif.md). `--summary` prints counts, the blast radius and the first changed cells
 * without explanations (shared/whatif/summary.ts): the form that stays fast on large models. Exit 0 when the diff was computed, 2 for bad input (unreadable model or
 * scenario, a change that does not apply, an unknown watched user or a call that is not one).
 *
 * @example
 * permsim whatif assets/demos/sensor-datastream.yaml assets/demos/scenarios/analysts-get-datastream.yaml
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createHandlers, openModelSession } from '../api';
import type { Result } from '../../shared/contract';
import { ok } from '../../shared/contract';
import {
  callerLabel,
  describeCallerCounts,
  describeRectangle,
  parseScenarioText,
  scenarioScope,
} from '../../shared/whatif';
import type {
  DiffScope,
  Scenario,
  ScenarioRun,
  SummaryCell,
  WhatIfSummary,
} from '../../shared/whatif';
import type { CliIo, CliProblem } from './io';
import { EXIT, problemsOf, refuse } from './io';

export type WhatIfOptions = {
  json?: boolean;
  step?: string;
  affected?: boolean;
  summary?: boolean;
};

/** Changed cells listed by --summary (the counts and rectangles cover all of them). */
const SUMMARY_CELLS = 50;

type Api = ReturnType<typeof createHandlers>;

type SummaryRun = {
  scenario: string;
  changes: string[];
  applied: number;
  route: WhatIfSummary['route'];
  scopeCells: number;
  evaluatedCells: number;
  counts: WhatIfSummary['counts'];
  byCaller: WhatIfSummary['byCaller'];
  blastRadius: WhatIfSummary['blastRadius'];
  cells: SummaryCell[];
  moreCells: boolean;
};

/** The summary through the handler map (`whatif:summary`): the first SUMMARY_CELLS changed cells. */
async function summarise(
  api: Api,
  scenario: Scenario,
  upTo: number,
  scope: DiffScope,
): Promise<Result<SummaryRun>> {
  const r = await api.call('whatif:summary', {
    scenario,
    upTo,
    scope,
    offset: 0,
    limit: SUMMARY_CELLS,
  });
  if (!r.ok) return r;
  const p = r.value;
  return ok({
    scenario: p.scenario,
    changes: p.changes,
    applied: p.applied,
    route: p.route,
    scopeCells: p.scopeCells,
    evaluatedCells: p.evaluatedCells,
    counts: p.counts,
    byCaller: p.byCaller,
    blastRadius: p.blastRadius,
    cells: p.cells,
    moreCells: p.matching > p.cells.length,
  });
}

function formatSummary(run: SummaryRun, modelPath: string): string {
  const lines: string[] = [
    `Scenario: ${run.scenario}`,
    `Baseline: ${modelPath}`,
    `Changes applied (${run.applied}):`,
  ];
  run.changes.forEach((c, i) => lines.push(`  ${i + 1}. ${c}`));
  if (run.changes.length === 0) lines.push('  (none)');
  const c = run.counts;
  lines.push(
    '',
    `Summary: ${c.total} cell${c.total === 1 ? '' : 's'} change (gained ${c.gained}, revoked ${c.revoked}, changed ${c.changed}, unknown ${c.unknown}); ` +
      `${run.evaluatedCells} of ${run.scopeCells} cells in scope compared${run.route === 'classes' ? ', by classes of alike entities and calls' : ''}.`,
    `By caller: ${describeCallerCounts(run.byCaller, 20)}.`,
    '',
    'Blast radius (largest first):',
  );
  if (run.blastRadius.length === 0) lines.push('  nothing changes in this scope');
  run.blastRadius.forEach((r, i) => lines.push(`  ${i + 1}. ${describeRectangle(r)}`));
  if (run.cells.length > 0) {
    lines.push(
      '',
      `Changed cells (${run.moreCells ? `the first ${run.cells.length}` : 'all'}; \`permsim check\` explains one):`,
    );
    for (const cell of run.cells)
      lines.push(
        `  ${cell.change.padEnd(7)} ${callerLabel(cell.caller)}  ${cell.call}  ${cell.before.status} -> ${cell.after.status}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

function formatRun(run: ScenarioRun, modelPath: string): string {
  const d = run.diff;
  const lines: string[] = [];
  lines.push(`Scenario: ${run.scenario}`);
  lines.push(`Baseline: ${modelPath}`);
  lines.push(`Changes applied (${run.applied}):`);
  run.changes.forEach((c, i) => lines.push(`  ${i + 1}. ${c}`));
  if (run.changes.length === 0) lines.push('  (none)');
  lines.push('');
  const c = d.counts;
  lines.push(
    `Diff: ${c.total} cell${c.total === 1 ? '' : 's'} change (gained ${c.gained}, revoked ${c.revoked}, changed ${c.changed}, unknown ${c.unknown}); ` +
      `${d.evaluatedCells} of ${d.scopeCells} cells in scope re-evaluated (the rest lie outside the affected region).`,
    `By caller: ${describeCallerCounts(d.byCaller, 20)}.`,
  );
  for (const cell of d.cells) {
    lines.push(
      `  ${cell.change.padEnd(7)} ${callerLabel(cell.caller)}  ${cell.call}  ${cell.before.status} -> ${cell.after.status}`,
    );
    if (cell.before.body !== cell.after.body) {
      lines.push(`      body before: ${cell.before.body || '(empty)'}`);
      lines.push(`      body after:  ${cell.after.body || '(empty)'}`);
    }
    lines.push(`      why before: ${cell.before.deciding}`);
    lines.push(`      why after:  ${cell.after.deciding}`);
  }
  if (d.equipment.length > 0) {
    lines.push('');
    lines.push(`Equipment permissions that change (${d.equipment.length}):`);
    for (const e of d.equipment)
      lines.push(`  ${e.user} on ${e.equipment} (${e.context}): ${e.before} -> ${e.after}`);
  }
  lines.push('');
  lines.push('Blast radius (largest first):');
  if (d.blastRadius.length === 0) lines.push('  nothing changes in this scope');
  d.blastRadius.forEach((r, i) => lines.push(`  ${i + 1}. ${describeRectangle(r)}`));
  if (d.region.length > 0) {
    lines.push('');
    lines.push('Affected region:');
    for (const r of d.region) lines.push(`  ${r}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runWhatIf(
  modelPath: string,
  scenarioPath: string,
  opts: WhatIfOptions,
  io: CliIo,
): Promise<number> {
  const bad = (message: string, code = 'bad-input', problems: CliProblem[] = []): number =>
    refuse(io, 'whatif', opts.json, code, message, problems);
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
      'scenario-invalid',
      parsed.errors.map(message => ({ file: scenarioPath, message })),
    );
  const scenario = parsed.scenario;

  let upTo: number | undefined;
  if (opts.step !== undefined) {
    upTo = Number(opts.step);
    if (!/^\d+$/.test(opts.step) || upTo > scenario.changes.length) {
      return bad(
        `--step must be a whole number from 0 to ${scenario.changes.length} (the scenario's changes), got '${opts.step}'`,
      );
    }
  }

  const session = openModelSession(modelPath);
  if (!session.ok)
    return bad(session.error.message, session.error.code, problemsOf(session.error.details));
  if (scenario.baseline !== undefined) {
    const declared = resolve(dirname(scenarioPath), scenario.baseline);
    if (declared !== resolve(modelPath)) {
      io.err(
        `permsim whatif: note: the scenario names ${relative(process.cwd(), declared) || declared} as its baseline; using ${modelPath} as given.\n`,
      );
    }
  }
  // Like every command, through the handler map (main/api), as the app's what-if workbench.
  const api = createHandlers({ session: session.value });
  const scope: DiffScope | undefined = opts.affected ? { kind: 'affected' } : undefined;
  const where = (details: unknown): string => {
    const index = (details as { index?: unknown } | undefined)?.index;
    const origin = typeof index === 'number' ? parsed.origins[index] : undefined;
    return `${scenarioPath}${origin !== undefined ? `: changes[${origin}]` : ''}`;
  };
  if (opts.summary) {
    const sr = await summarise(
      api,
      scenario,
      upTo ?? scenario.changes.length,
      scope ?? scenarioScope(scenario),
    );
    if (!sr.ok) return bad(`${where(sr.error.details)}: ${sr.error.message}`);
    io.out(
      opts.json ? `${JSON.stringify(sr.value, null, 2)}\n` : formatSummary(sr.value, modelPath),
    );
    return EXIT.ok;
  }
  const r = await api.call('whatif:run', {
    scenario,
    ...(upTo !== undefined ? { upTo } : {}),
    ...(scope ? { scope } : {}),
  });
  if (!r.ok) {
    const hint =
      r.error.code === 'too-large'
        ? ' (--summary gives the counts and the blast radius of any scope)'
        : '';
    return bad(`${where(r.error.details)}: ${r.error.message}${hint}`);
  }
  if (opts.json) io.out(`${JSON.stringify(r.value, null, 2)}\n`);
  else io.out(formatRun(r.value, modelPath));
  return EXIT.ok;
}
