/**
 * Explanation steps for the checks of §9.2-9.6, built from the deciders' verdicts. Pure wording: the
 * same verdicts always give the same steps, so both evaluators give identical explanations.
 *
 * @example
 * runtimeStep(model, 'bob', target, { kind: 'PropertyRead', resource: 'temperature' }, verdict).text;
 * // 'PropertyRead on temperature in SensorDataStream is allowed by the instance permissions of template SensorTemplate.'
 */
import type { Model, Semantics } from '../model/types';
import type { DesignVerdict, EntityTarget, RuntimeVerdict, VisibilityVerdict } from './decider';
import type {
  DecidingKey,
  DesignCheck,
  ElementRef,
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  PrincipalSet,
  RuntimeCheck,
  Step,
} from '../model/decision';
import {
  entryText,
  levelKey,
  levelRef,
  levelWords,
  principalRef,
  visibilityPrincipalText,
  visibilityText,
} from './explain-text';

export function principalsStep(p: PrincipalSet): Step {
  const groupLines = p.groups.map(g => `group ${g.name}: ${g.path.join(' -> ')}`);
  const unitLines = p.units.map(
    u => `unit ${u.org}:${u.unit}: ${u.via.join(' -> ')} -> ${u.org}:${u.unit}`,
  );
  return {
    kind: 'principals',
    verdict: 'info',
    text: `${p.user} acts with ${p.groups.length} group(s) (${p.groups.map(g => g.name).join(', ') || 'none'}) and ${p.units.length} organizational unit(s) (${p.units.map(u => `${u.org}:${u.unit}`).join(', ') || 'none'}).`,
    details: [
      ...groupLines,
      ...(unitLines.length
        ? unitLines
        : ['member of no organizational unit: sees only what it owns']),
    ],
    refs: [
      { type: 'user', name: p.user },
      ...p.groups.map((g): ElementRef => ({ type: 'group', name: g.name })),
      ...p.units.map((u): ElementRef => ({ type: 'unit', org: u.org, name: u.unit })),
    ],
    cites: ['§9.2', '§2.11', '§4.7', '§3.5'],
    inferences: [
      '[INF] every user is in Users; groups nested in groups pass their permissions to members (§2.11); units are the ones that list the user or one of its groups, not their ancestors (§9.2, §10 caution).',
    ],
  };
}

const describeTarget = (t: EntityTarget) =>
  t.collection === 'Things' ? t.name : `${t.collection}/${t.name}`;

export function visibilityStep(
  model: Model,
  p: PrincipalSet,
  target: EntityTarget,
  v: VisibilityVerdict,
): Step {
  const sem = model.semantics;
  const directionNote =
    sem.visibilityDirection === 'upward'
      ? 'a grant to a unit covers its members and the members of every unit above it (§4.4)'
      : sem.visibilityDirection === 'downward'
        ? 'a grant to a unit covers its members and the members of every unit below it (option)'
        : 'a grant to a unit covers exactly its members (option)';
  const optionLines = v.options.map(
    o => `Option ${o} = ${String(sem[o])} decided this visibility result.`,
  );
  if (v.visible) {
    return {
      kind: 'visibility',
      verdict: 'pass',
      text: `${describeTarget(target)} is visible to ${p.user}: ${visibilityText(v.decided[0] as (typeof v.decided)[number])}${v.decided.length > 1 ? ` (and ${v.decided.length - 1} more grant(s))` : ''}.`,
      details: [
        ...v.decided.map(d => `grant: ${visibilityText(d)}`),
        `Direction ${sem.visibilityDirection}: ${directionNote}.`,
        ...optionLines,
      ],
      refs: [
        ...v.decided.map(d => levelRef(d.at)),
        ...v.decided.map((d): ElementRef =>
          d.type === 'org'
            ? { type: 'organization', name: d.org }
            : { type: 'unit', org: d.org, name: d.unit },
        ),
      ],
      decided: v.decided,
      cites: ['§9.5', '§2.13', '§2.14', '§4.4'],
      ...(v.options.length ? { options: v.options } : {}),
      inferences: [
        '[INF] visibility is the union of grants at entity, template-instance and collection level (§2.13).',
      ],
    };
  }
  return {
    kind: 'visibility',
    verdict: 'fail',
    text: `${describeTarget(target)} is not visible to ${p.user}: no visibility grant at entity, template-instance or collection level covers an organization or unit of ${p.user}. ThingWorx answers 404 exactly as for an entity that does not exist.`,
    details: [
      `${p.user}'s units: ${p.units.map(u => `${u.org}:${u.unit}`).join(', ') || 'none'}.`,
      `Direction ${sem.visibilityDirection}: ${directionNote}.`,
      ...optionLines,
    ],
    refs: [],
    decided: [],
    cites: ['§9.5', '§2.14', '§4.3', '§5.5'],
    ...(v.options.length ? { options: v.options } : {}),
  };
}

function lostReason(
  e: LocatedRuntimeEntry | LocatedDesignEntry,
  v: RuntimeVerdict | DesignVerdict,
  sem: Semantics,
): string {
  if (v.reason === 'global-deny') return 'lost to a Deny (global deny wins)';
  if (v.reason === 'default-deny') return 'no effect';
  if (v.at && levelKey(e.at) === levelKey(v.at)) {
    const r = 'resource' in e ? e.resource : undefined;
    const vr = 'resource' in v ? v.resource : undefined;
    if (r !== undefined && vr !== undefined && r !== vr)
      return `not consulted: the ${vr === '*' ? '`*`' : `specific \`${vr}\``} block of the same level decided first (§2.9)`;
    return e.allow ? 'lost to a Deny in the same level (§2.8)' : 'lost';
  }
  return sem.precedence === 'level'
    ? 'not consulted: a more specific level decided first (§2.8)'
    : 'lost';
}

function checkInferences(v: RuntimeVerdict | DesignVerdict): string[] {
  const out: string[] = [];
  const principals = new Set(
    [...v.decided, ...v.lost]
      .filter(e => v.at && levelKey(e.at) === levelKey(v.at))
      .map(e => `${e.principal.type}:${e.principal.name}`),
  );
  if (principals.size > 1)
    out.push(
      '[INF] entries of the user and of all its groups at one level are pooled; any Deny among them wins (§2.11).',
    );
  if (v.at?.level === 'shape')
    out.push(
      '[INF] where Thing Shape instance permissions sit in the order is undocumented (§11.3).',
    );
  if (v.at?.level === 'instance' && v.decided.length)
    out.push(
      '[INF] the order of template levels (nearest template first, then bases) is undocumented (§9.6, §11.3).',
    );
  return out;
}

function optionLines(sem: Semantics, options: (keyof Semantics)[]): string[] {
  return options.map(o => {
    if (o === 'precedence') {
      return sem.precedence === 'level'
        ? 'Option precedence = level decided: the most specific level with an entry decides; under global-deny a Deny elsewhere would have given the opposite answer (§2.8-2.10, §11.2).'
        : 'Option precedence = global-deny decided: any Deny at any level wins (§1.8); under level precedence the answer would differ (§11.2).';
    }
    if (o === 'baseTemplateInstance')
      return `Option baseTemplateInstance = ${String(sem.baseTemplateInstance)} decided: whether base templates' instance permissions apply changes this answer (§11.3).`;
    if (o === 'shapeInstance')
      return `Option shapeInstance = ${sem.shapeInstance} decided: whether Thing Shape instance permissions apply changes this answer (§11.3).`;
    return `Option ${o} = ${String(sem[o])} decided.`;
  });
}

export function runtimeStep(
  model: Model,
  user: string,
  target: EntityTarget,
  check: RuntimeCheck,
  v: RuntimeVerdict,
): { step: Step; deciding: DecidingKey } {
  const sem = model.semantics;
  const what = `${check.kind} on ${check.resource} in ${target.name}`;
  let text: string;
  if (v.reason === 'default-deny') {
    text = `No ${check.kind} entry for ${user} or any of its groups exists for ${check.resource === '*' ? 'any characteristic' : `${check.resource} or *`} at any level (entity, template instance, shape instance, collection): ${what} is denied by default.`;
  } else if (v.reason === 'global-deny') {
    text = `${what} is denied: option precedence = global-deny, and ${entryText(v.decided[0] as LocatedRuntimeEntry)} overrides every Allow ("an explicit denial ... always overrides a privilege grant", §1.8).`;
  } else {
    const where = v.at ? levelWords(v.at) : 'entries';
    const block = v.resource === '*' ? 'the `*` entries' : `the entries for ${v.resource}`;
    text = v.allowed
      ? `${what} is allowed by ${where} (${block}): ${v.decided.map(entryText).join('; ')}.`
      : `${what} is denied by ${where} (${block}): ${v.decided.map(entryText).join('; ')}${v.lost.some(e => e.allow && v.at && levelKey(e.at) === levelKey(v.at)) ? ' — within one level Deny wins over Allow' : ''}.`;
  }
  const details = [
    ...v.decided.map(e => `decided: ${entryText(e)}`),
    ...v.lost.map(e => `${lostReason(e, v, sem)}: ${entryText(e)}`),
    ...optionLines(sem, v.options),
  ];
  const inferences = checkInferences(v);
  const step: Step = {
    kind: 'runtime',
    verdict: v.allowed ? 'pass' : 'fail',
    text,
    details,
    refs: [
      ...(v.at ? [levelRef(v.at)] : []),
      ...v.decided.map(e => principalRef(e.principal)),
      ...v.options.map((o): ElementRef => ({ type: 'option', name: o })),
    ],
    decided: v.decided,
    lost: v.lost,
    cites:
      v.reason === 'default-deny'
        ? ['§9.6', '§1.7']
        : v.reason === 'global-deny'
          ? ['§9.6', '§1.8', '§11.2']
          : ['§9.6', '§2.8', '§2.9'],
    ...(v.options.length ? { options: v.options } : {}),
    ...(inferences.length ? { inferences } : {}),
  };
  const deciding: DecidingKey = {
    step: 'runtime',
    where: v.reason === 'default-deny' || !v.at ? 'default-deny' : levelKey(v.at),
    resource: v.resource ?? check.resource,
    effect: v.allowed ? 'allow' : 'deny',
  };
  return { step, deciding };
}

export function designStep(
  model: Model,
  user: string,
  target: EntityTarget,
  check: DesignCheck,
  v: DesignVerdict,
): { step: Step; deciding: DecidingKey } {
  const sem = model.semantics;
  const what = `Design-time ${check.kind} on ${target.name} (${target.collection})`;
  const where = v.at ? levelWords(v.at) : '';
  const text =
    v.reason === 'default-deny'
      ? `No design-time ${check.kind} entry for ${user} or any of its groups exists at any level: ${what} is denied by default.`
      : v.reason === 'global-deny'
        ? `${what} is denied: option precedence = global-deny, and ${entryText(v.decided[0] as LocatedDesignEntry)} overrides every Allow (§1.8).`
        : `${what} is ${v.allowed ? 'allowed' : 'denied'} by ${where}: ${v.decided.map(entryText).join('; ')}.`;
  const inferences = checkInferences(v);
  const step: Step = {
    kind: 'designtime',
    verdict: v.allowed ? 'pass' : 'fail',
    text,
    details: [
      ...v.decided.map(e => `decided: ${entryText(e)}`),
      ...v.lost.map(e => `${lostReason(e, v, sem)}: ${entryText(e)}`),
      ...optionLines(sem, v.options),
    ],
    refs: [
      ...(v.at ? [levelRef(v.at as Level)] : []),
      ...v.decided.map(e => principalRef(e.principal)),
    ],
    decided: v.decided,
    lost: v.lost,
    cites: ['§5.10', '§1.2', '§2.1', '§2.3', '§9.6'],
    ...(v.options.length ? { options: v.options } : {}),
    ...(inferences.length ? { inferences } : {}),
  };
  return {
    step,
    deciding: {
      step: 'designtime',
      where: v.reason === 'default-deny' || !v.at ? 'default-deny' : levelKey(v.at),
      effect: v.allowed ? 'allow' : 'deny',
    },
  };
}

export { visibilityPrincipalText };
