import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import type { Model } from '../../../shared/model/types';
import {
  REPORT_CSP,
  REPORT_SECTIONS,
  buildReportData,
  checkReportVersion,
  csvField,
  reportToCsv,
  reportToHtml,
  reportToJson,
  scenarioReport,
} from '../../../shared/report';
import type { ReportData, ReportOptions } from '../../../shared/report';
import { parseScenarioText } from '../../../shared/whatif/index';
import { parseCsv } from './csv-parse';
import { schemaErrors } from './json-schema-check';

const ROOT = resolve(__dirname, '..', '..', '..');
const DEMOS = ['sensor-datastream', 'smart-factory'] as const;
const schema = JSON.parse(
  readFileSync(resolve(ROOT, 'assets/schema/report.schema.json'), 'utf8'),
) as Record<string, unknown>;
const AT = '2026-05-01T10:00:00.000Z';

function model(path: string): Model {
  const r = loadModel(readFileSync(resolve(ROOT, path), 'utf8'), path);
  if (!r.ok) throw new Error(r.errors.map(e => e.message).join('; '));
  return r.model;
}
function report(m: Model, opts: Partial<ReportOptions> = {}): ReportData {
  const r = buildReportData(m, { generatedAt: AT, appVersion: '0.1.0', ...opts });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const demo = (name: string) => model(`assets/demos/${name}.yaml`);
const hostile = () => model('test/unit/report/fixtures/hostile.yaml');
const IMG = '<img src=x onerror=alert(1)>';
const HYPER = '=HYPERLINK("http://x")';

describe('reports from the demo models, every format (docs/reports.md)', () => {
  for (const name of DEMOS) {
    it(`${name}: HTML is self-contained, has a TOC entry per section and the CSP meta`, () => {
      const d = report(demo(name));
      const page = reportToHtml(d);
      expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
      expect(REPORT_CSP).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
      );
      // No scripts, no external resources of any kind.
      expect(page).not.toMatch(/<script|<link|<iframe|<object|<embed|\bsrc=|@import|url\(http/i);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      for (const s of d.sections) {
        expect(page).toContain(`<a href="#sec-${s}">`);
        expect(page).toContain(`<section id="sec-${s}" class="${s}">`);
      }
      expect(page).toContain('tr, .step, .card, figure { break-inside: avoid;');
    });

    it(`${name}: CSV is RFC 4180 with one header and the same field count in every record`, () => {
      const text = reportToCsv(report(demo(name)));
      expect(text.endsWith('\r\n')).toBe(true);
      const rows = parseCsv(text);
      expect(rows[0]).toEqual([
        'table',
        'subject',
        'target',
        'item',
        'kind',
        'status',
        'result',
        'detail',
      ]);
      expect(rows.every(r => r.length === 8)).toBe(true);
      const tables = new Set(rows.slice(1).map(r => r[0]));
      for (const t of ['request', 'effective', 'option']) expect(tables).toContain(t);
    });

    it(`${name}: JSON re-reads, matches the committed schema, formatVersion first`, () => {
      const text = reportToJson(report(demo(name)));
      const value = JSON.parse(text) as Record<string, unknown>;
      expect(schemaErrors(schema, value)).toEqual([]);
      expect(Object.keys(value).slice(0, 3)).toEqual(['formatVersion', 'appVersion', 'exportedAt']);
      expect(value['exportedAt']).toBe(AT);
      expect(checkReportVersion(value)).toEqual({ ok: true });
      // Stable: the same model and time give the same bytes.
      expect(reportToJson(report(demo(name)))).toBe(text);
    });
  }

  it('the sensor demo: the seed request (alice, GetDataStream) is a 403 with the Thing-level deny as reason (§9.6)', () => {
    const d = report(demo('sensor-datastream'), { sections: ['requests'] });
    const seed = d.requests?.find(
      r => r.call.includes('GetDataStream') && r.caller === 'user alice',
    );
    expect(seed?.status).toBe(403);
    expect(seed?.body).toBe(
      'Not authorized for ServiceInvoke on GetDataStream in SensorDataStream',
    );
    expect(
      seed?.explanation.some(
        s => s.kind === 'runtime' && s.verdict === 'fail' && /deny|Deny/.test(s.text),
      ),
    ).toBe(true);
  });

  it('the smart-factory demo: an equipment-caused 403 names the context-manager call that wrote its Deny (§7.14, §7.15)', () => {
    const d = report(demo('smart-factory'), { sections: ['requests'] });
    const put = d.requests?.find(
      r => r.call.includes('Filler1/Properties/setpoint') && r.caller === 'user op1',
    );
    expect(put?.status).toBe(403);
    const written =
      'this Deny was written by PropagateUserGroupPermissionsOnEntities(Operators, Read) from PackLine in DefaultContext (recorded grant #2, §7.14)';
    expect(put?.explanation.some(s => s.details.includes(written))).toBe(true);
    expect(reportToHtml(d)).toContain(written);
  });

  it('the smart-factory demo: equipment permissions per context as the apps layer computes them (§7.18)', () => {
    const d = report(demo('smart-factory'), { users: ['op1', 'eng1'], sections: ['equipment'] });
    const ctx = d.equipment?.find(c => c.context === 'DefaultContext');
    const op1 = ctx?.principals.find(p => p.principal === 'user:op1');
    const eng1 = ctx?.principals.find(p => p.principal === 'user:eng1');
    expect(op1?.rows.find(r => r.equipment === 'PackLine')?.permission).toBe('Read');
    expect(op1?.rows.find(r => r.equipment === 'MixLine')?.permission).toBe('None');
    expect(eng1?.rows.find(r => r.equipment === 'Mixer1')?.permission).toBe('Write');
    expect(reportToHtml(d)).toContain('Factory View');
  });

  it('the semantic options section lists every option with its value, and what the answers relied on', () => {
    const d = report(demo('sensor-datastream'), { sections: ['semantics'] });
    expect(d.semantics?.options.map(o => o.name)).toEqual([
      'precedence',
      'adminBypass',
      'ownerBypass',
      'baseTemplateInstance',
      'shapeInstance',
      'visibilityDirection',
      'denialStatus',
      'rejectAppKeyInUrl',
    ]);
    expect(d.semantics?.factory.find(f => f.name === 'usersInEveryone')).toMatchObject({
      value: 'false',
      isDefault: false,
    });
    expect(d.semantics?.reliedOn.some(r => r.what === 'inference' && r.usedBy.length > 0)).toBe(
      true,
    );
  });

  it('the graph section draws each chosen user and every group it inherits from (§2.11)', () => {
    const d = report(demo('sensor-datastream'), { users: ['alice'], sections: ['graph'] });
    expect(d.graph?.edges).toEqual(
      expect.arrayContaining([
        { from: 'user:alice', to: 'group:DataAnalysts' },
        { from: 'group:DataAnalysts', to: 'group:Operators' },
      ]),
    );
    expect(d.graph?.nodes.find(n => n.id === 'group:Operators')?.layer).toBe(2);
    expect(reportToHtml(d)).toMatch(/<figure><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});

describe('hostile model names come out inert', () => {
  it('HTML: the <img onerror> Thing, the HYPERLINK user and a <script> note are escaped text, never markup', () => {
    const d = report(hostile(), { users: [HYPER, 'alice'] });
    const page = reportToHtml(d);
    expect(page).not.toContain(IMG);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>Hostile</b>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('=HYPERLINK(&quot;http://x&quot;)');
    // Every tag in the page is one the report writes itself.
    const tags = new Set(
      [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map(m => m[1]!.toLowerCase()),
    );
    const allowed = [
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'header',
      'h1',
      'h2',
      'h3',
      'p',
      'strong',
      'em',
      'nav',
      'ol',
      'ul',
      'li',
      'a',
      'div',
      'section',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'span',
      'code',
      'figure',
      'svg',
      'defs',
      'marker',
      'path',
      'line',
      'g',
      'rect',
      'text',
      'footer',
    ];
    for (const t of tags) expect(allowed).toContain(t);
  });

  it('SVG labels are escaped too', () => {
    const d = report(hostile(), { users: [HYPER], sections: ['graph'] });
    expect(d.graph?.svg).toContain('=HYPERLINK(&quot;http://x&quot;)');
    expect(d.graph?.svg).not.toContain('"http://x"');
  });

  it('CSV: every field starting with = + - @ tab CR gets a single-quote prefix; quotes are doubled (RFC 4180)', () => {
    const text = reportToCsv(report(hostile(), { users: [HYPER, 'alice'] }));
    const rows = parseCsv(text);
    const cells = rows.flat();
    expect(cells).toContain(`'${HYPER}`);
    expect(cells).toContain(`'@SUM(A1)`);
    expect(cells.filter(c => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe("'\rx");
    expect(csvField('\0x')).toBe("'\0x");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('JSON keeps the names exactly (JSON escaping is enough there) and still matches the schema', () => {
    const text = reportToJson(report(hostile(), { users: [HYPER] }));
    const value = JSON.parse(text) as ReportData;
    expect(schemaErrors(schema, value)).toEqual([]);
    expect(value.effective?.some(t => t.entity === IMG)).toBe(true);
  });
});

describe('scenario section (architecture.md §4)', () => {
  const scenarioText = readFileSync(
    resolve(ROOT, 'assets/demos/scenarios/analysts-get-datastream.yaml'),
    'utf8',
  );

  it('the demo scenario: its changes, gained cells and blast radius, in HTML, CSV and JSON', () => {
    const m = demo('sensor-datastream');
    const parsed = parseScenarioText(scenarioText, 'analysts-get-datastream.yaml');
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const s = scenarioReport(m, parsed.scenario);
    if (!s.ok) throw new Error(s.error.message);
    const d = report(m, { scenario: s.value });
    expect(d.sections).toContain('scenario');
    const sc = d.scenario;
    if (!sc?.available) throw new Error('scenario not available');
    expect(sc.changes.length).toBeGreaterThan(0);
    expect(sc.counts.gained).toBeGreaterThan(0);
    expect(
      sc.cells.some(
        c => c.user === 'alice' && c.change === 'gained' && c.before === 403 && c.after === 200,
      ),
    ).toBe(true);
    expect(reportToHtml(d)).toContain('Blast radius');
    expect(parseCsv(reportToCsv(d)).some(r => r[0] === 'scenario' && r[1] === 'alice')).toBe(true);
    expect(schemaErrors(schema, JSON.parse(reportToJson(d)))).toEqual([]);
  });

  it('a scenario that is not available says so plainly, never a made-up diff', () => {
    const d = report(demo('sensor-datastream'), {
      scenario: { name: 'X', available: false, reason: 'no what-if module' },
      sections: ['scenario'],
    });
    expect(reportToHtml(d)).toContain('Not available in this build: no what-if module');
    expect(schemaErrors(schema, JSON.parse(reportToJson(d)))).toEqual([]);
  });

  it('the scenario section without a scenario is refused', () => {
    const r = buildReportData(demo('sensor-datastream'), {
      generatedAt: AT,
      appVersion: '0.1.0',
      sections: ['scenario'],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/needs a scenario/);
  });
});

describe('choosing what goes in', () => {
  it('sections come out in report order, whatever order they were asked in', () => {
    expect(
      report(demo('sensor-datastream'), { sections: ['semantics', 'summary'] }).sections,
    ).toEqual(['summary', 'semantics']);
    expect(report(demo('sensor-datastream')).sections).toEqual(
      REPORT_SECTIONS.filter(s => s !== 'scenario'),
    );
  });

  it('unknown users, entities and contexts are refused with the nearest name', () => {
    const m = demo('smart-factory');
    const bad = (o: Partial<ReportOptions>) => {
      const r = buildReportData(m, { generatedAt: AT, appVersion: '0.1.0', ...o });
      return r.ok ? '' : r.error.message;
    };
    expect(bad({ users: ['op3'] })).toMatch(/no user named 'op3'.*did you mean/);
    expect(bad({ entities: ['Filler2'] })).toMatch(/no Thing named 'Filler2'/);
    expect(bad({ entities: ['Gadgets/X'] })).toMatch(/'Gadgets' is not a collection/);
    expect(bad({ contexts: ['DefaultContxt'] })).toMatch(
      /no equipment context named 'DefaultContxt'.*did you mean 'DefaultContext'/,
    );
  });

  it('exports every name the model accepts: slashes, spaces, quotes, object keys', () => {
    const names = ['Line/1 "Press"', "Things/O'Brien", '=HYPERLINK("http://x")', 'constructor'];
    const r = loadModel(
      `permsim: 1\nnow: 2026-01-01T00:00:00Z\nusers: { alice: {} }\nthings:\n${names
        .map(n => `  ${JSON.stringify(n)}: { template: GenericThing }`)
        .join('\n')}\n`,
      'names.yaml',
    );
    if (!r.ok) throw new Error(r.errors.map(e => e.message).join('\n'));
    const d = buildReportData(r.model, {
      generatedAt: AT,
      appVersion: '0.1.0',
      users: ['alice'],
      entities: names,
    });
    expect(d.ok ? (d.value.effective ?? []).map(t => t.entity) : d.error.message).toEqual(names);
  });

  it('effective tables of chosen users on chosen entities follow effectiveTable (§9.6), incl. other collections', () => {
    const d = report(demo('sensor-datastream'), {
      users: ['bob', 'dana'],
      entities: ['SensorDataStream', 'ThingTemplates/SensorTemplate'],
      sections: ['effective'],
    });
    expect(d.effective?.map(t => `${t.user}@${t.collection}/${t.entity}`)).toEqual([
      'bob@Things/SensorDataStream',
      'bob@ThingTemplates/SensorTemplate',
      'dana@Things/SensorDataStream',
      'dana@ThingTemplates/SensorTemplate',
    ]);
    const dana = d.effective?.[2]?.rows.find(
      r => r.characteristic === 'temperature' && r.kind === 'PropertyRead',
    );
    expect(dana?.status).toBe(200);
    const danaInvoke = d.effective?.[2]?.rows.find(
      r => r.characteristic === 'GetDataStream' && r.kind === 'ServiceInvoke',
    );
    expect(danaInvoke?.status).toBe(403);
  });

  it('a newer report formatVersion is refused clearly', () => {
    expect(checkReportVersion({ formatVersion: 2 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/newer than this PermSim/),
    });
    expect(checkReportVersion({})).toMatchObject({ ok: false });
  });
});

describe('the schema check itself', () => {
  it('catches a missing formatVersion, an unknown key and a bad timestamp', () => {
    const value = JSON.parse(
      reportToJson(report(demo('sensor-datastream'), { sections: ['summary'] })),
    ) as Record<string, unknown>;
    delete value['formatVersion'];
    value['extra'] = 1;
    value['exportedAt'] = 'yesterday';
    const errors = schemaErrors(schema, value);
    expect(errors).toEqual(
      expect.arrayContaining([
        '$: missing formatVersion',
        '$: unexpected key extra',
        '$.exportedAt: not an ISO-8601 date-time',
      ]),
    );
  });
});
