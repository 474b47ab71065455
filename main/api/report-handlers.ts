/**
 * The `report:export` contract call (docs/reports.md): builds the report of the current project's model
 * (shared/report), optionally with a what-if scenario file run against it (shared/whatif), and
 * renders HTML, CSV or JSON as text, or PDF (headless Chromium, main/report/pdf.ts) as base64.
 * Registered in the handler map (handlers.ts); the schema is the contract's (shared/contract/report.ts).
 *
 * @example
 * const h = reportHandlers({ withModel });
 * const r = await h['report:export']({ format: 'json', sections: ['requests'] });
 * if (r.ok && 'text' in r.value) JSON.parse(r.value.text).formatVersion; // 1
 */
import packageJson from '../../package.json' with { type: 'json' };
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { Model } from '../../shared/model/types';
import {
  buildReportData,
  reportToCsv,
  reportToHtml,
  reportToJson,
  scenarioReport,
} from '../../shared/report';
import type { ReportExportResult } from '../../shared/report/export-types';
import { TEMPLATE_SECTIONS } from '../../shared/report/types';
import type { ReportQuestion, ScenarioReport } from '../../shared/report/types';
import { applyChanges, parseScenarioText, watchCallers } from '../../shared/whatif/index';
import type { ReferenceDoc } from '../../shared/reference/parse-reference';
import type { PdfOptions } from '../report/pdf';
import { referenceDoc } from './reference-file';
import type { Handler } from './handlers';
import type { ProjectSession } from './session';

export type ReportApiName = 'report:export';

export type ReportHandlerDeps = {
  withModel<T>(fn: (m: Model, s: ProjectSession) => Result<T>): Result<T>;
  /** Evaluation time of saved requests without `at` (as engine:ask). */
  now?: () => string;
  /** Time stamped on the report (default: the wall clock). */
  clock?: () => string;
  appVersion?: string;
  /** PDF printer (default: headless Chromium); the desktop app may pass Electron's printToPDF. */
  printPdf?: (html: string, options: PdfOptions) => Promise<Result<Uint8Array>>;
  /** The permission-model reference the section chips link to (default: docs/permission-model.md). */
  reference?: () => ReferenceDoc | undefined;
};

const MIME = { html: 'text/html', csv: 'text/csv', json: 'application/json' } as const;

const safeName = (text: string, max: number): string =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, max)
    .replace(/[-.]+$/g, '');

/**
 * A file name from the report's title when there is one, else from the model name: letters,
 * digits, dot, dash and underscore only.
 *
 * @example
 * reportFileName('Plant', 'pdf', 'Finding: alice & GetDataStream'); // 'Finding-alice-GetDataStream.pdf'
 */
export function reportFileName(modelName: string, format: string, title?: string): string {
  const fromTitle = title === undefined ? '' : safeName(title.trim(), 80);
  if (fromTitle !== '') return `${fromTitle}.${format}`;
  return `${safeName(modelName, 60) || 'permsim'}-report.${format}`;
}

/** The questions a scenario's watch list asks: its users x its calls, at most `max`. */
function watchQuestions(
  watch: { users: string[]; calls: string[] } | undefined,
  max = 10,
): ReportQuestion[] {
  if (!watch) return [];
  const out: ReportQuestion[] = [];
  for (const c of watchCallers(watch.users))
    for (const call of watch.calls)
      if (out.length < max)
        out.push(
          c.type === 'user'
            ? { as: c.name, call }
            : { appKey: c.name, ...(c.ip ? { ip: c.ip } : {}), call },
        );
  return out;
}

export function reportHandlers(deps: ReportHandlerDeps): { [K in ReportApiName]: Handler<K> } {
  return {
    'report:export': async args => {
      const m = deps.withModel(model => ok(model));
      if (!m.ok) return m;
      const model = m.value;
      let scenario: (ScenarioReport & { truncated?: boolean }) | undefined;
      let after: Model | undefined;
      let questions: ReportQuestion[] = args.questions ?? [];
      if (args.scenario) {
        const parsed = parseScenarioText(args.scenario.text, args.scenario.fileName);
        if (!parsed.ok)
          return err(
            'invalid-argument',
            `report:export: scenario ${args.scenario.fileName} has ${parsed.errors.length} problem(s): ${parsed.errors.join('; ')}`,
          );
        const s = scenarioReport(model, parsed.scenario);
        if (!s.ok) return err(s.error.code, `report:export: ${s.error.message}`);
        scenario = s.value;
        const applied = applyChanges(model, parsed.scenario.changes);
        if (applied.ok) after = applied.model;
        if (!args.questions) questions = watchQuestions(parsed.scenario.watch);
      }
      for (const [i, q] of questions.entries()) {
        if ((q.as === undefined) === (q.appKey === undefined))
          return err(
            'invalid-argument',
            `report:export: question ${i + 1} needs exactly one caller: as (a user) or appKey`,
          );
      }
      const sections =
        args.sections ??
        (args.template
          ? TEMPLATE_SECTIONS[args.template].filter(x => x !== 'scenario' || scenario)
          : undefined);
      const now = deps.now?.();
      const built = buildReportData(model, {
        generatedAt: deps.clock?.() ?? new Date().toISOString(),
        appVersion: deps.appVersion ?? packageJson.version,
        ...(args.title !== undefined ? { title: args.title } : {}),
        ...(sections ? { sections } : {}),
        ...(after ? { after } : {}),
        questions,
        ...(args.users ? { users: args.users } : {}),
        ...(args.entities ? { entities: args.entities } : {}),
        ...(args.contexts ? { contexts: args.contexts } : {}),
        ...(scenario ? { scenario } : {}),
        ...(now ? { now } : {}),
      });
      if (!built.ok) return err(built.error.code, `report:export: ${built.error.message}`);
      const data = built.value;
      // HTML and PDF: the section chips link to their topics, copied into the report.
      const reference = (deps.reference ?? referenceDoc)();
      const page = reference ? { reference } : {};
      const fileName = reportFileName(model.name, args.format, args.title);
      let result: ReportExportResult;
      switch (args.format) {
        case 'html':
          result = {
            format: 'html',
            fileName,
            mimeType: MIME.html,
            text: reportToHtml(data, page),
          };
          break;
        case 'csv':
          result = { format: 'csv', fileName, mimeType: MIME.csv, text: reportToCsv(data) };
          break;
        case 'json':
          result = { format: 'json', fileName, mimeType: MIME.json, text: reportToJson(data) };
          break;
        case 'pdf': {
          // Loaded on first PDF only: playwright-core reads its own package.json at load time,
          // which breaks when bundled into the Electron main (that app prints with printToPDF).
          const print = deps.printPdf ?? (await import('../report/pdf')).htmlToPdf;
          const pdf = await print(reportToHtml(data, page), {
            title: data.title,
            date: data.exportedAt,
          });
          if (!pdf.ok) return pdf;
          result = {
            format: 'pdf',
            fileName,
            mimeType: 'application/pdf',
            base64: Buffer.from(pdf.value).toString('base64'),
          };
          break;
        }
      }
      return ok(result);
    },
  };
}
