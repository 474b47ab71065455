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

/** Sections the export dialog and `permsim report --sections` offer, in report order. */
export const REPORT_SECTIONS = [
  'summary',
  'requests',
  'scenario',
  'effective',
  'equipment',
  'graph',
  'semantics',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_TITLES: Record<ReportSection, string> = {
  summary: 'Model summary',
  requests: 'Saved requests',
  scenario: 'What-if scenario',
  effective: 'Effective permissions',
  equipment: 'Equipment permissions',
  graph: 'Principal and group inheritance',
  semantics: 'Semantic options and inferences',
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
  rows: EffectiveRow[];
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
  summary?: ModelSummary;
  requests?: RequestReport[];
  scenario?: ScenarioReport;
  effective?: EffectiveTable[];
  equipment?: EquipmentReport[];
  graph?: GraphReport;
  semantics?: SemanticsReport;
};
