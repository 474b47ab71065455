/**
 * Reports to share (docs/reports.md): build the content once (`buildReportData`), then render it as a
 * self-contained HTML page (also the source of the PDF), CSV or JSON. Pure string builders
 * (architecture.md §1); saving and PDF printing live in main/report and main/app.
 *
 * @example
 * const r = buildReportData(model, { generatedAt: new Date().toISOString(), appVersion: '0.1.0' });
 * if (r.ok) { const page = reportToHtml(r.value); const table = reportToCsv(r.value); const json = reportToJson(r.value); }
 */
export { buildReportData, REPORT_LIMITS } from './build-data';
export type { ReportOptions } from './build-data';
export { reportToHtml, REPORT_CSP } from './html';
export { reportToCsv, csvField, toCsv, CSV_COLUMNS } from './csv';
export { reportToJson, checkReportVersion, REPORT_JSON_KEYS } from './json';
export { inheritanceGraph } from './graph-svg';
export { scenarioReport, SCENARIO_CELL_CAP } from './scenario';
export { escapeHtml, html, raw } from './html-safe';
export { REPORT_SECTIONS, REPORT_FORMATS, REPORT_FORMAT_VERSION, SECTION_TITLES } from './types';
export type * from './types';
