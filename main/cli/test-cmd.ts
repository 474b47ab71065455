/**
 * `permsim test FILE... [--reporter text|json|junit|tap] [--watch] [--update]` (docs/permission-tests.md):
 * - a model file (or project): every saved request with an `expect:` runs through the handler map;
 * - a test file (`*.permsim-test.yaml`, shared/permtest): its model, then every expectation (a
 *   call's answer, who can, what can, equipment) through the engine's queries.
 * Each failure shows expected vs actual with the explanation (for who-can, the unexpected and the
 * missing principals). The text reporter's last line is exactly `N passed, N failed`; json, junit
 * (the JUnit XML of CI servers) and tap write only their format to stdout. `--update` rewrites each
 * test file's expectations from today's answers and prints the change as a diff to review;
 * `--watch` runs again whenever a test or model file changes. Exit 0 all passed, 1 a failure or an
 * invalid file, 2 bad usage. A progress bar is drawn on stderr when it is a terminal.
 *
 * @example
 * permsim test assets/demos/*.yaml tests/*.permsim-test.yaml --reporter junit > permsim.xml
 */
import { existsSync, readFileSync, watch, writeFileSync } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { LineCounter, isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { SavedRequest } from '../../shared/model/types';
import { PermTestFileSchema } from '../../shared/permtest/format';
import type { PermTestFile } from '../../shared/permtest/format';
import { runPermTest } from '../../shared/permtest/run';
import { createHandlers, openModelSession } from '../api';
import {
  checkExpectation,
  credentialsLabel,
  savedToRequest,
} from '../../shared/model/saved-request';
import { formatSteps, statusLine } from './format';
import type { CliIo } from './io';
import { EXIT } from './io';

export const REPORTERS = ['text', 'json', 'junit', 'tap'] as const;
export type Reporter = (typeof REPORTERS)[number];
export type TestOptions = { reporter?: string; watch?: boolean; update?: boolean };

/** One test's outcome, whatever its kind and file. */
export type TestCase = {
  file: string;
  line?: number;
  name: string;
  kind: string;
  pass: boolean;
  expected: string;
  actual: string;
  explanation: string[];
  unexpected?: string[];
  missing?: string[];
  /** The test could not be evaluated (its input is wrong): an error rather than a failure. */
  error?: string;
  ms: number;
};
export type Suite = { file: string; cases: TestCase[]; invalid?: string };

/** A test file by its name: `*.permsim-test.yaml`, `.yml` or `.json`. */
export const isTestFile = (f: string): boolean => /\.permsim-test\.(ya?ml|json)$/i.test(f);

const indent = (text: string, pad: string): string =>
  text
    .split('\n')
    .map(l => pad + l)
    .join('\n');

type LoadedTests = { file: string; spec: PermTestFile; lines: number[]; modelPath: string };

/** A test file read and checked against the schema; problems as one message with their place. */
export function loadTestFile(
  file: string,
): { ok: true; value: LoadedTests } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return {
      ok: false,
      message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      message: doc.errors
        .map(
          e =>
            `${file}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1}: ${e.message.split('\n')[0]}`,
        )
        .join('\n'),
    };
  const parsed = PermTestFileSchema.safeParse(doc.toJS());
  if (!parsed.success)
    return {
      ok: false,
      message: parsed.error.issues
        .map(i => `${file}: ${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`)
        .join('\n'),
    };
  const tests = doc.get('tests', true);
  const lines = isSeq(tests)
    ? tests.items.map(n => (isMap(n) && n.range ? lc.linePos(n.range[0]).line : 0))
    : [];
  return {
    ok: true,
    value: {
      file,
      spec: parsed.data,
      lines,
      modelPath: resolve(dirname(file), parsed.data.model),
    },
  };
}

/** Runs every file once; the suites in file order. */
export async function runSuites(files: string[], io: CliIo): Promise<Suite[]> {
  const suites: Suite[] = [];
  type Work = { suite: Suite; run: () => Promise<void>; count: number };
  const work: Work[] = [];
  for (const file of files) {
    const suite: Suite = { file, cases: [] };
    suites.push(suite);
    if (isTestFile(file)) {
      const t = loadTestFile(file);
      if (!t.ok) {
        suite.invalid = t.message;
        continue;
      }
      const s = openModelSession(t.value.modelPath);
      if (!s.ok) {
        suite.invalid = `model ${t.value.spec.model}: ${s.error.message}`;
        continue;
      }
      const model = s.value.model();
      work.push({
        suite,
        count: t.value.spec.tests.length,
        run: async () => {
          t.value.spec.tests.forEach((test, i) => {
            const started = performance.now();
            const r = runPermTest(model, test);
            bar?.increment(1, { file });
            suite.cases.push({
              file,
              ...(t.value.lines[i] ? { line: t.value.lines[i] } : {}),
              name: r.name,
              kind: r.kind,
              pass: r.pass,
              expected: r.expected,
              actual: r.actual,
              explanation: r.explanation,
              ...(r.unexpected ? { unexpected: r.unexpected } : {}),
              ...(r.missing ? { missing: r.missing } : {}),
              ...(r.error ? { error: r.error } : {}),
              ms: performance.now() - started,
            });
          });
        },
      });
      continue;
    }
    const s = openModelSession(file);
    if (!s.ok) {
      suite.invalid = s.error.message;
      continue;
    }
    const requests = s.value
      .model()
      .requests.filter(
        r => r.expect && (r.expect.status !== undefined || r.expect.body !== undefined),
      );
    const api = createHandlers({ session: s.value });
    work.push({
      suite,
      count: requests.length,
      run: async () => {
        try {
          for (const saved of requests) {
            bar?.increment(1, { file });
            suite.cases.push(await savedCase(api, file, saved));
          }
        } finally {
          await api.close();
        }
      },
    });
  }
  const total = work.reduce((n, w) => n + w.count, 0);
  const bar =
    io.errIsTTY && io.errStream && total > 0
      ? new SingleBar({
          stream: io.errStream,
          format: 'permsim test [{bar}] {value}/{total} requests and tests  {file}',
          hideCursor: true,
          clearOnComplete: true,
        })
      : undefined;
  bar?.start(total, 0, { file: '' });
  try {
    for (const w of work) await w.run();
  } finally {
    bar?.stop();
  }
  return suites;
}

async function savedCase(
  api: ReturnType<typeof createHandlers>,
  file: string,
  saved: SavedRequest,
): Promise<TestCase> {
  const started = performance.now();
  const name = `${credentialsLabel(saved)} ${saved.call}${saved.note ? `  (${saved.note})` : ''}`;
  const base = { file, ...(saved.line ? { line: saved.line } : {}), name, kind: 'request' };
  const req = savedToRequest(saved);
  if (!req.ok)
    return {
      ...base,
      pass: false,
      expected: '',
      actual: '',
      explanation: [],
      error: req.error.message,
      ms: 0,
    };
  const r = await api.call('engine:ask', { request: req.value });
  if (!r.ok)
    return {
      ...base,
      pass: false,
      expected: '',
      actual: '',
      explanation: [],
      error: `the request is not valid: ${r.error.message}`,
      ms: 0,
    };
  const verdict = checkExpectation(saved.expect!, r.value);
  return {
    ...base,
    pass: verdict.pass,
    expected: verdict.expected,
    actual: `${statusLine(r.value.status)}, body ${JSON.stringify(r.value.body)}`,
    explanation: formatSteps(r.value.explanation, '').split('\n'),
    ms: performance.now() - started,
  };
}

const counts = (suites: readonly Suite[]) => {
  let passed = 0;
  let failed = 0;
  for (const s of suites)
    for (const c of s.cases) {
      if (c.pass) passed++;
      else failed++;
    }
  const invalid = suites.filter(s => s.invalid !== undefined).length;
  return { passed, failed, invalid };
};

/** The human report: failures with expected vs actual and why, then `N passed, N failed`. */
export function textReport(suites: readonly Suite[]): string {
  const out: string[] = [];
  for (const s of suites) {
    if (s.invalid !== undefined) {
      out.push(`INVALID ${s.file}\n${indent(s.invalid, '  ')}\n`);
      continue;
    }
    for (const c of s.cases) {
      if (c.pass) continue;
      const where = `${c.file}${c.line ? `:${c.line}` : ''}`;
      out.push(`FAIL ${where} ${c.name}`);
      if (c.error) {
        out.push(`  ${c.error}`, '');
        continue;
      }
      out.push(`  expected: ${c.expected}`, `  actual:   ${c.actual}`);
      if (c.unexpected?.length) out.push(`  unexpected: ${c.unexpected.join(', ')}`);
      if (c.missing?.length) out.push(`  missing:    ${c.missing.join(', ')}`);
      if (c.explanation.length) out.push('  explanation:', ...c.explanation.map(l => `    ${l}`));
      out.push('', '');
    }
  }
  const n = counts(suites);
  if (n.invalid > 0) out.push(`${n.invalid} file${n.invalid === 1 ? '' : 's'} could not be loaded`);
  out.push(`${n.passed} passed, ${n.failed} failed`);
  return `${out.join('\n')}\n`;
}

/** One JSON object: the totals and every case of every file. */
export function jsonReport(suites: readonly Suite[]): string {
  const n = counts(suites);
  return `${JSON.stringify(
    {
      passed: n.passed,
      failed: n.failed,
      invalidFiles: n.invalid,
      suites: suites.map(s => ({
        file: s.file,
        ...(s.invalid !== undefined ? { invalid: s.invalid } : {}),
        tests: s.cases.map(({ ms, ...c }) => ({ ...c, seconds: Number((ms / 1000).toFixed(3)) })),
      })),
    },
    null,
    2,
  )}\n`;
}

/** XML text and attribute escaping, and no characters XML 1.0 forbids. */
const xml = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const details = (c: TestCase): string =>
  [
    `expected: ${c.expected}`,
    `actual:   ${c.actual}`,
    ...(c.unexpected?.length ? [`unexpected: ${c.unexpected.join(', ')}`] : []),
    ...(c.missing?.length ? [`missing:    ${c.missing.join(', ')}`] : []),
    ...(c.explanation.length ? ['explanation:', ...c.explanation.map(l => `  ${l}`)] : []),
  ].join('\n');

/**
 * JUnit XML as Jenkins, GitLab, GitHub Actions test reporters and Azure read it: `testsuites` >
 * `testsuite` (one per file) > `testcase` with `failure` (an expectation not met) or `error` (a
 * test or file that could not be evaluated).
 */
export function junitReport(
  suites: readonly Suite[],
  timestamp = new Date().toISOString(),
): string {
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const all = suites.map(s => {
    const cases =
      s.invalid !== undefined
        ? [
            {
              file: s.file,
              name: 'load',
              kind: 'file',
              pass: false,
              expected: '',
              actual: '',
              explanation: [],
              error: s.invalid,
              ms: 0,
            } as TestCase,
          ]
        : s.cases;
    const failures = cases.filter(c => !c.pass && !c.error).length;
    const errors = cases.filter(c => c.error).length;
    const ms = cases.reduce((n, c) => n + c.ms, 0);
    const body = cases.map(c => {
      const head = `    <testcase classname="${xml(c.file)}" name="${xml(`${c.kind}: ${c.name}`)}" time="${secs(c.ms)}"${c.line ? ` file="${xml(c.file)}" line="${c.line}"` : ''}`;
      if (c.pass) return `${head}/>`;
      if (c.error)
        return `${head}>\n      <error message="${xml(c.error)}" type="invalid">${xml(c.error)}</error>\n    </testcase>`;
      return `${head}>\n      <failure message="${xml(`expected ${c.expected}; actual ${c.actual}`)}" type="expectation">${xml(details(c))}</failure>\n    </testcase>`;
    });
    return {
      tests: cases.length,
      failures,
      errors,
      ms,
      text: `  <testsuite name="${xml(s.file)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${secs(ms)}" timestamp="${xml(timestamp.replace(/\.\d+Z$/, ''))}">\n${body.join('\n')}${body.length ? '\n' : ''}  </testsuite>`,
    };
  });
  const t = all.reduce(
    (a, x) => ({
      tests: a.tests + x.tests,
      failures: a.failures + x.failures,
      errors: a.errors + x.errors,
      ms: a.ms + x.ms,
    }),
    { tests: 0, failures: 0, errors: 0, ms: 0 },
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="permsim" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" time="${secs(t.ms)}">\n${all.map(x => x.text).join('\n')}${all.length ? '\n' : ''}</testsuites>\n`;
}

/** TAP version 13: one line per test, a YAML block with expected vs actual under each failure. */
export function tapReport(suites: readonly Suite[]): string {
  const lines: string[] = ['TAP version 13'];
  let n = 0;
  const body: string[] = [];
  const yamlStr = (s: string) => JSON.stringify(s);
  for (const s of suites) {
    if (s.invalid !== undefined) {
      n++;
      body.push(
        `not ok ${n} - ${s.file}: could not be loaded`,
        '  ---',
        `  message: ${yamlStr(s.invalid)}`,
        '  ...',
      );
      continue;
    }
    for (const c of s.cases) {
      n++;
      const title = `${c.file}${c.line ? `:${c.line}` : ''} ${c.kind}: ${c.name}`.replace(
        /#/g,
        '\\#',
      );
      if (c.pass) {
        body.push(`ok ${n} - ${title}`);
        continue;
      }
      body.push(`not ok ${n} - ${title}`, '  ---');
      if (c.error) body.push(`  message: ${yamlStr(c.error)}`);
      else {
        body.push(`  expected: ${yamlStr(c.expected)}`, `  actual: ${yamlStr(c.actual)}`);
        if (c.unexpected?.length) body.push(`  unexpected: ${JSON.stringify(c.unexpected)}`);
        if (c.missing?.length) body.push(`  missing: ${JSON.stringify(c.missing)}`);
        if (c.explanation.length) body.push(`  explanation: ${JSON.stringify(c.explanation)}`);
      }
      body.push('  ...');
    }
  }
  lines.push(`1..${n}`, ...body);
  return `${lines.join('\n')}\n`;
}

/** A small line diff (longest common subsequence) of two texts, `-`/`+` lines with 2 lines of context. */
export function lineDiff(a: string, b: string, file: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length * y.length > 4_000_000)
    return `--- ${file}\n+++ ${file}\n(too large to show; compare the files)\n`;
  const dp: number[][] = Array.from({ length: x.length + 1 }, () =>
    new Array<number>(y.length + 1).fill(0),
  );
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      (dp[i] as number[])[j] =
        x[i] === y[j]
          ? ((dp[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((dp[i + 1] as number[])[j] as number, (dp[i] as number[])[j + 1] as number);
  const ops: { t: ' ' | '-' | '+'; s: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      ops.push({ t: ' ', s: x[i] as string });
      i++;
      j++;
    } else if (
      i < x.length &&
      (j >= y.length ||
        ((dp[i + 1] as number[])[j] as number) >= ((dp[i] as number[])[j + 1] as number))
    ) {
      ops.push({ t: '-', s: x[i] as string });
      i++;
    } else {
      ops.push({ t: '+', s: y[j] as string });
      j++;
    }
  }
  const keep = ops.map(
    (o, k) => o.t !== ' ' || ops.slice(Math.max(0, k - 2), k + 3).some(p => p.t !== ' '),
  );
  const out = [`--- ${file} (before)`, `+++ ${file} (from today's answers)`];
  ops.forEach((o, k) => {
    if (keep[k]) out.push(`${o.t}${o.s}`);
    else if (keep[k - 1]) out.push('@@');
  });
  return `${out.join('\n')}\n`;
}

/**
 * Rewrites the `expect:` of each failing test from today's answers (passing ones, comments and
 * layout are kept), and prints the diffs. A failing "nobody outside group G" becomes "only" the
 * principals that succeed today, so the file freezes today's state.
 */
export function updateTestFiles(files: readonly string[], io: CliIo): number {
  let changed = 0;
  for (const file of files) {
    if (!isTestFile(file)) {
      io.err(`permsim test --update: ${file} is not a *.permsim-test.yaml file; left as it is\n`);
      continue;
    }
    const t = loadTestFile(file);
    if (!t.ok) {
      io.err(`permsim test --update: ${t.message}\n`);
      continue;
    }
    const s = openModelSession(t.value.modelPath);
    if (!s.ok) {
      io.err(`permsim test --update: model ${t.value.spec.model}: ${s.error.message}\n`);
      continue;
    }
    const model = s.value.model();
    const before = readFileSync(file, 'utf8');
    let after = before;
    if (file.toLowerCase().endsWith('.json')) {
      const value = JSON.parse(before) as { tests: { expect: unknown }[] };
      t.value.spec.tests.forEach((test, i) => {
        const r = runPermTest(model, test);
        if (!r.error && r.current !== undefined && !r.pass && value.tests[i])
          value.tests[i].expect = r.current;
      });
      after = `${JSON.stringify(value, null, 2)}\n`;
    } else {
      // Only the failing tests' expect values are replaced, in place: the rest of the file (its
      // comments, quoting and layout) stays byte for byte.
      const doc = parseDocument(before);
      const edits: { from: number; to: number; text: string }[] = [];
      t.value.spec.tests.forEach((test, i) => {
        const r = runPermTest(model, test);
        if (r.error || r.current === undefined || r.pass) return;
        const node = doc.getIn(['tests', i, 'expect'], true) as {
          range?: [number, number, number];
        };
        if (!node?.range) return;
        const text = stringify(r.current, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
        edits.push({ from: node.range[0], to: node.range[1], text });
      });
      for (const e of edits.sort((a, b) => b.from - a.from))
        after = after.slice(0, e.from) + e.text + after.slice(e.to);
    }
    if (after === before) continue;
    writeFileSync(file, after, 'utf8');
    changed++;
    io.out(lineDiff(before, after, file));
  }
  io.out(`${changed} file${changed === 1 ? '' : 's'} updated; review the diff before committing\n`);
  return EXIT.ok;
}

function report(suites: readonly Suite[], reporter: Reporter): string {
  switch (reporter) {
    case 'json':
      return jsonReport(suites);
    case 'junit':
      return junitReport(suites);
    case 'tap':
      return tapReport(suites);
    default:
      return textReport(suites);
  }
}

/** The files a run reads: the given ones and the models their test files name. */
function watchedFiles(files: readonly string[]): string[] {
  const out = new Set(files.map(f => resolve(f)));
  for (const f of files) {
    if (!isTestFile(f)) continue;
    const t = loadTestFile(f);
    if (t.ok) out.add(t.value.modelPath);
  }
  return [...out].filter(f => existsSync(f));
}

export async function runTest(files: string[], io: CliIo, opts: TestOptions = {}): Promise<number> {
  const reporter = (opts.reporter ?? 'text') as Reporter;
  if (!(REPORTERS as readonly string[]).includes(reporter)) {
    io.err(
      `permsim test: --reporter must be one of ${REPORTERS.join(', ')} (got '${opts.reporter}')\n`,
    );
    return EXIT.badInput;
  }
  if (opts.update) return updateTestFiles(files, io);
  const once = async () => {
    const suites = await runSuites(files, io);
    io.out(report(suites, reporter));
    const n = counts(suites);
    return n.failed === 0 && n.invalid === 0 ? EXIT.ok : EXIT.failed;
  };
  const code = await once();
  if (!opts.watch) return code;
  return watchLoop(files, io, once);
}

/** Runs again on every change of a watched file (debounced), until the process is stopped. */
function watchLoop(files: string[], io: CliIo, once: () => Promise<number>): Promise<number> {
  return new Promise(() => {
    let watchers: FSWatcher[] = [];
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let again = false;
    const arm = () => {
      for (const w of watchers) w.close();
      // Editors replace files (rename): watch again after each run, so the new file is watched.
      watchers = watchedFiles(files).map(f =>
        watch(f, () => {
          clearTimeout(timer);
          timer = setTimeout(() => void rerun(f), 150);
        }),
      );
      io.err(
        `permsim test: watching ${watchers.length} file${watchers.length === 1 ? '' : 's'}; Ctrl+C stops\n`,
      );
    };
    const rerun = async (changed: string) => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      io.err(`permsim test: ${changed} changed; running again\n`);
      await once();
      running = false;
      arm();
      if (again) {
        again = false;
        void rerun(changed);
      }
    };
    arm();
  });
}
