/**
 * Builds the content of a report from a model (docs/reports.md): model summary, saved requests with their
 * answers and explanations, an optional what-if scenario, effective permission tables (§9.6),
 * equipment permissions per context (§7.18), the inheritance graph and the semantic options and
 * inferences the answers relied on. Pure and deterministic: the caller passes the time.
 *
 * @example
 * const r = buildReportData(model, { generatedAt: '2026-01-01T00:00:00Z', appVersion: '0.1.0', users: ['alice'] });
 * if (r.ok) reportToHtml(r.value); else console.error(r.error.message);
 */
import { stepText } from './step-text';
import { withGrantProvenance } from '../apps/provenance';
import type { Result } from '../model/result';
import { err, ok } from '../model/result';
import type { EffectiveRow } from '../engine/queries';
import { classOfUser, equipmentIndex } from '../apps/equipment-index';
import { effectiveTable } from '../engine/queries';
import type { Decision } from '../model/decision';
import { suggestionSuffix } from '../model/suggest';
import { COLLECTION_NAMES, DEFAULT_FACTORY, DEFAULT_SEMANTICS } from '../model/types';
import type {
  DesignEntry,
  Model,
  PrincipalRef,
  RuntimeEntry,
  Semantics,
  VisibilityPrincipal,
} from '../model/types';
import { evaluate } from '../engine/index';
import { savedToRequest } from '../model/saved-request';
import type { SavedRequest } from '../model/types';
import { callSpec, sideOf } from '../whatif/cells';
import { inheritanceGraph } from './graph-svg';
import { evaluateSavedRequests } from './saved-requests';
import { REPORT_FORMAT_VERSION, REPORT_SECTIONS } from './types';
import type {
  AnswerText,
  EntryText,
  EquipmentReport,
  FindingReport,
  ModelSummary,
  QuestionReport,
  ReportQuestion,
  ReportData,
  ReportSection,
  ScenarioReport,
  SemanticsReport,
} from './types';
import { own as ownEntry } from '../model/own';

export type ReportOptions = {
  /** ISO-8601 time the report is made (shown in the header, `exportedAt` in JSON). */
  generatedAt: string;
  appVersion: string;
  title?: string;
  /** Default: every section (the scenario only when `scenario` is given). */
  sections?: readonly ReportSection[];
  /** Users of the effective tables, equipment and graph. Default: the first user-defined users. */
  users?: readonly string[];
  /** Entities of the effective tables: a Thing name or `Collection/Name`. Default: the first user-defined Things. */
  entities?: readonly string[];
  /** Equipment contexts. Default: all. */
  contexts?: readonly string[];
  /** The what-if section, produced by the what-if layer (or `available: false` with the reason). */
  scenario?: ScenarioReport & { truncated?: boolean };
  /** The model with the scenario's changes applied: the "after" of questions and effective permissions. */
  after?: Model;
  /** The questions the finding answers (the Ask view's question, or the scenario's watched cells). */
  questions?: readonly ReportQuestion[];
  /** Evaluation time for saved requests without `at` (default: the engine's deterministic time). */
  now?: string;
};

/** Defaults that keep a report readable; chosen lists are not capped. */
export const REPORT_LIMITS = { users: 6, entities: 6, equipmentRows: 500 } as const;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const principalText = (p: PrincipalRef) => `${p.type}:${p.name}`;
const visibilityText = (v: VisibilityPrincipal) =>
  v.type === 'org' ? `org:${v.org}` : `unit:${v.org}:${v.unit}`;
const runtimeText = (e: RuntimeEntry): EntryText => ({
  effect: e.allow ? 'allow' : 'deny',
  kind: e.kind,
  resource: e.resource,
  principal: principalText(e.principal),
});
const designText = (e: DesignEntry): EntryText => ({
  effect: e.allow ? 'allow' : 'deny',
  kind: e.kind,
  resource: '*',
  principal: principalText(e.principal),
});

const OPTION_MEANING: Record<keyof Semantics, string> = {
  precedence:
    'level = the most specific level and resource with an entry decides, Deny wins inside it; global-deny = any Deny anywhere wins (§2.8-2.10, §9.6)',
  adminBypass: 'members of Administrators bypass visibility and permission checks (§3.3, §9.3)',
  ownerBypass: 'the owner of an entity has all permissions, which cannot be limited (§1.10)',
  baseTemplateInstance:
    'instance permissions of base templates apply to Things of derived templates (§11.3)',
  shapeInstance:
    'where shape instance run-time entries sit: after the template chain, or ignored (§11.3, §9.6)',
  visibilityDirection:
    'upward = a visibility grant to a unit covers members of that unit and of its ancestors (§4.4)',
  denialStatus: 'HTTP status of a run-time denial (§11.1)',
  rejectAppKeyInUrl: 'reject ?appKey= in the URL with 401 (§3.10)',
};

function summary(model: Model): ModelSummary {
  const own = <T extends { builtin?: boolean }>(r: Record<string, T>) =>
    Object.values(r).filter(x => !x.builtin);
  const directMembers = new Map<string, string[]>();
  for (const u of Object.values(model.users))
    for (const g of u.groups)
      (directMembers.get(g) ?? directMembers.set(g, []).get(g)!).push(`user:${u.name}`);
  for (const g of Object.values(model.groups))
    for (const p of g.memberOf)
      (directMembers.get(p) ?? directMembers.set(p, []).get(p)!).push(`group:${g.name}`);
  const thingsOf = new Map<string, number>();
  for (const t of Object.values(model.things))
    thingsOf.set(t.template, (thingsOf.get(t.template) ?? 0) + 1);
  const userDefinedMember = (m: string) => {
    const [type, ...rest] = m.split(':');
    const n = rest.join(':');
    return type === 'user'
      ? !ownEntry(model.users, n)?.builtin
      : !ownEntry(model.groups, n)?.builtin;
  };
  return {
    counts: {
      users: own(model.users).length,
      groups: own(model.groups).length,
      organizations: own(model.organizations).length,
      things: own(model.things).length,
      templates: own(model.templates).length,
      shapes: own(model.shapes).length,
      otherEntities: own(model.others).length,
      appKeys: Object.keys(model.appKeys).length,
      contexts: Object.keys(model.apps.contexts).length,
      savedRequests: model.requests.length,
    },
    organizations: own(model.organizations)
      .sort((a, b) => byName(a.name, b.name))
      .map(o => ({
        name: o.name,
        units: unitOrder(o.units, o.root).map(u => ({
          name: u.name,
          parent: u.parent,
          members: u.members.map(principalText),
        })),
      })),
    // User-defined groups, and built-in ones only when a user-defined principal is in them.
    groups: Object.values(model.groups)
      .filter(g => !g.builtin || (directMembers.get(g.name) ?? []).some(userDefinedMember))
      .sort((a, b) => byName(a.name, b.name))
      .map(g => ({
        name: g.name,
        builtin: Boolean(g.builtin),
        memberOf: [...g.memberOf],
        members: (directMembers.get(g.name) ?? []).slice().sort(byName),
      })),
    templates: Object.values(model.templates)
      .filter(
        t =>
          !t.builtin ||
          t.instance.runtime.length + t.instance.designtime.length + t.instance.visibility.length >
            0,
      )
      .sort((a, b) => byName(a.name, b.name))
      .map(t => ({
        name: t.name,
        base: t.base,
        shapes: [...t.shapes],
        thingCount: thingsOf.get(t.name) ?? 0,
        instance: {
          runtime: t.instance.runtime.map(runtimeText),
          designtime: t.instance.designtime.map(designText),
          visibility: t.instance.visibility.map(visibilityText),
        },
      })),
  };
}

function finding(
  questions: QuestionReport[],
  scenario: (ScenarioReport & { truncated?: boolean }) | undefined,
): FindingReport {
  if (!scenario || !scenario.available) return { questions, change: null, blastRadius: null };
  const by = scenario.byCaller;
  return {
    questions,
    change: { scenario: scenario.name, changes: [...scenario.changes] },
    blastRadius: {
      gains: by.filter(x => x.gained > 0),
      loses: by.filter(x => x.revoked > 0),
      other: by.filter(x => x.changed + x.unknown > 0),
      totals: { ...scenario.counts },
    },
  };
}

function unitOrder<U extends { name: string; children: string[] }>(
  units: Record<string, U>,
  root: string,
): U[] {
  const out: U[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    const u = ownEntry(units, n);
    if (!u || seen.has(n)) return;
    seen.add(n);
    out.push(u);
    u.children.forEach(visit);
  };
  visit(root);
  for (const n of Object.keys(units).sort(byName)) visit(n);
  return out;
}

function semantics(
  model: Model,
  decisions: { label: string; decision: Decision }[],
): SemanticsReport {
  const show = (v: unknown) => String(v);
  const reliedOn = new Map<string, SemanticsReport['reliedOn'][number]>();
  const note = (what: 'option' | 'inference' | 'unknown', text: string, by: string) => {
    const key = `${what}\u0000${text}`;
    const r = reliedOn.get(key) ?? reliedOn.set(key, { what, text, usedBy: [] }).get(key)!;
    if (!r.usedBy.includes(by)) r.usedBy.push(by);
  };
  for (const { label, decision } of decisions) {
    for (const o of decision.optionsUsed)
      note('option', `${o} = ${show(model.semantics[o])}: ${OPTION_MEANING[o]}`, label);
    for (const s of decision.explanation) {
      for (const o of s.options ?? [])
        note('option', `${o} = ${show(model.semantics[o])}: ${OPTION_MEANING[o]}`, label);
      for (const i of s.inferences ?? []) note('inference', i, label);
      if (/\[INF\]/.test(s.text) && !s.inferences?.length) note('inference', s.text, label);
    }
    for (const u of decision.unknowns) note('unknown', u, label);
  }
  const order = { option: 0, inference: 1, unknown: 2 } as const;
  return {
    options: (Object.keys(DEFAULT_SEMANTICS) as (keyof Semantics)[]).map(k => ({
      name: k,
      value: show(model.semantics[k]),
      default: show(DEFAULT_SEMANTICS[k]),
      isDefault: model.semantics[k] === DEFAULT_SEMANTICS[k],
      meaning: OPTION_MEANING[k],
    })),
    factory: (Object.keys(DEFAULT_FACTORY) as (keyof typeof DEFAULT_FACTORY)[]).map(k => ({
      name: k,
      value: show(model.factory[k]),
      default: show(DEFAULT_FACTORY[k]),
      isDefault: model.factory[k] === DEFAULT_FACTORY[k],
    })),
    reliedOn: [...reliedOn.values()].sort(
      (a, b) => order[a.what] - order[b.what] || byName(a.text, b.text),
    ),
  };
}

type EntityRef = { collection: string; name: string; label: string };

function resolveEntity(model: Model, spec: string): EntityRef | string {
  // A Thing's own name first: names may contain '/', spaces and quotes like any other text.
  if (ownEntry(model.things, spec)) return { collection: 'Things', name: spec, label: spec };
  const slash = spec.indexOf('/');
  const prefix = slash < 0 ? '' : spec.slice(0, slash);
  if (slash < 0 || !(COLLECTION_NAMES as readonly string[]).includes(prefix)) {
    if (slash >= 0)
      return `no Thing named '${spec}', and '${prefix}' is not a collection (expected one of ${COLLECTION_NAMES.join(', ')})`;
    return `no Thing named '${spec}'${suggestionSuffix(spec, Object.keys(model.things)) || ''} (other entities: Collection/Name, e.g. ThingTemplates/${Object.keys(model.templates)[0] ?? 'T'})`;
  }
  const collection = spec.slice(0, slash);
  const name = spec.slice(slash + 1);
  const exists =
    collection === 'Things'
      ? Boolean(ownEntry(model.things, name))
      : collection === 'ThingTemplates'
        ? Boolean(ownEntry(model.templates, name))
        : collection === 'ThingShapes'
          ? Boolean(ownEntry(model.shapes, name))
          : Boolean(ownEntry(model.others, `${collection}/${name}`));
  if (!(COLLECTION_NAMES as readonly string[]).includes(collection))
    return `'${collection}' is not a collection (expected one of ${COLLECTION_NAMES.join(', ')})`;
  return exists
    ? { collection, name, label: spec }
    : `no entity ${collection}/${name} in the model`;
}

function equipment(
  model: Model,
  contexts: string[],
  users: string[],
): { reports: EquipmentReport[]; notes: string[] } {
  const notes: string[] = [];
  const names = ['None', 'Read', 'Write'] as const;
  const reports = contexts.map(c => {
    const ctx = ownEntry(model.apps.contexts, c)!;
    // The context's shared index (shared/apps/equipment-index.ts): one class answer per distinct
    // principal set, and rows built only for the nodes shown.
    const ix = equipmentIndex(model, c)!;
    const { order, depth } = ix.structure;
    const shown = Math.min(order.length, REPORT_LIMITS.equipmentRows);
    return {
      context: c,
      displayName: ctx.displayName,
      principals: users.map(u => {
        const cls = classOfUser(model, ix, u);
        if (order.length > REPORT_LIMITS.equipmentRows)
          notes.push(
            `Equipment of ${c} for ${u}: the first ${REPORT_LIMITS.equipmentRows} of ${order.length} nodes are shown.`,
          );
        const codes = new Uint8Array(shown).fill(cls.admin ? 2 : 0);
        for (let j = 0; j < cls.nodes.length && (cls.nodes[j] as number) < shown; j++)
          codes[cls.nodes[j] as number] = cls.codes[j] as number;
        return {
          principal: `user:${u}`,
          onContext: names[cls.onContext] ?? 'None',
          decidedBy: cls.admin
            ? 'member of Administrators: Write everywhere (§7.18)'
            : 'the run-time entries of each equipment Thing and the context Network (§7.14, §7.18)',
          rows: order.slice(0, shown).map((name, i) => ({
            equipment: name,
            type: ownEntry(ctx.equipment, name)?.type ?? '',
            depth: depth[i] ?? 0,
            permission: names[codes[i] ?? 0] ?? 'None',
            visible: cls.admin || (cls.onContext > 0 && (codes[i] ?? 0) > 0),
          })),
        };
      }),
    };
  });
  return { reports, notes };
}

/** Who asks a question, in words: `alice`, or `via key k from 10.1.2.3`. */
export function questionCaller(q: ReportQuestion): string {
  if (q.appKey !== undefined) return `via key ${q.appKey} from ${q.ip ?? '127.0.0.1'}`;
  return q.as ?? 'no credentials';
}

function answerOf(d: Decision): AnswerText {
  return {
    status: d.status,
    outcome: d.outcome,
    body: d.body,
    cause: sideOf(d).deciding,
    explanation: d.explanation.map(stepText),
  };
}

const EMPTY_ANSWER: AnswerText = {
  status: 0,
  outcome: 'unknown',
  body: '',
  cause: '',
  explanation: [],
};

/** The questions evaluated before (and after, with a scenario), with the decisions for "relied on". */
function questionReports(
  model: Model,
  after: Model | undefined,
  questions: readonly ReportQuestion[],
  now: string | undefined,
): { reports: QuestionReport[]; decisions: Decision[][] } {
  const decisions: Decision[][] = [];
  const reports = questions.map((q, i): QuestionReport => {
    const base = { index: i + 1, caller: questionCaller(q), call: q.call };
    const saved: SavedRequest = {
      call: q.call,
      ...(q.as !== undefined ? { as: q.as } : {}),
      ...(q.appKey !== undefined ? { appKey: q.appKey } : {}),
      ...(q.ip !== undefined ? { ip: q.ip } : {}),
    };
    const req = savedToRequest(saved);
    if (!req.ok) {
      decisions.push([]);
      return { ...base, before: EMPTY_ANSWER, after: null, error: req.error.message };
    }
    const opts = now ? { now } : {};
    // As engine:ask answers: an entry written by a context-manager call is named by it (§7.14).
    const a = withGrantProvenance(model, evaluate(model, req.value, opts));
    const b = after ? withGrantProvenance(after, evaluate(after, req.value, opts)) : undefined;
    decisions.push(b ? [a, b] : [a]);
    return { ...base, before: answerOf(a), after: b ? answerOf(b) : null, error: null };
  });
  return { reports, decisions };
}

/** The entity a saved request's call addresses, as `Collection/Name`, if any. */
function callEntity(call: string): string | undefined {
  const c = callSpec(call);
  return c.ok && c.spec.entity ? `${c.spec.entity.collection}/${c.spec.entity.name}` : undefined;
}

/**
 * The report content for the chosen sections. Unknown users, entities or contexts are refused
 * with a message naming them (and the nearest name).
 *
 * @example
 * buildReportData(model, { generatedAt: '2026-05-01T10:00:00Z', appVersion: '0.1.0', sections: ['requests', 'semantics'] });
 */
export function buildReportData(model: Model, options: ReportOptions): Result<ReportData> {
  const wanted =
    options.sections ?? REPORT_SECTIONS.filter(s => s !== 'scenario' || options.scenario);
  const unknownSection = wanted.find(s => !(REPORT_SECTIONS as readonly string[]).includes(s));
  if (unknownSection !== undefined)
    return err(
      'invalid-argument',
      `unknown report section '${unknownSection}'; expected one of ${REPORT_SECTIONS.join(', ')}`,
    );
  if (wanted.includes('scenario') && !options.scenario)
    return err('invalid-argument', 'the scenario section needs a scenario (--scenario NAME)');
  const sections = REPORT_SECTIONS.filter(s => wanted.includes(s));
  const has = (s: ReportSection) => sections.includes(s);
  const notes: string[] = [];

  for (const u of options.users ?? []) {
    if (!Object.hasOwn(model.users, u))
      return err(
        'not-found',
        `no user named '${u}' in the model${suggestionSuffix(u, Object.keys(model.users)) || ''}`,
      );
  }
  for (const c of options.contexts ?? []) {
    if (!Object.hasOwn(model.apps.contexts, c))
      return err(
        'not-found',
        `no equipment context named '${c}' in the model${suggestionSuffix(c, Object.keys(model.apps.contexts)) || ''}`,
      );
  }
  const entities: EntityRef[] = [];
  for (const e of options.entities ?? []) {
    const r = resolveEntity(model, e);
    if (typeof r === 'string') return err('not-found', r);
    entities.push(r);
  }

  const allUsers = Object.values(model.users)
    .filter(u => !u.builtin)
    .map(u => u.name)
    .sort(byName);
  const users = options.users ? [...options.users] : allUsers.slice(0, REPORT_LIMITS.users);
  if (!options.users && allUsers.length > users.length)
    notes.push(
      `Users: the first ${users.length} of ${allUsers.length} are shown; choose others with --user.`,
    );
  if (!options.entities) {
    const allThings = Object.values(model.things)
      .filter(t => !t.builtin)
      .map(t => t.name)
      .sort(byName);
    for (const t of allThings.slice(0, REPORT_LIMITS.entities))
      entities.push({ collection: 'Things', name: t, label: t });
    if (allThings.length > REPORT_LIMITS.entities)
      notes.push(
        `Entities: the first ${REPORT_LIMITS.entities} of ${allThings.length} Things are shown; choose others with --entity.`,
      );
  }
  const contexts = options.contexts
    ? [...options.contexts]
    : Object.keys(model.apps.contexts).sort(byName);

  const data: ReportData = {
    formatVersion: REPORT_FORMAT_VERSION,
    appVersion: options.appVersion,
    exportedAt: options.generatedAt,
    title: options.title ?? `PermSim report: ${model.name}`,
    model: { name: model.name },
    sections,
    notes,
  };
  // Saved requests follow the scope: only those of the chosen users (a key counts for its user)
  // and on the chosen entities, when users or entities were chosen.
  const scopeUsers = options.users ? new Set(options.users) : undefined;
  const scopeEntities = options.entities
    ? new Set(entities.map(e => `${e.collection}/${e.name}`))
    : undefined;
  const inScope = (r: SavedRequest): boolean => {
    if (scopeUsers) {
      const key =
        r.appKey !== undefined && Object.hasOwn(model.appKeys, r.appKey)
          ? ownEntry(model.appKeys, r.appKey)
          : undefined;
      const user = r.appKey !== undefined ? key?.user : r.as;
      if (user === undefined || !scopeUsers.has(user)) return false;
    }
    if (scopeEntities) {
      const e = callEntity(r.call);
      if (e === undefined || !scopeEntities.has(e)) return false;
    }
    return true;
  };
  const evaluated =
    has('requests') || has('semantics')
      ? evaluateSavedRequests(model, options.now).filter((_, i) =>
          inScope(model.requests[i] as SavedRequest),
        )
      : [];
  const questions = questionReports(model, options.after, options.questions ?? [], options.now);
  if (has('finding')) data.finding = finding(questions.reports, options.scenario);
  if (has('summary')) data.summary = summary(model);
  if (has('requests')) data.requests = evaluated.map(e => e.report);
  if (has('scenario') && options.scenario) {
    const { truncated, ...scenario } = options.scenario;
    if (truncated && scenario.available)
      notes.push(
        `Scenario: the first ${scenario.cells.length} of ${scenario.counts.total} changed decisions are listed.`,
      );
    data.scenario = scenario;
  }
  if (has('effective')) {
    const after = options.after;
    data.effective = users.flatMap(u =>
      entities.map(e => {
        const target = { collection: e.collection, name: e.name };
        const rows = effectiveTable(model, u, target);
        if (!after) return { user: u, entity: e.name, collection: e.collection, rows };
        const key = (r: EffectiveRow) =>
          `${r.characteristicKind}\u0000${r.characteristic}\u0000${r.kind}`;
        const later = new Map(effectiveTable(after, u, target).map(r => [key(r), r]));
        return {
          user: u,
          entity: e.name,
          collection: e.collection,
          rows,
          after: rows.map(r => {
            const x = later.get(key(r)) ?? r;
            return {
              status: x.status,
              allowed: x.allowed,
              decidedBy: x.decidedBy,
              differs: x.status !== r.status || x.allowed !== r.allowed,
            };
          }),
        };
      }),
    );
  }
  if (has('equipment')) {
    const eq = equipment(model, contexts, users);
    data.equipment = eq.reports;
    notes.push(...eq.notes);
  }
  if (has('graph')) {
    const g = inheritanceGraph(model, users);
    if (g.truncated) notes.push('Graph: capped; not every group is drawn.');
    data.graph = { nodes: g.nodes, edges: g.edges, svg: g.svg };
  }
  if (has('semantics')) {
    // Cross-references name only what the report holds: "request 12" with the Saved requests
    // section, "question 1" with the finding, else the call itself.
    const requestLabel = (e: (typeof evaluated)[number]) =>
      has('requests') ? `request ${e.report.index}` : `${e.report.caller}: ${e.report.call}`;
    const questionLabel = (q: QuestionReport) =>
      has('finding') || has('appendix') ? `question ${q.index}` : `${q.caller}: ${q.call}`;
    data.semantics = semantics(model, [
      ...questions.reports.flatMap((q, i) =>
        (questions.decisions[i] ?? [])
          .slice(0, 1)
          .map(decision => ({ label: questionLabel(q), decision })),
      ),
      ...evaluated.flatMap(e =>
        e.decision ? [{ label: requestLabel(e), decision: e.decision }] : [],
      ),
    ]);
  }
  if (has('appendix') && !data.finding) data.finding = finding(questions.reports, options.scenario);
  return ok(data);
}
