/**
 * Arguments and result of the `report:export` contract call (shared/contract.ts).
 *
 * @example
 * const args: ReportExportArgs = { format: 'html', sections: ['requests', 'semantics'] };
 * // result: { format: 'html', fileName: 'Plant-report.html', mimeType: 'text/html', text: '<!DOCTYPE html>...' }
 */
import type { ReportFormat, ReportQuestion, ReportSection, ReportTemplate } from './types';

export type ReportExportArgs = {
  format: ReportFormat;
  /** Default: the template's sections, else every section (the scenario one only with a scenario). */
  sections?: ReportSection[];
  /** A starting choice of sections (`sections` wins when both are given). */
  template?: ReportTemplate;
  /** The questions the finding answers; default: the scenario's watched users x calls (at most 10). */
  questions?: ReportQuestion[];
  /** A scenario file (model-format.md "Scenarios"): its text and name, run against the project's model. */
  scenario?: { text: string; fileName: string };
  users?: string[];
  /** Thing names or `Collection/Name`. */
  entities?: string[];
  contexts?: string[];
  /** The report's title; also its file name (default: `<model>-report`). */
  title?: string;
};

export type ReportExportResult =
  | { format: 'html' | 'csv' | 'json'; fileName: string; mimeType: string; text: string }
  | { format: 'pdf'; fileName: string; mimeType: 'application/pdf'; base64: string };
