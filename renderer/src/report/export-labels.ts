/** Words of the report Export dialog: format names, what each section needs, the Ask question. */
import type { RestRequest } from '../../../shared/model/decision';
import type { ReportFormat, ReportQuestion, ReportSection } from '../../../shared/report/types';

export const FORMAT_LABELS: Record<ReportFormat, string> = {
  html: 'HTML',
  pdf: 'PDF',
  csv: 'CSV',
  json: 'JSON',
};

/** What each section needs from the pickers below, shown next to its box. */
export const SECTION_HINTS: Record<ReportSection, string> = {
  finding:
    'page 1: the question, the answer before and after, the cause, the change, who gains or loses',
  appendix: 'every step of the explanation of each question',
  summary: 'counts, organizations, groups, templates',
  requests: 'status, body, expectation and explanation of each saved request',
  scenario: 'changes, blast radius and changed decisions of a stored scenario',
  effective: 'chosen users × chosen Things (§9.6)',
  equipment: 'Read/Write/None of chosen users per context (§7.18)',
  graph: 'chosen users and the groups they inherit from',
  semantics: 'options, [INF] inferences and unmodelled behaviour relied on',
};

/** The Ask view's question as a report question (a caller and a call), if it has a caller. */
export function questionOf(r: RestRequest | null): ReportQuestion | null {
  if (!r) return null;
  const call = `${r.method} ${r.path}`;
  if (r.credentials.type === 'basic') return { as: r.credentials.user, call };
  if (r.credentials.type === 'appKey')
    return { appKey: r.credentials.key, ...(r.clientIp ? { ip: r.clientIp } : {}), call };
  return null;
}

export const questionText = (q: ReportQuestion) =>
  `${q.as ?? `key ${q.appKey ?? ''}${q.ip ? ` from ${q.ip}` : ''}`} · ${q.call}`;
