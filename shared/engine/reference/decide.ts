/**
 * The reference evaluator's checks (§9.5, §9.6), written to be read next to the domain reference:
 * scan the levels in order, scan their entries, no indices, no caches. It is the oracle the indexed
 * evaluator is tested against, so clarity beats speed here.
 *
 * `Who` is the set of principals whose entries count: a user with its transitive groups, or (for the
 * diagnostic services CheckPermissionForGroup & co.) a group with the groups it is a member of.
 *
 * Ordering contract of shared/engine/decider.ts: `decided` and `lost` are in level order, then in
 * file order within a level's entry list.
 *
 * Options reported in a verdict: an option is listed when flipping it (precedence level <-> global-deny,
 * baseTemplateInstance true <-> false, shapeInstance after-templates <-> ignore; visibilityDirection
 * against both other values) would change `allowed` / `visible`. That is what "the option decided" means.
 *
 * @example
 * const v = runtimeVerdict(model, model.semantics, whoForUser(model, 'bob'), { collection: 'Things', name: 'T1' }, { kind: 'PropertyRead', resource: 'p' });
 */
import type {
  DesignEntry,
  Model,
  PrincipalRef,
  RuntimeEntry,
  Semantics,
  VisibilityPrincipal,
} from '../../model/types';
import type { DesignVerdict, EntityTarget, RuntimeVerdict, VisibilityVerdict } from '../decider';
import type {
  DesignCheck,
  Level,
  LocatedDesignEntry,
  LocatedRuntimeEntry,
  LocatedVisibility,
  PrincipalSet,
  RuntimeCheck,
} from '../../model/decision';
import type { LevelOf } from './levels';
import { designLevels, runtimeLevels, visibilityLevels } from './levels';
import { referencePrincipals } from './principals';
import { own } from '../../model/own';

export type Who = {
  user?: string;
  groups: ReadonlySet<string>;
  /** (org, unit) pairs the principal is a direct member of. */
  units: { org: string; unit: string }[];
};

export function whoForUser(model: Model, user: string): Who {
  return fromPrincipalSet(referencePrincipals(model, user));
}

export function fromPrincipalSet(p: PrincipalSet): Who {
  return {
    user: p.user,
    groups: new Set(p.groups.map(g => g.name)),
    units: p.units.map(u => ({ org: u.org, unit: u.unit })),
  };
}

/** A group and, transitively, the groups it is a member of (§2.11: it inherits their scheme). */
export function whoForGroup(model: Model, group: string): Who {
  const groups = new Set<string>();
  const visit = (g: string) => {
    if (groups.has(g)) return;
    groups.add(g);
    for (const p of own(model.groups, g)?.memberOf ?? []) visit(p);
  };
  visit(group);
  const units: Who['units'] = [];
  for (const [orgName, org] of Object.entries(model.organizations)) {
    for (const [unitName, unit] of Object.entries(org.units)) {
      if (unit.members.some(m => m.type === 'group' && groups.has(m.name)))
        units.push({ org: orgName, unit: unitName });
    }
  }
  return { groups, units };
}

function names(who: Who, p: PrincipalRef): boolean {
  return p.type === 'user' ? p.name === who.user : who.groups.has(p.name);
}

type Outcome<E> = {
  allowed: boolean;
  reason: 'entries' | 'default-deny' | 'global-deny';
  at?: Level;
  resource?: string;
  decided: (E & { at: Level })[];
  lost: (E & { at: Level })[];
};

/**
 * §9.6 over located entries. `resource` undefined = design time (no resources).
 * Level precedence: the first (level, resource) block with an entry for `who` decides; the specific
 * resource before `*` inside a level (§2.9 [INF]); any Deny in the block wins (§2.8).
 * Global deny: any Deny anywhere for `who` wins (§1.8); otherwise as level precedence.
 */
function decideBlocks<E extends { principal: PrincipalRef; allow: boolean; resource?: string }>(
  levels: LevelOf<E>[],
  who: Who,
  matchesKind: (e: E) => boolean,
  resource: string | undefined,
  precedence: Semantics['precedence'],
): Outcome<E> {
  const relevant: (E & { at: Level })[] = [];
  for (const level of levels) {
    for (const e of level.entries) {
      if (!matchesKind(e) || !names(who, e.principal)) continue;
      if (resource !== undefined && e.resource !== resource && e.resource !== '*') continue;
      relevant.push({ ...e, at: level.at });
    }
  }
  const rest = (decided: (E & { at: Level })[]) => relevant.filter(e => !decided.includes(e));

  if (precedence === 'global-deny') {
    const denies = relevant.filter(e => !e.allow);
    const first = denies[0];
    if (first) {
      return {
        allowed: false,
        reason: 'global-deny',
        at: first.at,
        ...(first.resource !== undefined ? { resource: first.resource } : {}),
        decided: denies,
        lost: rest(denies),
      };
    }
  }
  for (const level of levels) {
    const inLevel = relevant.filter(e => e.at === level.at);
    const blocks =
      resource === undefined
        ? [inLevel]
        : resource === '*'
          ? [inLevel.filter(e => e.resource === '*')]
          : [inLevel.filter(e => e.resource === resource), inLevel.filter(e => e.resource === '*')];
    for (const block of blocks) {
      if (block.length === 0) continue;
      const denies = block.filter(e => !e.allow);
      const decided = denies.length > 0 ? denies : block;
      const blockResource = block[0]?.resource;
      return {
        allowed: denies.length === 0,
        reason: 'entries',
        at: level.at,
        ...(blockResource !== undefined ? { resource: blockResource } : {}),
        decided,
        lost: rest(decided),
      };
    }
  }
  return { allowed: false, reason: 'default-deny', decided: [], lost: relevant };
}

function runtimeOutcome(
  model: Model,
  sem: Semantics,
  who: Who,
  target: EntityTarget,
  check: RuntimeCheck,
): Outcome<RuntimeEntry> {
  return decideBlocks(
    runtimeLevels(model, sem, target),
    who,
    e => e.kind === check.kind,
    check.resource,
    sem.precedence,
  );
}

export function runtimeVerdict(
  model: Model,
  sem: Semantics,
  who: Who,
  target: EntityTarget,
  check: RuntimeCheck,
): RuntimeVerdict {
  const o = runtimeOutcome(model, sem, who, target, check);
  const flips: [keyof Semantics, Semantics][] = [
    ['precedence', { ...sem, precedence: sem.precedence === 'level' ? 'global-deny' : 'level' }],
    ['baseTemplateInstance', { ...sem, baseTemplateInstance: !sem.baseTemplateInstance }],
    [
      'shapeInstance',
      { ...sem, shapeInstance: sem.shapeInstance === 'ignore' ? 'after-templates' : 'ignore' },
    ],
  ];
  const options = flips
    .filter(([, s]) => runtimeOutcome(model, s, who, target, check).allowed !== o.allowed)
    .map(([name]) => name);
  return {
    ...o,
    decided: o.decided as LocatedRuntimeEntry[],
    lost: o.lost as LocatedRuntimeEntry[],
    options,
  };
}

function designOutcome(
  model: Model,
  sem: Semantics,
  who: Who,
  target: EntityTarget,
  check: DesignCheck,
): Outcome<DesignEntry> {
  return decideBlocks(
    designLevels(model, sem, target),
    who,
    e => e.kind === check.kind,
    undefined,
    sem.precedence,
  );
}

export function designVerdict(
  model: Model,
  sem: Semantics,
  who: Who,
  target: EntityTarget,
  check: DesignCheck,
): DesignVerdict {
  const o = designOutcome(model, sem, who, target, check);
  const flips: [keyof Semantics, Semantics][] = [
    ['precedence', { ...sem, precedence: sem.precedence === 'level' ? 'global-deny' : 'level' }],
    ['baseTemplateInstance', { ...sem, baseTemplateInstance: !sem.baseTemplateInstance }],
  ];
  const options = flips
    .filter(([, s]) => designOutcome(model, s, who, target, check).allowed !== o.allowed)
    .map(([name]) => name);
  const { resource: _resource, ...rest } = o;
  return {
    ...rest,
    decided: o.decided as LocatedDesignEntry[],
    lost: o.lost as LocatedDesignEntry[],
    options,
  };
}

/** Is `unit` the same as `ancestor` or below it in organization `org`? (cycle-safe) */
export function unitAtOrBelow(model: Model, org: string, unit: string, ancestor: string): boolean {
  const units = own(model.organizations, org)?.units;
  if (!units) return false;
  const seen = new Set<string>();
  let u: string | null = unit;
  while (u !== null && !seen.has(u)) {
    if (u === ancestor) return true;
    seen.add(u);
    u = own(units, u)?.parent ?? null;
  }
  return false;
}

/** §4.4-4.6 and the §10 caution: does a visibility grant cover a member of (org, unit)? */
export function grantCovers(
  model: Model,
  direction: Semantics['visibilityDirection'],
  grant: VisibilityPrincipal,
  member: { org: string; unit: string },
): boolean {
  if (grant.org !== member.org) return false;
  if (grant.type === 'org') return true;
  switch (direction) {
    case 'upward':
      return unitAtOrBelow(model, grant.org, grant.unit, member.unit);
    case 'downward':
      return unitAtOrBelow(model, grant.org, member.unit, grant.unit);
    case 'exact':
      return grant.unit === member.unit;
  }
}

function visibilityOutcome(
  model: Model,
  sem: Semantics,
  who: Who,
  target: EntityTarget,
): LocatedVisibility[] {
  const decided: LocatedVisibility[] = [];
  for (const level of visibilityLevels(model, sem, target)) {
    for (const g of level.entries) {
      if (who.units.some(m => grantCovers(model, sem.visibilityDirection, g, m)))
        decided.push({ ...g, at: level.at });
    }
  }
  return decided;
}

export function visibilityVerdict(
  model: Model,
  sem: Semantics,
  who: Who,
  target: EntityTarget,
): VisibilityVerdict {
  const decided = visibilityOutcome(model, sem, who, target);
  const visible = decided.length > 0;
  const options: (keyof Semantics)[] = [];
  const directions = (['upward', 'downward', 'exact'] as const).filter(
    d => d !== sem.visibilityDirection,
  );
  if (
    directions.some(
      d =>
        visibilityOutcome(model, { ...sem, visibilityDirection: d }, who, target).length > 0 !==
        visible,
    )
  )
    options.push('visibilityDirection');
  if (
    visibilityOutcome(
      model,
      { ...sem, baseTemplateInstance: !sem.baseTemplateInstance },
      who,
      target,
    ).length >
      0 !==
    visible
  )
    options.push('baseTemplateInstance');
  return { visible, decided, options };
}
