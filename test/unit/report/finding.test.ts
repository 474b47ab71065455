/**
 * Reports that lead with the answer: the seed question of the sensor demo (alice, GetDataStream)
 * fixed by removing the analysts' Deny (§2.8, §9.6). The finding comes first (question, answer
 * before and after, the cause with the deciding entry and level, the change, who gains and who
 * loses, app keys per address apart, §3.9); the sections follow the chosen scope; cross-references
 * name only sections that are there; effective permissions are labelled before and after with the
 * differing rows marked; the title is the file name; the PDF has the summary on page 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, openModelSession } from '../../../main/api';
import { reportFileName } from '../../../main/api/report-handlers';
import { DEFAULT_CHROMIUM } from '../../../main/report/pdf';
import type { ReportData } from '../../../shared/report';
import { parseCsv } from './csv-parse';
import { schemaErrors } from './json-schema-check';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'permsim.mjs');
const SENSOR = join(ROOT, 'assets/demos/sensor-datastream.yaml');
const STREAM = 'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream';
const schema = JSON.parse(
  readFileSync(join(ROOT, 'assets/schema/report.schema.json'), 'utf8'),
) as Record<string, unknown>;
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

const SCENARIO_TEXT = [
  'scenario: Remove the analysts deny',
  'changes:',
  '  - remove: { thing: SensorDataStream, runtime: { deny: ServiceInvoke, resource: GetDataStream, principal: group:DataAnalysts } }',
  'watch:',
  '  users: [alice]',
  `  calls: [${STREAM}]`,
  '',
].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-finding-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportJson(args: Record<string, unknown>): Promise<ReportData> {
  const s = openModelSession(SENSOR);
  if (!s.ok) throw new Error(s.error.message);
  const h = createHandlers({ session: s.value });
  try {
    const r = await h.dispatch('report:export', { format: 'json', ...args });
    if (!r.ok) throw new Error(r.error.message);
    const text = (r.value as { text: string }).text;
    const json = JSON.parse(text) as ReportData;
    expect(schemaErrors(schema, json)).toEqual([]);
    return json;
  } finally {
    await h.close();
  }
}

const scenario = { text: SCENARIO_TEXT, fileName: 'remove-deny.yaml' };

describe('the finding for a customer', () => {
  it('leads with the question, both answers, the cause, the change and who gains (the key apart)', async () => {
    const d = await exportJson({
      template: 'finding',
      scenario,
      users: ['alice'],
      entities: ['SensorDataStream'],
    });
    expect(d.sections).toEqual(['finding', 'scenario', 'effective', 'appendix']);
    const f = d.finding!;
    // The question: the scenario's watched cell.
    expect(f.questions.map(q => [q.caller, q.call])).toEqual([['alice', STREAM]]);
    const q = f.questions[0]!;
    expect([q.before.status, q.after?.status]).toEqual([403, 200]);
    // The cause in one sentence: the deciding entry and its level (§2.8, §9.6).
    expect(q.before.cause).toContain('entity-level permissions of SensorDataStream');
    expect(q.before.cause).toContain('Deny · group DataAnalysts');
    expect(f.change?.changes).toEqual([
      'remove deny ServiceInvoke on GetDataStream for group:DataAnalysts at Things/SensorDataStream',
    ]);
    // Who gains: alice, and her key analyst-key from inside its allowlist, though the scenario
    // watches alice only (the report's blast radius covers every caller, §3.9). Nobody loses.
    expect(f.blastRadius?.gains.map(x => [x.caller, x.gained])).toEqual([
      ['alice', 1],
      ['via key analyst-key from 10.1.0.0/16', 1],
    ]);
    expect(f.blastRadius?.loses).toEqual([]);
    expect(f.blastRadius?.totals.total).toBe(2);
    // Effective permissions before and after: exactly the GetDataStream row differs.
    const t = d.effective!.find(x => x.user === 'alice' && x.entity === 'SensorDataStream')!;
    const differs = t.rows.filter((_, i) => t.after?.[i]?.differs);
    expect(differs.map(r => `${r.characteristic} ${r.kind} ${r.status}`)).toEqual([
      'GetDataStream ServiceInvoke 403',
    ]);
  });

  it('renders the finding before the contents, labels before/after and marks differing rows', async () => {
    const s = openModelSession(SENSOR);
    if (!s.ok) throw new Error(s.error.message);
    const h = createHandlers({ session: s.value });
    const r = await h.dispatch('report:export', {
      format: 'html',
      template: 'finding',
      scenario,
      users: ['alice'],
      entities: ['SensorDataStream'],
      title: 'Finding: alice & GetDataStream',
    });
    await h.close();
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { fileName: string; text: string };
    // The title is the file name (safe characters only).
    expect(v.fileName).toBe('Finding-alice-GetDataStream.html');
    const page = v.text;
    expect(page.indexOf('id="sec-finding"')).toBeLessThan(page.indexOf('class="toc"'));
    expect(page).toContain('Gain access');
    expect(page).toContain('via key analyst-key from 10.1.0.0/16');
    expect(page).toContain('<th class="k">Before</th><th class="k">After</th>');
    expect(page).toMatch(/<tr class="differs">[^]*?GetDataStream/);
    // The finding links to the appendix's explanation of question 1, which is there.
    const link = /href="#(q-1-[a-z0-9]+)"/.exec(page)?.[1];
    expect(link).toBeDefined();
    expect(page).toContain(`id="${link}"`);
    expect(page).not.toContain('<script');
  });

  it('keeps sections and saved requests inside the chosen scope, and cross-references present sections only', async () => {
    // Saved requests added by the user: only those of alice (or her key) on SensorDataStream.
    const d = await exportJson({
      sections: ['requests', 'semantics'],
      users: ['alice'],
      entities: ['SensorDataStream'],
    });
    expect(d.requests!.length).toBeGreaterThan(0);
    for (const r of d.requests!) {
      expect(r.caller).toMatch(/^(user alice|app key analyst-key)$/);
      expect(r.call).toContain('/Things/SensorDataStream');
    }
    // Without the Saved requests section, "relied on" never points at a request number.
    const noRequests = await exportJson({
      sections: ['finding', 'semantics'],
      users: ['alice'],
      questions: [{ as: 'alice', call: STREAM }],
    });
    expect(noRequests.sections).toEqual(['finding', 'semantics']);
    const usedBy = noRequests.semantics!.reliedOn.flatMap(x => x.usedBy);
    for (const u of usedBy) expect(u).not.toMatch(/^request \d+$/);
    // A finding without the appendix does not link to it; without a scenario, no after.
    const s = openModelSession(SENSOR);
    if (!s.ok) throw new Error(s.error.message);
    const h = createHandlers({ session: s.value });
    const html = await h.dispatch('report:export', {
      format: 'html',
      sections: ['finding'],
      questions: [{ appKey: 'analyst-key', ip: '10.1.20.30', call: STREAM }],
    });
    await h.close();
    if (!html.ok) throw new Error(html.error.message);
    const page = (html.value as { text: string }).text;
    expect(page).not.toMatch(/href="#q-1/);
    expect(page).not.toContain('href="#sec-scenario"');
    expect(page).toContain('may <strong>via key analyst-key from 10.1.20.30</strong> call');
  });

  it('the training handout is the saved requests with their notes; CSV lists the questions', async () => {
    const d = await exportJson({ template: 'training' });
    expect(d.sections).toEqual(['requests']);
    expect(d.requests!.some(r => r.note)).toBe(true);
    const s = openModelSession(SENSOR);
    if (!s.ok) throw new Error(s.error.message);
    const h = createHandlers({ session: s.value });
    const csv = await h.dispatch('report:export', {
      format: 'csv',
      template: 'finding',
      scenario,
    });
    await h.close();
    if (!csv.ok) throw new Error(csv.error.message);
    const rows = parseCsv((csv.value as { text: string }).text);
    expect(rows.some(r => r[0] === 'question' && r[1] === 'alice' && r[5] === '403->200')).toBe(
      true,
    );
    expect(
      rows.some(r => r[0] === 'blast-radius' && r[1] === 'via key analyst-key from 10.1.0.0/16'),
    ).toBe(true);
  });

  it('refuses a question without exactly one caller, and names file from the model without a title', async () => {
    const s = openModelSession(SENSOR);
    if (!s.ok) throw new Error(s.error.message);
    const h = createHandlers({ session: s.value });
    const r = await h.dispatch('report:export', {
      format: 'json',
      questions: [{ call: STREAM }],
    });
    await h.close();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('question 1 needs exactly one caller');
    expect(reportFileName('Plant', 'pdf')).toBe('Plant-report.pdf');
    expect(reportFileName('Plant', 'pdf', '  ../..  ')).toBe('Plant-report.pdf');
    expect(reportFileName('Plant', 'csv', 'Q3 audit / line 2')).toBe('Q3-audit-line-2.csv');
  });
});

describe('the finding as PDF (pdftoppm)', () => {
  it('has the summary of the finding on page 1, the details after it', () => {
    if (!existsSync(DEFAULT_CHROMIUM) || !has('pdftoppm') || !has('pdftotext')) {
      console.log('PDF finding test not run: needs chromium and poppler-utils.');
      return;
    }
    const scen = join(dir, 'remove-deny.yaml');
    writeFileSync(scen, SCENARIO_TEXT);
    const pdf = join(dir, 'finding.pdf');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'report',
        SENSOR,
        '--scenario',
        scen,
        '--template',
        'finding',
        '--user',
        'alice',
        '--entity',
        'SensorDataStream',
        '--title',
        'Finding: alice and GetDataStream',
        '--format',
        'pdf',
        '-o',
        pdf,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    const pages = text.split('\f').filter(p => p.trim());
    const first = pages[0] ?? '';
    expect(first).toContain('Finding: alice and GetDataStream');
    expect(first).toContain('Summary of the finding');
    expect(first).toMatch(/Before the change:\s+403\s+denied/);
    expect(first).toMatch(/After the change:\s+200\s+allowed/);
    expect(first).toContain('Recommended change');
    expect(first).toContain('via key analyst-key from 10.1.0.0/16');
    // The details start on the next page.
    expect(first).not.toContain('Changed decisions');
    expect(pages.slice(1).join('\n')).toContain('Changed decisions');
    const png = spawnSync('pdftoppm', [
      '-r',
      '50',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      join(dir, 'p'),
    ]);
    expect(png.status).toBe(0);
    expect(existsSync(join(dir, 'p-1.png'))).toBe(true);
  });
});
