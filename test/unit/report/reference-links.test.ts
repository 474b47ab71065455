// The section chips of a report (docs/reports.md): each links to its topic of PermSim's
// permission-model reference, copied into the report so the file is self-contained offline.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, openModelSession } from '../../../main/api';
import { loadModel } from '../../../shared/apps/load';
import type { Model } from '../../../shared/model/types';
import { parseReference, topicForSection } from '../../../shared/reference/parse-reference';
import { buildReportData, reportToHtml } from '../../../shared/report';
import type { ReportData } from '../../../shared/report';

const ROOT = resolve(__dirname, '..', '..', '..');
const reference = parseReference(readFileSync(resolve(ROOT, 'docs/permission-model.md'), 'utf8'));

function demo(name: string): Model {
  const path = `assets/demos/${name}.yaml`;
  const r = loadModel(readFileSync(resolve(ROOT, path), 'utf8'), path);
  if (!r.ok) throw new Error(r.errors.map(e => e.message).join('; '));
  return r.model;
}
function report(m: Model): ReportData {
  const r = buildReportData(m, {
    generatedAt: '2026-05-01T10:00:00.000Z',
    appVersion: '0.1.0',
    sections: ['requests'],
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('section chips in reports link to the reference inside the report', () => {
  for (const name of ['sensor-datastream', 'smart-factory']) {
    it(`${name}: every chip links to an anchor of the report, whose topic is copied in`, () => {
      const d = report(demo(name));
      const page = reportToHtml(d, { reference });
      const cited = new Set(d.requests?.flatMap(r => r.explanation.flatMap(s => s.cites)));
      expect(cited.size).toBeGreaterThan(5);
      for (const c of cited) {
        const t = topicForSection(reference, c);
        expect(t, c).toBeDefined();
        expect(page).toContain(`<a class="cite" href="#ref-${t?.id}" title="`);
        expect(page).toContain(`<div class="topic" id="ref-${t?.id}"><h3>`);
      }
      // Every in-page link has its anchor; no link leaves the file.
      const ids = new Set([...page.matchAll(/\sid="([^"]+)"/g)].map(m => m[1]));
      const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map(m => m[1] as string);
      expect(hrefs.length).toBeGreaterThan(cited.size);
      for (const h of hrefs) {
        expect(h.startsWith('#'), h).toBe(true);
        expect(ids.has(h.slice(1)), h).toBe(true);
      }
      expect(page).toContain('<a href="#sec-reference">Reference: the topics cited</a>');
    });
  }

  it('the run-time topic is the one the seed 403 cites (§9.6), copied once', () => {
    const page = reportToHtml(report(demo('sensor-datastream')), { reference });
    const runtime = topicForSection(reference, '§9.6');
    expect(runtime).toBeDefined();
    expect(page.split(`id="ref-${runtime?.id}"`)).toHaveLength(2);
    expect(page).toContain(`>${runtime?.title} <span class="cites">`);
  });

  it('without the reference the chips stay plain text and there is no appendix', () => {
    const page = reportToHtml(report(demo('sensor-datastream')));
    expect(page).toContain('<span class="cite">§9.6</span>');
    expect(page).not.toContain('sec-reference');
  });

  it('report:export finds docs/permission-model.md itself: the HTML links its chips', async () => {
    const s = openModelSession(resolve(ROOT, 'assets/demos/sensor-datastream.yaml'));
    if (!s.ok) throw new Error(s.error.message);
    const h = createHandlers({ session: s.value });
    const r = await h.dispatch('report:export', { format: 'html', sections: ['requests'] });
    const text = r.ok ? (r.value as { text: string }).text : '';
    expect(text).toMatch(/<a class="cite" href="#ref-[a-z0-9-]+"/);
    expect(text).toContain('id="sec-reference"');
    await h.close();
  });
});
