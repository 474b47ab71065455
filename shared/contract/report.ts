/**
 * `report:export`: a report to share (docs/reports.md), HTML, CSV and JSON as text, PDF as base64
 * (shared/report), optionally with a what-if scenario file run against the project's model.
 */
import { z } from 'zod';
import type { ReportExportResult } from '../report/export-types';
import { REPORT_FORMATS, REPORT_SECTIONS, REPORT_TEMPLATES } from '../report/types';
import { calls, name, owned } from './common';

export const reportExportArgsSchema = z.strictObject({
  format: z.enum(REPORT_FORMATS),
  /** Default: the template's sections, else every section (the scenario one only with a scenario). */
  sections: z.array(z.enum(REPORT_SECTIONS)).min(1, { error: 'at least one section' }).optional(),
  /** A starting choice of sections (`sections` wins when both are given). */
  template: z.enum(REPORT_TEMPLATES).optional(),
  /** The questions the finding answers; default: the scenario's watched users x calls (at most 10). */
  questions: z
    .array(
      z.strictObject({
        as: name.optional(),
        appKey: name.optional(),
        ip: z.string().trim().min(1).max(100).optional(),
        call: z.string().min(1, { error: 'a call such as GET /Thingworx/Things/T1' }).max(2000),
      }),
    )
    .max(20, { error: 'at most 20 questions' })
    .optional(),
  /** A scenario file (model-format.md "Scenarios"): its text and name, run against the project's model. */
  scenario: z
    .strictObject({ text: z.string({ error: 'the text of a scenario file' }), fileName: name })
    .optional(),
  users: z.array(name).optional(),
  /** Thing names or `Collection/Name`. */
  entities: z.array(name).optional(),
  contexts: z.array(name).optional(),
  /** The report's title; also its file name (default: `<model>-report`). */
  title: z.string({ error: 'a string' }).max(200, { error: 'at most 200 characters' }).optional(),
});

export const reportCalls = calls({
  'report:export': {
    args: reportExportArgsSchema,
    result: owned<ReportExportResult>('a report'),
  },
});
