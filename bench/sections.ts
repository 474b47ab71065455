/**
 * The sections of `npm run bench` (docs/benchmarks.md "What the run does") and the default plan: which
 * section runs at which size. Each (section, size) runs in its own child process (bench/section-child.ts),
 * so its wall time, CPU time and peak resident set are its own. A section's function lives in its own file
 * (bench/checks.ts, equipment.ts, whatif.ts, matrix.ts, load.ts); this file only names and dispatches them.
 *
 * @example
 * defaultPlan(['S', 'M', 'L'], undefined, false); // [{ section: 'checks', size: 'S' }, ...]
 * await runSection('matrix', 'L', { seed: 42, quick: false }, s => process.stderr.write(s));
 */
import { generateModel } from './generator';
import { DisagreementError, runChecks } from './checks';
import { benchEquipment } from './equipment';
import type { EquipmentBench } from './equipment';
import { benchLoad } from './load';
import type { LoadBench } from './load';
import { benchMatrix } from './matrix';
import type { MatrixBench } from './matrix';
import { MODEL_SIZES } from './params';
import type { ModelSize } from './params';
import type { SizeResult } from './report';
import { benchWhatIf, benchWhatIfSet } from './whatif';
import type { WhatIfBench, WhatIfSet } from './whatif';

export const SECTION_NAMES = [
  'checks',
  'equipment',
  'whatif',
  'matrix',
  'whatif-set',
  'load',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** What each section returns (plain JSON: it crosses the process boundary). */
export type SectionResults = {
  checks: SizeResult;
  equipment: EquipmentBench;
  whatif: WhatIfBench;
  matrix: MatrixBench;
  'whatif-set': WhatIfSet;
  load: LoadBench;
};

export type SectionOptions = { seed: number; quick: boolean };

/** One (section, size) of a run: the outcome and what it cost, measured in its own process. */
export type SectionRun = {
  section: SectionName;
  size: ModelSize;
  /** 'disagree' = its correctness gate failed (no valid timings); 'crash' = it threw or died. */
  status: 'ok' | 'disagree' | 'crash';
  message?: string;
  result?: SectionResults[SectionName];
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
  loadAverage: { start: number; end: number };
};

/**
 * The what-if kinds timed at L (the L goals name the typical change and a membership change); every
 * kind of the set runs at S and M. At L each kind costs minutes of the budget, so the others stay at M.
 */
export const WHATIF_L_KINDS: readonly string[] = ['typical: instance PropertyWrite', 'membership'];

/** The sizes each section runs at by default (a section absent at a size costs the most there). */
const SECTION_SIZES: Record<SectionName, readonly ModelSize[]> = {
  checks: ['S', 'M', 'L'],
  equipment: ['S', 'M', 'L'],
  // The full re-evaluation it compares with takes minutes at L.
  whatif: ['S', 'M'],
  matrix: ['S', 'M', 'L'],
  'whatif-set': ['S', 'M', 'L'],
  load: ['L'],
};

/**
 * The (section, size) pairs to run, in order: size by size, sections in SECTION_NAMES order. Each section
 * runs at its default sizes (SECTION_SIZES) among `sizes` (all three when absent; S and M when `quick`);
 * `only` limits the sections, and `only` with `sizes` runs them at exactly those sizes (a developer asking
 * for `--only whatif --size L` gets it).
 */
export function defaultPlan(
  sizes: readonly ModelSize[] | undefined,
  only: readonly SectionName[] | undefined,
  quick: boolean,
): { section: SectionName; size: ModelSize }[] {
  const plan: { section: SectionName; size: ModelSize }[] = [];
  for (const size of MODEL_SIZES)
    for (const section of SECTION_NAMES) {
      if (only && !only.includes(section)) continue;
      const at =
        only && sizes
          ? sizes
          : SECTION_SIZES[section].filter(s => (sizes ? sizes.includes(s) : !(quick && s === 'L')));
      if (at.includes(size)) plan.push({ section, size });
    }
  return plan;
}

type Outcome = Pick<SectionRun, 'status' | 'message' | 'result'>;

const verdict = (result: SectionResults[SectionName], agree: boolean, what: string): Outcome =>
  agree
    ? { status: 'ok', result }
    : { status: 'disagree', result, message: `${what}; no timings are valid for this section.` };

/** Runs one section at one size in this process. Never throws: a failure is the outcome's status. */
export async function runSection(
  section: SectionName,
  size: ModelSize,
  opts: SectionOptions,
  log: (s: string) => void,
): Promise<Outcome> {
  try {
    switch (section) {
      case 'checks':
        return { status: 'ok', result: await runChecks(size, opts.seed) };
      case 'equipment': {
        const e = benchEquipment(size, opts.seed, log);
        return verdict(e, e.agree, `the shared equipment index disagrees: ${e.disagreement}`);
      }
      case 'whatif': {
        log(`\n== what-if diff, size ${size} (diff and full re-evaluation)\n`);
        // One full re-evaluation in a quick run: it is the slow half and only the reference here.
        const w = benchWhatIf(
          generateModel(size, opts.seed),
          opts.quick ? 3 : 9,
          opts.quick ? 1 : 3,
        );
        return verdict(
          w,
          w.agree,
          `the fast diff and the full re-evaluation differ for "${w.change}"`,
        );
      }
      case 'matrix': {
        log(`\n== access matrix, size ${size}\n`);
        const m = benchMatrix(generateModel(size, opts.seed), size, log, opts.seed);
        return verdict(m, m.agree, m.disagreement ?? 'the matrix disagrees with the fast path');
      }
      case 'whatif-set': {
        log(`\n== what-if change set, size ${size}\n`);
        const set = benchWhatIfSet(generateModel(size, opts.seed), {
          runs: size === 'L' || opts.quick ? 1 : 3,
          kinds: size === 'L' ? WHATIF_L_KINDS : undefined,
          log: l => log(`${l}\n`),
        });
        const wrong = set.rows.filter(r => r.mismatches > 0).map(r => r.kind);
        return verdict(
          set,
          wrong.length === 0,
          `sampled cells disagree with the full re-evaluation for ${wrong.join(', ')}`,
        );
      }
      case 'load': {
        const b = benchLoad(size, opts.seed, log, opts.quick ? 1 : 2);
        return verdict(b, b.agree, 'the YAML and JSON files load to different models');
      }
    }
  } catch (e) {
    if (e instanceof DisagreementError)
      return { status: 'disagree', message: `${e.message}\n\nThe correctness gate failed.` };
    return {
      status: 'crash',
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
  }
}
