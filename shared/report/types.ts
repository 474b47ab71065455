/**
 * The content of a report as plain data (docs/reports.md): every format (HTML, PDF, CSV, JSON) is rendered
 * from one `ReportData`, so they cannot disagree. Field order here is the key order of the JSON
 * export (assets/schema/report.schema.json).
 *
 * @example
 * const data: ReportData = buildReportData(model, { generatedAt: '2026-01-01T00:00:00Z', appVersion: '0.1.0' });
 * data.sections; // ['summary', 'requests', ...]
 */
import type { EffectiveRow } from '../engine/queries';
import type { StepKind } from '../model/decision';

/**
 * Sections the export dialog and `permsim report --sections` offer, in report order: the finding
 * (the one-page answer) first, the explanations of its questions last.
 */
export const REPORT_SECTIONS = [
  'finding',
  'summary',
  'requests',
  'scenario',
  'effective',
  'equipment',
  'graph',
  'semantics',
  'appendix',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_TITLES: Record<ReportSection, string> = {
  finding: 'Summary of the finding',
  appendix: 'Appendix: explanations of the questions',
  summary: 'Model summary',
  requests: 'Saved requests',
  scenario: 'What-if scenario',
  effective: 'Effective permissions',
  equipment: 'Equipment permissions',
  graph: 'Principal and group inheritance',
  semantics: 'Semantic options and inferences',
};

/** Report templates: a starting choice of sections (the dialog and `permsim report --template`). */
export const REPORT_TEMPLATES = ['finding', 'audit', 'training'] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];

export const TEMPLATE_LABELS: Record<ReportTemplate, string> = {
  finding: 'Finding for a customer',
  audit: 'Full audit',
  training: 'Training handout',
};

/**
 * The sections of a template: a finding is the summary, the change with its blast radius, the
 * effective permissions of the scope before and after, and the explanations; a training handout is
 * questions and their answers (the saved requests, with their notes).
 */
export const TEMPLATE_SECTIONS: Record<ReportTemplate, readonly ReportSection[]> = {
  finding: ['finding', 'scenario', 'effective', 'appendix'],
  audit: REPORT_SECTIONS,
  training: ['requests'],
};

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Version of the JSON export; bump on incompatible changes (style.md §3.5). */
export const REPORT_FORMAT_VERSION = 1;

/** A permission entry in words: `allow PropertyRead on * for group:Operators`. */
export type EntryText = {
  effect: 'allow' | 'deny';
  kind: string;
  resource: string;
  principal: string;
};

export type ModelSummary = {
  /** User-defined elements (built-ins not counted). */
  counts: {
    users: number;
    groups: number;
    organizations: number;
    things: number;
    templates: number;
    shapes: number;
    otherEntities: number;
    appKeys: number;
    contexts: number;
    savedRequests: number;
  };
  organizations: {
    name: string;
    units: { name: string; parent: string | null; members: string[] }[];
  }[];
  groups: { name: string; builtin: boolean; memberOf: string[]; members: string[] }[];
  templates: {
    name: string;
    base: string | null;
    shapes: string[];
    thingCount: number;
    instance: { runtime: EntryText[]; designtime: EntryText[]; visibility: string[] };
  }[];
};

export type StepText = {
  kind: StepKind;
  verdict: 'pass' | 'fail' | 'info' | 'unknown';
  text: string;
  details: string[];
  cites: string[];
};

export type RequestReport = {
  /** 1-based position in the model's `requests:`. */
  index: number;
  call: string;
  caller: string;
  note: string | null;
  status: number;
  outcome: 'allowed' | 'denied' | 'unknown';
  body: string;
  expectation: { expected: string; pass: boolean } | null;
  explanation: StepText[];
  optionsUsed: string[];
  unknowns: string[];
  /** Set when the saved request could not be evaluated (bad call line); then status is 0. */
  error: string | null;
};

/** A question a report answers: a caller (user, or app key from an address) and a call. */
export type ReportQuestion = {
  /** A user name (Basic auth). */
  as?: string;
  appKey?: string;
  /** Client address (default 127.0.0.1). */
  ip?: string;
  call: string;
};

/** One answer (before or after the change) of a question. */
export type AnswerText = {
  status: number;
  outcome: 'allowed' | 'denied' | 'unknown';
  body: string;
  /** The deciding step in one sentence: the entry and the level that decided (§9.6). */
  cause: string;
  explanation: StepText[];
};

export type QuestionReport = {
  /** 1-based; the appendix explains question N under the same number. */
  index: number;
  caller: string;
  call: string;
  before: AnswerText;
  /** With the scenario's changes applied; null when the report has no scenario. */
  after: AnswerText | null;
  /** Set when the question could not be evaluated (bad call line); then the answers are empty. */
  error: string | null;
};

/** Changed calls of one caller (a user, or an app key from one address), by class. */
export type CallerChange = {
  caller: string;
  gained: number;
  revoked: number;
  changed: number;
  unknown: number;
  total: number;
};

/** The one-page summary a report leads with. */
export type FindingReport = {
  questions: QuestionReport[];
  /** The recommended change (the scenario's changes in words); null without a scenario. */
  change: { scenario: string; changes: string[] } | null;
  /** Who gains, who loses, with counts (every caller, app keys per address apart); null without a scenario. */
  blastRadius: {
    gains: CallerChange[];
    loses: CallerChange[];
    /** Callers whose answers change otherwise (another refusal, or unknown). */
    other: CallerChange[];
    totals: { gained: number; revoked: number; changed: number; unknown: number; total: number };
  } | null;
};

/** One changed decision of a scenario (architecture.md §4). */
export type ScenarioCell = {
  user: string;
  call: string;
  change: 'gained' | 'revoked' | 'changed' | 'unknown';
  before: number;
  after: number;
  whyBefore: string;
  whyAfter: string;
};

export type ScenarioReport =
  | { name: string; available: false; reason: string }
  | {
      name: string;
      available: true;
      changes: string[];
      counts: { gained: number; revoked: number; changed: number; unknown: number; total: number };
      /** Changed cells per caller (app keys per address apart from their users). */
      byCaller: CallerChange[];
      /** Changed cells (capped; `counts` has the totals). */
      cells: ScenarioCell[];
      blastRadius: { users: string[]; entities: string[]; kinds: string[]; change: string }[];
      equipment: {
        user: string;
        context: string;
        equipment: string;
        before: string;
        after: string;
      }[];
    };

export type EffectiveTable = {
  user: string;
  entity: string;
  collection: string;
  /** Before the scenario's changes (the model as it is). */
  rows: EffectiveRow[];
  /**
   * With a scenario: the answer of each row after its changes (same order as `rows`), and whether
   * it differs from before.
   */
  after?: { status: number; allowed: boolean; decidedBy: string; differs: boolean }[];
};

export type EquipmentRow = {
  equipment: string;
  type: string;
  depth: number;
  permission: 'None' | 'Read' | 'Write';
  visible: boolean;
};
export type EquipmentReport = {
  context: string;
  displayName: string;
  principals: {
    principal: string;
    onContext: 'None' | 'Read' | 'Write';
    decidedBy: string;
    rows: EquipmentRow[];
  }[];
};

export type GraphReport = {
  nodes: { id: string; kind: 'user' | 'group'; label: string; layer: number }[];
  edges: { from: string; to: string }[];
  /** Inline SVG (built by graph-svg.ts, every label escaped). */
  svg: string;
};

export type SemanticsReport = {
  options: { name: string; value: string; default: string; isDefault: boolean; meaning: string }[];
  factory: { name: string; value: string; default: string; isDefault: boolean }[];
  /** Options, [INF] inferences and unmodelled behaviour the answers in this report relied on. */
  reliedOn: { what: 'option' | 'inference' | 'unknown'; text: string; usedBy: string[] }[];
};

export type ReportData = {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  appVersion: string;
  exportedAt: string;
  title: string;
  model: { name: string };
  sections: ReportSection[];
  /** What was left out to keep the report readable (caps), in words. */
  notes: string[];
  finding?: FindingReport;
  summary?: ModelSummary;
  requests?: RequestReport[];
  scenario?: ScenarioReport;
  effective?: EffectiveTable[];
  equipment?: EquipmentReport[];
  graph?: GraphReport;
  semantics?: SemanticsReport;
  /** The appendix lists the explanations of `finding.questions`; no data of its own. */
};
