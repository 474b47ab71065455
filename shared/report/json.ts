/**
 * The report as JSON (docs/reports.md, style.md §3.5): `formatVersion` first, then `appVersion`,
 * `exportedAt` (ISO-8601) and the sections, always in the key order of `ReportData` (types.ts), so
 * two exports of the same model differ only where the content does. The shape is described by the
 * committed JSON Schema assets/schema/report.schema.json.
 *
 * @example
 * const text = reportToJson(data);
 * JSON.parse(text).formatVersion; // 1
 */
import type { ReportData } from './types';
import { setOwn } from '../model/own';

/** Top-level keys in export order; anything else is never written. */
export const REPORT_JSON_KEYS = [
  'formatVersion',
  'appVersion',
  'exportedAt',
  'title',
  'model',
  'sections',
  'notes',
  'finding',
  'summary',
  'requests',
  'scenario',
  'effective',
  'equipment',
  'graph',
  'semantics',
] as const satisfies readonly (keyof ReportData)[];

/**
 * Pretty-printed JSON with the stable key order; the graph is exported as nodes and edges (its SVG
 * is presentation, kept for the HTML).
 *
 * @example
 * writeFileSync('report.json', reportToJson(data));
 */
export function reportToJson(d: ReportData): string {
  const out: Record<string, unknown> = {};
  for (const k of REPORT_JSON_KEYS) {
    const v = d[k];
    if (v === undefined) continue;
    setOwn(out, k, k === 'graph' && d.graph ? { nodes: d.graph.nodes, edges: d.graph.edges } : v);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Reading a report back: the version this build writes, refused clearly when newer (style.md §3.5). */
export function checkReportVersion(value: unknown): { ok: true } | { ok: false; message: string } {
  const v = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof v !== 'number')
    return { ok: false, message: 'not a PermSim report: formatVersion is missing' };
  if (v > 1)
    return {
      ok: false,
      message: `this report has formatVersion ${v}, newer than this PermSim understands (1); update PermSim to read it`,
    };
  return { ok: true };
}
