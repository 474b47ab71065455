/**
 * The Export dialog's choices turned into `report:export` arguments, checked before anything is
 * sent: a problem comes back as one sentence for the dialog, never as a call that fails later.
 *
 * @example
 * const r = exportArgs({ format: 'html', sections: ['summary'], scenario: null, users: [], entities: [], contexts: [], title: '' });
 * // { ok: true, args: { format: 'html', sections: ['summary'] } }
 */
import type { StoredScenario } from '../../../shared/contract';
import type { ReportExportArgs } from '../../../shared/report/export-types';
import { REPORT_SECTIONS } from '../../../shared/report/types';
import type { ReportFormat, ReportQuestion, ReportSection } from '../../../shared/report/types';
import { scenarioFileName, scenarioFileText } from './scenario-text';

export type ExportChoice = {
  format: ReportFormat;
  sections: readonly ReportSection[];
  /** Id of the stored scenario for the `scenario` section. */
  scenario: number | null;
  users: readonly string[];
  entities: readonly string[];
  /** Empty: every context (the report's default). */
  contexts: readonly string[];
  title: string;
  /** The finding's questions (the Ask view's); empty: the scenario's watched calls. */
  questions?: readonly ReportQuestion[];
};

export type ExportArgsResult =
  { ok: true; args: ReportExportArgs } | { ok: false; message: string };

/** Same limit as the handler's schema (main/api/report-handlers.ts). */
export const TITLE_MAX = 200;

export function exportArgs(
  choice: ExportChoice,
  scenarios: readonly StoredScenario[],
): ExportArgsResult {
  // Report order, whatever order the boxes were ticked in.
  const sections = REPORT_SECTIONS.filter(s => choice.sections.includes(s));
  if (sections.length === 0)
    return { ok: false, message: 'Choose at least one section to include in the report.' };
  const title = choice.title.trim();
  if (title.length > TITLE_MAX)
    return {
      ok: false,
      message: `The title has ${title.length} characters; at most ${TITLE_MAX} are allowed.`,
    };
  const args: ReportExportArgs = { format: choice.format, sections };
  if (sections.includes('scenario')) {
    if (choice.scenario === null)
      return {
        ok: false,
        message:
          'Pick a stored scenario for the What-if scenario section, or leave that section out.',
      };
    const s = scenarios.find(x => x.id === choice.scenario);
    if (!s)
      return {
        ok: false,
        message: `The chosen scenario (id ${choice.scenario}) is no longer stored in the project; pick another one.`,
      };
    args.scenario = { text: scenarioFileText(s), fileName: scenarioFileName(s.name) };
  }
  const needsPrincipals = sections.some(
    s => s === 'effective' || s === 'equipment' || s === 'graph',
  );
  if (needsPrincipals && choice.users.length > 0) args.users = [...choice.users];
  if (sections.includes('effective') && choice.entities.length > 0)
    args.entities = [...choice.entities];
  if (sections.includes('equipment') && choice.contexts.length > 0)
    args.contexts = [...choice.contexts];
  if (title !== '') args.title = title;
  if ((sections.includes('finding') || sections.includes('appendix')) && choice.questions?.length)
    args.questions = [...choice.questions];
  return { ok: true, args };
}
