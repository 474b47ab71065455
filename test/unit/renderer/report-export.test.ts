/**
 * The Export dialog's pure parts (renderer/src/report): choices -> `report:export` arguments, a
 * stored scenario -> scenario file text, and the saved file's bytes. The scenario round trip runs
 * through the real handler map and a real project: a scenario stored with `whatif:save` and listed
 * with `whatif:list` must come out of the report exactly as `whatif:run` sees it.
 */
import { describe, expect, it } from 'vitest';
import type { StoredScenario } from '../../../shared/contract';
import type { ReportData } from '../../../shared/report/types';
import { parseScenarioText } from '../../../shared/whatif/scenario-file';
import type { Scenario } from '../../../shared/whatif';
import { exportArgs, type ExportChoice } from '../../../renderer/src/report/export-args';
import { reportBlob } from '../../../renderer/src/report/save-report';
import { scenarioFileName, scenarioFileText } from '../../../renderer/src/report/scenario-text';
import { demoProjects, GET_DATA_STREAM as STREAM, REMOVE_ANALYSTS_DENY } from '../demo-project';

// The seed question's deciding entry (§9.6): removing it turns alice's 403 into 200.
const removeDeny: Scenario = {
  name: 'Remove the analysts deny',
  changes: [REMOVE_ANALYSTS_DENY],
  watch: { users: ['alice', 'bob'], calls: [STREAM] },
};
const stored: StoredScenario = { ...removeDeny, id: 7, updatedAt: '2026-01-01T00:00:00Z' };

const choice = (over: Partial<ExportChoice> = {}): ExportChoice => ({
  format: 'html',
  sections: ['summary'],
  scenario: null,
  users: [],
  entities: [],
  contexts: [],
  title: '',
  ...over,
});

describe('exportArgs: the dialog choices as report:export arguments', () => {
  it('keeps report order and leaves out pickers that no chosen section uses', () => {
    const r = exportArgs(
      choice({
        sections: ['semantics', 'summary'],
        users: ['alice'],
        entities: ['SensorDataStream'],
        contexts: ['DefaultContext'],
      }),
      [],
    );
    expect(r).toEqual({ ok: true, args: { format: 'html', sections: ['summary', 'semantics'] } });
  });

  it('passes users, Things and contexts to the sections that use them, and a trimmed title', () => {
    const r = exportArgs(
      choice({
        format: 'pdf',
        sections: ['equipment', 'effective'],
        users: ['alice'],
        entities: ['SensorDataStream'],
        contexts: ['DefaultContext'],
        title: '  Audit  ',
      }),
      [],
    );
    expect(r).toEqual({
      ok: true,
      args: {
        format: 'pdf',
        sections: ['effective', 'equipment'],
        users: ['alice'],
        entities: ['SensorDataStream'],
        contexts: ['DefaultContext'],
        title: 'Audit',
      },
    });
  });

  it('refuses in words: no section, scenario section without a scenario, a vanished scenario, a long title', () => {
    expect(exportArgs(choice({ sections: [] }), [])).toEqual({
      ok: false,
      message: 'Choose at least one section to include in the report.',
    });
    expect(exportArgs(choice({ sections: ['scenario'] }), [stored])).toMatchObject({
      ok: false,
      message: expect.stringContaining('Pick a stored scenario'),
    });
    expect(exportArgs(choice({ sections: ['scenario'], scenario: 99 }), [stored])).toMatchObject({
      ok: false,
      message: expect.stringContaining('id 99'),
    });
    expect(exportArgs(choice({ title: 'x'.repeat(201) }), [])).toEqual({
      ok: false,
      message: 'The title has 201 characters; at most 200 are allowed.',
    });
  });
});

describe('a stored scenario as scenario file text', () => {
  it('parses back to the same changes and watch list', () => {
    const parsed = parseScenarioText(scenarioFileText(stored), scenarioFileName(stored.name));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(parsed.scenario.name).toBe(removeDeny.name);
    expect(parsed.scenario.changes).toEqual(removeDeny.changes);
    expect(parsed.scenario.watch).toEqual(removeDeny.watch);
    expect(scenarioFileName('Lock <carol> now!')).toBe('Lock-carol-now.yaml');
  });

  describe('through the real handler map and project', () => {
    const projects = demoProjects('permsim-report-ui-');

    it('the report shows alice gaining GetDataStream (403 -> 200), and her key from inside its allowlist', async () => {
      const api = projects.openApi(projects.path('p.permsim'), true);
      try {
        expect((await api.call('whatif:save', { scenario: removeDeny })).ok).toBe(true);
        const list = await api.call('whatif:list', {});
        if (!list.ok) throw new Error(list.error.message);
        const built = exportArgs(
          choice({ format: 'json', sections: ['scenario'], scenario: list.value[0]!.id }),
          list.value,
        );
        if (!built.ok) throw new Error(built.message);
        const r = await api.call('report:export', built.args);
        if (!r.ok || !('text' in r.value)) throw new Error(r.ok ? 'no text' : r.error.message);
        const data = JSON.parse(r.value.text) as ReportData;
        expect(data.sections).toEqual(['scenario']);
        const s = data.scenario;
        if (!s?.available) throw new Error(`scenario not available: ${JSON.stringify(s)}`);
        expect(s.name).toBe('Remove the analysts deny');
        expect(s.cells.map(c => `${c.user} ${c.call} ${c.before}->${c.after} ${c.change}`)).toEqual(
          [
            `alice ${STREAM} 403->200 gained`,
            // analyst-key runs as alice (§3.9): from inside 10.1.0.0/16 it gains the call too.
            `via key analyst-key from 10.1.0.0/16 ${STREAM} 403->200 gained`,
          ],
        );
      } finally {
        await api.close();
      }
    });
  });
});

describe('reportBlob: the bytes of the saved file', () => {
  it('decodes a PDF from base64 to its bytes and keeps text as UTF-8', async () => {
    const pdf = reportBlob({
      format: 'pdf',
      fileName: 'a.pdf',
      mimeType: 'application/pdf',
      base64: Buffer.from('%PDF-1.7\n\u00ff').toString('base64'),
    });
    expect(pdf.type).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const html = reportBlob({
      format: 'html',
      fileName: 'a.html',
      mimeType: 'text/html',
      text: '<p>Café 403</p>',
    });
    expect(html.type).toBe('text/html;charset=utf-8');
    expect(await html.text()).toBe('<p>Café 403</p>');
  });
});
