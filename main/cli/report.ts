/**
 * `permsim report MODEL [--scenario FILE] --format html|pdf|csv|json -o FILE` (docs/reports.md): a report to
 * share, through the handler map's `report:export` like the app's Export menu. Exit 0 when written,
 * 2 for bad input (unreadable/invalid model or scenario, unknown user/entity/context/section, no
 * Chromium for PDF, output not writable).
 *
 * @example
 * permsim report assets/demos/sensor-datastream.yaml --format html -o report.html
 * permsim report assets/demos/sensor-datastream.yaml --scenario assets/demos/scenarios/analysts-get-datastream.yaml --format pdf -o report.pdf
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { suggestionSuffix } from '../../shared/model/suggest';
import { REPORT_FORMATS, REPORT_SECTIONS, REPORT_TEMPLATES } from '../../shared/report/types';
import type {
  ReportFormat,
  ReportQuestion,
  ReportSection,
  ReportTemplate,
} from '../../shared/report/types';
import { watchCallers } from '../../shared/whatif/scenario';
import type { ReportExportArgs } from '../../shared/report/export-types';
import { createHandlers, openModelSession } from '../api';
import type { CliIo } from './io';
import { EXIT, refuse } from './io';

export type ReportCliOptions = {
  format?: string;
  output?: string;
  scenario?: string;
  user?: string[];
  entity?: string[];
  context?: string[];
  sections?: string;
  template?: string;
  question?: string[];
  title?: string;
};

/**
 * A `--question` value: `alice POST /Thingworx/...` or `appKey:k1@10.1.2.3 GET /Thingworx/...`.
 *
 * @example
 * parseQuestion('alice GET /Thingworx/Things/T1'); // { ok: true, question: { as: 'alice', call: 'GET /Thingworx/Things/T1' } }
 */
export function parseQuestion(
  text: string,
): { ok: true; question: ReportQuestion } | { ok: false; message: string } {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 3)
    return {
      ok: false,
      message: `--question "${text}": expected "USER METHOD PATH" or "appKey:NAME[@ADDRESS] METHOD PATH"`,
    };
  const [who, ...call] = parts as [string, ...string[]];
  const [c] = watchCallers([who]);
  if (!c) return { ok: false, message: `--question "${text}": no caller` };
  return {
    ok: true,
    question:
      c.type === 'user'
        ? { as: c.name, call: call.join(' ') }
        : { appKey: c.name, ...(c.ip ? { ip: c.ip } : {}), call: call.join(' ') },
  };
}

export async function runReport(
  modelPath: string,
  opts: ReportCliOptions,
  io: CliIo,
): Promise<number> {
  const bad = (message: string, code = 'bad-input'): number =>
    refuse(io, 'report', false, code, message);
  if (!opts.format) return bad(`--format is required: one of ${REPORT_FORMATS.join(', ')}.`);
  if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) {
    return bad(
      `--format must be one of ${REPORT_FORMATS.join(', ')} (got '${opts.format}')${suggestionSuffix(opts.format, REPORT_FORMATS) || '.'}`,
    );
  }
  if (!opts.output) return bad('-o FILE is required: where to write the report.');
  let sections: ReportSection[] | undefined;
  if (opts.sections !== undefined) {
    const list = opts.sections
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const unknown = list.find(s => !(REPORT_SECTIONS as readonly string[]).includes(s));
    if (unknown !== undefined)
      return bad(
        `--sections: unknown section '${unknown}'; expected a comma-separated list of ${REPORT_SECTIONS.join(', ')}${suggestionSuffix(unknown, REPORT_SECTIONS) || '.'}`,
      );
    if (list.length === 0)
      return bad(`--sections: name at least one of ${REPORT_SECTIONS.join(', ')}.`);
    sections = list as ReportSection[];
  }

  const args: ReportExportArgs = { format: opts.format as ReportFormat };
  if (sections) args.sections = sections;
  if (opts.user?.length) args.users = opts.user;
  if (opts.entity?.length) args.entities = opts.entity;
  if (opts.context?.length) args.contexts = opts.context;
  if (opts.title !== undefined) args.title = opts.title;
  if (opts.template !== undefined) {
    if (!(REPORT_TEMPLATES as readonly string[]).includes(opts.template))
      return bad(
        `--template must be one of ${REPORT_TEMPLATES.join(', ')} (got '${opts.template}')${suggestionSuffix(opts.template, REPORT_TEMPLATES) || '.'}`,
      );
    args.template = opts.template as ReportTemplate;
  }
  if (opts.question?.length) {
    args.questions = [];
    for (const q of opts.question) {
      const p = parseQuestion(q);
      if (!p.ok) return bad(p.message);
      args.questions.push(p.question);
    }
  }
  if (opts.scenario !== undefined) {
    try {
      args.scenario = { text: readFileSync(opts.scenario, 'utf8'), fileName: opts.scenario };
    } catch (e) {
      return bad(
        `cannot read the scenario ${opts.scenario}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      );
    }
  }

  const session = openModelSession(modelPath);
  if (!session.ok) return bad(session.error.message, session.error.code);
  const api = createHandlers({ session: session.value });
  try {
    const r = await api.call('report:export', args);
    if (!r.ok) return bad(r.error.message.replace(/^report:export: /, ''));
    const v = r.value;
    try {
      if ('base64' in v) writeFileSync(opts.output, Buffer.from(v.base64, 'base64'));
      else writeFileSync(opts.output, v.text, 'utf8');
    } catch (e) {
      return bad(`cannot write ${opts.output}: ${(e as Error).message}`);
    }
    io.out(
      `wrote ${opts.output} (${v.format.toUpperCase()} report of ${session.value.model().name})\n`,
    );
    return EXIT.ok;
  } finally {
    await api.close();
  }
}
