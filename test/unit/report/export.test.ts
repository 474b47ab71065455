import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, openModelSession } from '../../../main/api';
import { reportFileName } from '../../../main/api/report-handlers';
import { pdfHeaderFooter } from '../../../main/report/pdf-options';
import { DEFAULT_CHROMIUM } from '../../../main/report/pdf';
import { parseCsv } from './csv-parse';
import { schemaErrors } from './json-schema-check';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'permsim.mjs');
const SENSOR = join(ROOT, 'assets/demos/sensor-datastream.yaml');
const FACTORY = join(ROOT, 'assets/demos/smart-factory.yaml');
const HOSTILE = join(ROOT, 'test/unit/report/fixtures/hostile.yaml');
const SCENARIO = join(ROOT, 'assets/demos/scenarios/analysts-get-datastream.yaml');
const schema = JSON.parse(
  readFileSync(join(ROOT, 'assets/schema/report.schema.json'), 'utf8'),
) as Record<string, unknown>;
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

type Run = { code: number | null; stdout: string; stderr: string };
const permsim = (args: string[]): Run => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report:export through the handler map', () => {
  const api = () => {
    const s = openModelSession(SENSOR);
    if (!s.ok) throw new Error(s.error.message);
    return createHandlers({ session: s.value });
  };

  it('returns HTML/CSV/JSON as text with a file name and MIME type', async () => {
    const h = api();
    const r = await h.dispatch('report:export', {
      format: 'json',
      sections: ['requests', 'semantics'],
    });
    expect(r.ok).toBe(true);
    const v = r.ok ? (r.value as { fileName: string; mimeType: string; text: string }) : undefined;
    expect(v?.mimeType).toBe('application/json');
    expect(v?.fileName).toMatch(/-report\.json$/);
    const json = JSON.parse(v!.text) as { sections: string[]; exportedAt: string };
    expect(json.sections).toEqual(['requests', 'semantics']);
    expect(schemaErrors(schema, json)).toEqual([]);
    await h.close();
  });

  it('refuses bad arguments with one precise message', async () => {
    const h = api();
    const bad = await h.dispatch('report:export', { format: 'docx' });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: expect.stringMatching(
          /^report:export: format must be one of html, pdf, csv, json \(got "docx"\)/,
        ),
      },
    });
    const section = await h.dispatch('report:export', { format: 'html', sections: ['graphs'] });
    expect(section).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const user = await h.dispatch('report:export', { format: 'html', users: ['alicia'] });
    expect(user).toMatchObject({
      ok: false,
      error: {
        code: 'not-found',
        message: expect.stringMatching(/no user named 'alicia'.*did you mean 'alice'/),
      },
    });
    const scenario = await h.dispatch('report:export', {
      format: 'html',
      scenario: { text: 'scenario: [', fileName: 'x.yaml' },
    });
    expect(scenario).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/scenario x\.yaml/) },
    });
    await h.close();
  });

  it('file names keep only safe characters of the model name', () => {
    expect(reportFileName('<b>Hostile</b> =cmd', 'html')).toBe('b-Hostile-b-cmd-report.html');
    expect(reportFileName('../../etc', 'pdf')).toBe('etc-report.pdf');
  });

  it('PDF header and footer templates escape the title and carry page numbers', () => {
    const t = pdfHeaderFooter('<img src=x onerror=alert(1)>', '2026-05-01T10:00:00Z');
    expect(t.headerTemplate).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(t.footerTemplate).toContain(
      '<span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
  });
});

describe('permsim report (CLI)', () => {
  for (const model of [SENSOR, FACTORY]) {
    for (const format of ['html', 'csv', 'json'] as const) {
      it(`${format} from ${model.split('/').pop()}`, () => {
        const out = join(dir, `${model.split('/').pop()}.${format}`);
        const r = permsim(['report', model, '--format', format, '-o', out]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(
          new RegExp(`^wrote .*\\.${format} \\(${format.toUpperCase()} report of `),
        );
        const text = readFileSync(out, 'utf8');
        if (format === 'html') expect(text).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
        if (format === 'csv') expect(parseCsv(text).length).toBeGreaterThan(10);
        if (format === 'json') expect(schemaErrors(schema, JSON.parse(text))).toEqual([]);
      });
    }
  }

  it('--scenario adds the what-if section with its blast radius', () => {
    const out = join(dir, 'scenario.json');
    const r = permsim([
      'report',
      SENSOR,
      '--scenario',
      SCENARIO,
      '--format',
      'json',
      '-o',
      out,
      '--sections',
      'scenario',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      scenario: { available: boolean; blastRadius: unknown[] };
    };
    expect(json.scenario.available).toBe(true);
    expect(json.scenario.blastRadius.length).toBeGreaterThan(0);
  });

  it('hostile names through the CLI: inert HTML, formula-escaped CSV', () => {
    const html = join(dir, 'hostile.html');
    const csv = join(dir, 'hostile.csv');
    expect(
      permsim([
        'report',
        HOSTILE,
        '--format',
        'html',
        '-o',
        html,
        '--user',
        '=HYPERLINK("http://x")',
      ]).code,
    ).toBe(0);
    expect(
      permsim(['report', HOSTILE, '--format', 'csv', '-o', csv, '--user', '=HYPERLINK("http://x")'])
        .code,
    ).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const cells = parseCsv(readFileSync(csv, 'utf8')).flat();
    expect(cells).toContain(`'=HYPERLINK("http://x")`);
    expect(cells.filter(c => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it('bad input: one line on stderr, exit 2, no stack trace', () => {
    for (const [args, pattern] of [
      [['report', SENSOR, '-o', join(dir, 'x')], /--format is required/],
      [
        ['report', SENSOR, '--format', 'docx', '-o', join(dir, 'x')],
        /--format must be one of html, pdf, csv, json \(got 'docx'\)/,
      ],
      [['report', SENSOR, '--format', 'html'], /-o FILE is required/],
      [
        [
          'report',
          SENSOR,
          '--format',
          'html',
          '-o',
          join(dir, 'x'),
          '--sections',
          'summary,graphs',
        ],
        /unknown section 'graphs'.*did you mean 'graph'/,
      ],
      [
        [
          'report',
          SENSOR,
          '--format',
          'html',
          '-o',
          join(dir, 'x'),
          '--entity',
          'SensorDataStraem',
        ],
        /no Thing named 'SensorDataStraem'.*did you mean 'SensorDataStream'/,
      ],
      [
        ['report', join(dir, 'missing.yaml'), '--format', 'html', '-o', join(dir, 'x')],
        /missing\.yaml/,
      ],
      [
        [
          'report',
          SENSOR,
          '--format',
          'html',
          '-o',
          join(dir, 'x'),
          '--scenario',
          join(dir, 'nope.yaml'),
        ],
        /cannot read the scenario .*no such file/,
      ],
      [['report', SENSOR, '--format', 'html', '-o', join(dir, 'no-dir', 'x.html')], /cannot write/],
    ] as [string[], RegExp][]) {
      const r = permsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('PDF (headless Chromium, docs/reports.md)', () => {
  it('prints the demo report with title, date and page numbers; pages render to PNG with pdftoppm', () => {
    if (!existsSync(DEFAULT_CHROMIUM)) {
      console.log(
        `PDF test not run: no Chromium at ${DEFAULT_CHROMIUM} (apt-get install chromium).`,
      );
      return;
    }
    const pdf = join(dir, 'sensor.pdf');
    const r = permsim(['report', SENSOR, '--scenario', SCENARIO, '--format', 'pdf', '-o', pdf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!has('pdftoppm') || !has('pdftotext')) {
      console.log(
        'PDF page check not run: pdftoppm/pdftotext missing (apt-get install poppler-utils).',
      );
      return;
    }
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    const pages = text.split('\f').filter(p => p.trim());
    expect(pages.length).toBeGreaterThan(3);
    expect(pages[0]).toContain('PermSim report: Sensor data stream after a role change');
    expect(pages[0]).toMatch(/Page 1 of \d+/);
    expect(pages[pages.length - 1]).toMatch(new RegExp(`Page ${pages.length} of ${pages.length}`));
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(text).toContain('What-if scenario');
    const png = spawnSync('pdftoppm', [
      '-r',
      '40',
      '-png',
      '-f',
      '1',
      '-l',
      '3',
      pdf,
      join(dir, 'page'),
    ]);
    expect(png.status).toBe(0);
    expect(readdirSync(dir).filter(f => /^page-\d+\.png$/.test(f))).toHaveLength(3);
  });
});
