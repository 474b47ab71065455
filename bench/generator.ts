/**
 * Deterministic synthetic ThingWorx deployments for the benchmark (performance.md §6): users in a
 * Zipf-sized group DAG, organizations with unit trees, a template forest under GenericThing with
 * shapes, Things, and run-time / design-time / visibility entries at entity, template-instance,
 * shape-instance and collection level, following §6's distribution rules so that cells are not all
 * "allow" through one collection grant.
 *
 * The same (size, seed) always yields the same model (xoshiro128**, bench/rng.ts).
 *
 * @example
 * const model = generateModel('S', 42);
 * Object.keys(model.users).length; // 200 generated users + the built-in Administrator
 */
import type {
  CollectionName,
  DesignEntry,
  DesignKind,
  EquipmentContext,
  Group,
  Model,
  Organization,
  OrgUnit,
  PermissionSet,
  PrincipalRef,
  RuntimeEntry,
  RuntimeKind,
  ThingShape,
  ThingTemplate,
  Thing,
  User,
  VisibilityPrincipal,
} from '../shared/model/types';
import { emptyPermissionSet } from '../shared/model/types';
import {
  ADMINISTRATORS_GROUP,
  builtinModel,
  GENERIC_THING,
  USERS_GROUP,
} from '../shared/model/builtins';
import { materializeApps } from '../shared/apps/materialize';
import { rewriteThing } from '../shared/apps/entries';
import { contextIndex } from '../shared/apps/structure';
import type { AppsPermission } from '../shared/apps/names';
import { own, setOwn } from '../shared/model/own';
import { GENERATOR_PARAMS } from './params';
import type { EquipmentParams, GeneratorParams, ModelSize } from './params';
import { createRng, createZipf } from './rng';
import type { Rng } from './rng';

/** Counts of what was generated, recorded next to the timings. */
export type GeneratedStats = {
  users: number;
  groups: number;
  maxGroupDepth: number;
  distinctDirectGroupSets: number;
  organizations: number;
  orgUnits: number;
  templates: number;
  leafTemplates: number;
  maxTemplateChain: number;
  shapes: number;
  things: number;
  thingsWithAcl: number;
  entries: {
    collection: number;
    templateInstance: number;
    templateOwn: number;
    shapeInstance: number;
    thing: number;
    overrides: number;
    designTime: number;
    deny: number;
    onUsersGroup: number;
    userPrincipal: number;
    total: number;
  };
  visibilityGrants: number;
  /** Present when equipment was generated (`{ equipment: true }`). */
  equipment?: EquipmentStats;
};

export type EquipmentStats = {
  context: string;
  nodes: number;
  maxDepth: number;
  principalsWithGrants: number;
  grants: number;
  propagations: number;
  /** Nodes written by grants and propagations (a propagation writes its whole subtree). */
  nodeWrites: number;
};

export type GeneratedModel = {
  model: Model;
  size: ModelSize;
  seed: number;
  params: GeneratorParams;
  stats: GeneratedStats;
};

const RUNTIME_KIND_WEIGHTS: [RuntimeKind, number][] = [
  ['PropertyRead', 35],
  ['ServiceInvoke', 30],
  ['PropertyWrite', 15],
  ['EventSubscribe', 12],
  ['EventInvoke', 8],
];
const DESIGN_KIND_WEIGHTS: [DesignKind, number][] = [
  ['Read', 50],
  ['Update', 25],
  ['Create', 15],
  ['Delete', 10],
];
const PERMISSION_COLLECTIONS: CollectionName[] = [
  'Things',
  'ThingTemplates',
  'ThingShapes',
  'DataShapes',
  'Mashups',
  'Resources',
  'Media',
  'Projects',
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Generate the model of performance.md §6 for `size` from `seed`.
 *
 * @example
 * generateModel('M', 7).things['Thing00042']?.template; // e.g. 'Tpl118'
 */
export function generateModel(size: ModelSize, seed: number): Model {
  return generateModelWithStats(size, seed).model;
}

/** Like `generateModel`, plus the parameters used and counts of what was generated. */
export function generateModelWithStats(
  size: ModelSize,
  seed: number,
  options: { equipment?: boolean } = {},
): GeneratedModel {
  const params = GENERATOR_PARAMS[size];
  if (!params) throw new Error(`size must be one of S, M, L; got ${JSON.stringify(size)}`);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`seed must be a non-negative integer; got ${JSON.stringify(seed)}`);
  }
  const rng = createRng(seed);
  const g = new Generator(rng, params);
  let model = g.build(`synthetic ${size} seed ${seed}`);
  if (options.equipment) {
    // Its own random stream: the rest of the model is the same with or without equipment.
    const eq = generateEquipment(model, params.equipment, createRng(seed ^ 0x0e9e9));
    model = eq.model;
    g.stats.equipment = eq.stats;
  }
  return { model, size, seed, params, stats: g.stats };
}

class Generator {
  readonly stats: GeneratedStats = {
    users: 0,
    groups: 0,
    maxGroupDepth: 0,
    distinctDirectGroupSets: 0,
    organizations: 0,
    orgUnits: 0,
    templates: 0,
    leafTemplates: 0,
    maxTemplateChain: 0,
    shapes: 0,
    things: 0,
    thingsWithAcl: 0,
    entries: {
      collection: 0,
      templateInstance: 0,
      templateOwn: 0,
      shapeInstance: 0,
      thing: 0,
      overrides: 0,
      designTime: 0,
      deny: 0,
      onUsersGroup: 0,
      userPrincipal: 0,
      total: 0,
    },
    visibilityGrants: 0,
  };

  private userNames: string[] = [];
  /** Generated groups by size rank: index 0 is the largest (most direct members). */
  private groupsBySize: string[] = [];
  private grantUsers: string[] = [];
  private units: { org: string; unit: string }[] = [];
  private orgNames: string[] = [];
  private templateNames: string[] = [];
  private leafTemplates: string[] = [];
  private innerTemplates: string[] = [];
  private aclThings: string[] = [];
  private pickGroupForEntry: () => number = () => 0;

  constructor(
    private readonly rng: Rng,
    private readonly p: GeneratorParams,
  ) {}

  build(name: string): Model {
    // Start from the built-ins a compiled model has (Administrator, Users, GenericThing, Everyone, ...),
    // in the hardened setting PTC recommends (domain reference §3.5): visibility then comes from the
    // generated grants, so the visibility test is real work and not always "visible".
    const model = builtinModel({ usersInEveryone: false, everyoneSeesCollections: false }, name);
    this.groups(model);
    this.users(model);
    this.organizations(model);
    this.shapes(model);
    this.templates(model);
    this.things(model);
    this.entries(model);
    this.overrides(model);
    this.visibility(model);
    const e = this.stats.entries;
    e.total =
      e.collection + e.templateInstance + e.templateOwn + e.shapeInstance + e.thing + e.overrides;
    return model;
  }

  // ---- principals -------------------------------------------------------------------------

  private groups(model: Model): void {
    const { rng, p } = this;
    const depth = p.groupNestingDepth;
    const levels: string[][] = Array.from({ length: depth }, () => []);
    const names: string[] = [];
    // Shallower levels hold more groups; the first `depth` groups seed every level so the
    // maximum nesting depth is always reached.
    const levelWeights = Array.from({ length: depth }, (_, k) => depth - k);
    for (let i = 0; i < p.groups; i++) {
      const name = `Grp${pad(i, 4)}`;
      const level = i < depth ? i : rng.weighted(levelWeights);
      const memberOf: string[] = [];
      if (level > 0) {
        const wanted = rng.chance(p.groupsWithManyParents)
          ? rng.int(3, 4)
          : rng.int(p.parentsPerGroup[0], p.parentsPerGroup[1]);
        memberOf.push(rng.pick(levels[level - 1] as string[]));
        for (let tries = 0; memberOf.length < wanted && tries < 10; tries++) {
          const parentLevel = rng.int(0, level - 1);
          const parent = rng.pick(levels[parentLevel] as string[]);
          if (!memberOf.includes(parent)) memberOf.push(parent);
        }
      }
      (levels[level] as string[]).push(name);
      names.push(name);
      const group: Group = { name, memberOf };
      model.groups[name] = group;
    }
    this.groupsBySize = shuffle(this.rng, names);
    this.stats.groups = p.groups;
    this.stats.maxGroupDepth = depth;
    this.pickGroupForEntry = createZipf(rng, names.length, 0.7);
  }

  private users(model: Model): void {
    const { rng, p } = this;
    const pickGroup = createZipf(rng, this.groupsBySize.length, 1);
    // Users cluster into about sqrt(U) distinct direct-group sets (performance.md §6).
    const profileCount = Math.max(1, Math.round(Math.sqrt(p.users)));
    const profiles: string[][] = [];
    for (let i = 0; i < profileCount; i++) {
      const want = rng.int(p.directGroupsPerUser[0], p.directGroupsPerUser[1]);
      const set: string[] = [];
      for (let tries = 0; set.length < want && tries < 20; tries++) {
        const grp = this.groupsBySize[pickGroup()] as string;
        if (!set.includes(grp)) set.push(grp);
      }
      profiles.push(set);
    }
    const pickProfile = createZipf(rng, profiles.length, 0.8);
    const used = new Set<number>();
    for (let i = 0; i < p.users; i++) {
      const name = `user${pad(i, 5)}`;
      const profile = pickProfile();
      used.add(profile);
      const user: User = {
        name,
        enabled: true,
        locked: false,
        groups: [...(profiles[profile] as string[])],
      };
      model.users[name] = user;
      this.userNames.push(name);
    }
    for (const admin of sample(rng, this.userNames, p.administrators)) {
      model.users[admin]?.groups.push(ADMINISTRATORS_GROUP);
    }
    // Canonical order of a compiled model (shared/model/compile.ts): `Users` last.
    for (const name of this.userNames) model.users[name]?.groups.push(USERS_GROUP);
    this.grantUsers = sample(
      rng,
      this.userNames,
      Math.max(1, Math.round(p.users * p.usersWithUserGrants)),
    );
    this.stats.users = p.users;
    this.stats.distinctDirectGroupSets = used.size;
  }

  private organizations(model: Model): void {
    const { rng, p } = this;
    const perOrg = splitEvenly(p.orgUnits, p.organizations);
    for (let o = 0; o < p.organizations; o++) {
      const orgName = `Org${pad(o + 1, 2)}`;
      this.orgNames.push(orgName);
      const units: Record<string, OrgUnit> = {};
      const depthOf = new Map<string, number>();
      units[orgName] = { name: orgName, parent: null, children: [], members: [] };
      depthOf.set(orgName, 1);
      const eligible = [orgName];
      let prev = orgName;
      const count = perOrg[o] as number;
      for (let u = 1; u < count; u++) {
        const unitName = `${orgName}U${pad(u, 4)}`;
        // The first units form one chain to the maximum depth; the rest attach anywhere allowed.
        const parent = u < p.orgUnitDepth ? prev : rng.pick(eligible);
        const depth = (depthOf.get(parent) as number) + 1;
        units[unitName] = { name: unitName, parent, children: [], members: [] };
        units[parent]?.children.push(unitName);
        depthOf.set(unitName, depth);
        if (depth < p.orgUnitDepth) eligible.push(unitName);
        prev = unitName;
      }
      const org: Organization = { name: orgName, root: orgName, units };
      model.organizations[orgName] = org;
      for (const unit of Object.keys(units)) this.units.push({ org: orgName, unit });
    }
    for (const user of this.userNames) {
      const want = rng.int(p.unitsPerUser[0], p.unitsPerUser[1]);
      for (const { org, unit } of sample(rng, this.units, want)) {
        model.organizations[org]?.units[unit]?.members.push({ type: 'user', name: user });
      }
    }
    // A few units also list a small group (lower half by size), as PTC's workflow recommends (§4.8).
    const smallGroups = this.groupsBySize.slice(Math.floor(this.groupsBySize.length / 2));
    for (const { org, unit } of this.units) {
      if (smallGroups.length > 0 && rng.chance(0.1)) {
        model.organizations[org]?.units[unit]?.members.push({
          type: 'group',
          name: rng.pick(smallGroups),
        });
      }
    }
    this.stats.organizations = p.organizations;
    this.stats.orgUnits = this.units.length;
  }

  // ---- entities ---------------------------------------------------------------------------

  private shapes(model: Model): void {
    for (let i = 0; i < this.p.shapes; i++) {
      const name = `Shape${pad(i, 3)}`;
      const shape: ThingShape = {
        name,
        properties: [`${lower(name)}Prop0`],
        services: [`${lower(name)}Svc0`],
        events: [`${lower(name)}Evt0`],
        permissions: emptyPermissionSet(),
        instance: { runtime: [] },
      };
      model.shapes[name] = shape;
    }
    this.stats.shapes = this.p.shapes;
  }

  private templates(model: Model): void {
    const { rng, p } = this;
    const shapeNames = Object.keys(model.shapes);
    // Depth counts GenericThing as 1; generated templates live at depths 2..templateChainDepth.
    const byDepth = new Map<number, string[]>();
    const children = new Map<string, number>();
    for (let i = 0; i < p.templates; i++) {
      const name = `Tpl${pad(i, 4)}`;
      const depth = i < p.templateChainDepth - 1 ? i + 2 : rng.int(2, p.templateChainDepth);
      const base = depth === 2 ? GENERIC_THING : rng.pick(byDepth.get(depth - 1) as string[]);
      children.set(base, (children.get(base) ?? 0) + 1);
      const shapes: string[] = [];
      if (shapeNames.length > 0 && rng.chance(0.5)) shapes.push(rng.pick(shapeNames));
      if (shapeNames.length > 1 && rng.chance(0.2)) {
        const second = rng.pick(shapeNames);
        if (!shapes.includes(second)) shapes.push(second);
      }
      const prefix = lower(name);
      const template: ThingTemplate = {
        name,
        base,
        shapes,
        properties: [`${prefix}Prop0`, `${prefix}Prop1`, `${prefix}Prop2`],
        services: [`${prefix}Svc0`, `${prefix}Svc1`],
        events: [`${prefix}Evt0`],
        permissions: emptyPermissionSet(),
        instance: emptyPermissionSet(),
      };
      model.templates[name] = template;
      this.templateNames.push(name);
      let list = byDepth.get(depth);
      if (!list) byDepth.set(depth, (list = []));
      list.push(name);
    }
    for (const name of this.templateNames) {
      if (children.has(name)) this.innerTemplates.push(name);
      else this.leafTemplates.push(name);
    }
    this.stats.templates = p.templates;
    this.stats.leafTemplates = this.leafTemplates.length;
    this.stats.maxTemplateChain = Math.max(...byDepth.keys());
  }

  private things(model: Model): void {
    const { rng, p } = this;
    const shapeNames = Object.keys(model.shapes);
    const pickLeaf = createZipf(rng, this.leafTemplates.length, 0.6);
    const names: string[] = [];
    for (let i = 0; i < p.things; i++) {
      const name = `Thing${pad(i, 6)}`;
      // Things mostly implement concrete (leaf) templates.
      const template =
        this.innerTemplates.length > 0 && rng.chance(0.15)
          ? rng.pick(this.innerTemplates)
          : (this.leafTemplates[pickLeaf()] as string);
      const thing: Thing = {
        name,
        template,
        shapes: shapeNames.length > 0 && rng.chance(0.05) ? [rng.pick(shapeNames)] : [],
        properties: rng.chance(0.2) ? [`${lower(name)}Prop0`] : [],
        services: [],
        events: [],
        enabled: true,
        permissions: emptyPermissionSet(),
      };
      if (rng.chance(p.thingsWithOwner)) thing.owner = rng.pick(this.userNames);
      model.things[name] = thing;
      names.push(name);
    }
    this.aclThings = sample(rng, names, Math.max(1, Math.round(p.things * p.thingsWithAcl)));
    this.stats.things = p.things;
    this.stats.thingsWithAcl = this.aclThings.length;
  }

  // ---- entries ----------------------------------------------------------------------------

  private principal(forCollection = false): PrincipalRef {
    const { rng, p } = this;
    const e = this.stats.entries;
    const r = rng.float();
    if (!forCollection && r < p.usersGroupShare) {
      e.onUsersGroup++;
      return { type: 'group', name: USERS_GROUP };
    }
    if (forCollection) {
      // Collection-level entries are rare and mostly on large groups (performance.md §6), but not
      // on the very largest: one run-time allow there would make most cells "allow" (§6 warning).
      const hi = Math.min(
        Math.max(4, Math.round(this.groupsBySize.length * 0.1)),
        this.groupsBySize.length - 1,
      );
      return { type: 'group', name: this.groupsBySize[rng.int(Math.min(2, hi), hi)] as string };
    }
    if (r < p.groupPrincipalShare)
      return { type: 'group', name: this.groupsBySize[this.pickGroupForEntry()] as string };
    e.userPrincipal++;
    return { type: 'user', name: this.rng.pick(this.grantUsers) };
  }

  private allow(denyShare: number): boolean {
    const deny = this.rng.chance(denyShare);
    if (deny) this.stats.entries.deny++;
    return !deny;
  }

  private runtimeEntry(forCollection = false): RuntimeEntry {
    const kind = RUNTIME_KIND_WEIGHTS[
      this.rng.weighted(RUNTIME_KIND_WEIGHTS.map(w => w[1]))
    ]?.[0] as RuntimeKind;
    return {
      kind,
      resource: '*',
      principal: this.principal(forCollection),
      allow: this.allow(this.p.denyShare),
    };
  }

  private designEntry(forCollection = false): DesignEntry {
    this.stats.entries.designTime++;
    const kind = DESIGN_KIND_WEIGHTS[
      this.rng.weighted(DESIGN_KIND_WEIGHTS.map(w => w[1]))
    ]?.[0] as DesignKind;
    return { kind, principal: this.principal(forCollection), allow: this.allow(this.p.denyShare) };
  }

  /**
   * Adds one entry to a permission set: design time with the configured share, else run time.
   * Collection-level sets are half design time (collection Create/Read is their typical use).
   */
  private addEntry(set: PermissionSet, forCollection = false): void {
    const designShare = forCollection ? 0.5 : this.p.designTimeShare;
    if (this.rng.chance(designShare)) set.designtime.push(this.designEntry(forCollection));
    else set.runtime.push(this.runtimeEntry(forCollection));
  }

  private pickTemplate(): ThingTemplate['name'] {
    const { rng, p } = this;
    return this.innerTemplates.length > 0 && !rng.chance(p.leafTemplateBias)
      ? rng.pick(this.innerTemplates)
      : rng.pick(this.leafTemplates);
  }

  private entries(model: Model): void {
    const { rng, p } = this;
    const e = this.stats.entries;
    const collections = PERMISSION_COLLECTIONS.slice(0, p.collectionsWithPermissions);
    for (let i = 0; i < p.collectionEntries; i++) {
      // Things, the collection that matters for run-time checks, gets about half.
      const name = i % 2 === 0 ? 'Things' : rng.pick(collections);
      const set = (model.collections[name] ??= emptyPermissionSet());
      this.addEntry(set, true);
      e.collection++;
    }
    const templateEntries = Math.round(p.entries * p.templateEntryShare);
    const thingEntries = Math.round(p.entries * p.thingEntryShare);
    const shapeEntries = Math.max(
      0,
      p.entries - p.collectionEntries - templateEntries - thingEntries,
    );
    for (let i = 0; i < templateEntries; i++) {
      const template = model.templates[this.pickTemplate()] as ThingTemplate;
      // A tenth govern the template entity itself (its own set, §2.3), the rest its Things.
      if (rng.chance(0.1)) {
        this.addEntry(template.permissions);
        e.templateOwn++;
      } else {
        this.addEntry(template.instance);
        e.templateInstance++;
      }
    }
    const pickAcl = createZipf(rng, this.aclThings.length, 0.8);
    for (let i = 0; i < thingEntries; i++) {
      const thing = model.things[this.aclThings[pickAcl()] as string] as Thing;
      this.addEntry(thing.permissions);
      e.thing++;
    }
    const shapeNames = Object.keys(model.shapes);
    for (let i = 0; i < shapeEntries && shapeNames.length > 0; i++) {
      // Shapes hold instance run-time entries only (domain reference §2.5).
      (model.shapes[rng.pick(shapeNames)] as ThingShape).instance.runtime.push(this.runtimeEntry());
      e.shapeInstance++;
    }
  }

  private overrides(model: Model): void {
    const { rng, p } = this;
    for (let i = 0; i < p.overrides; i++) {
      const kind = RUNTIME_KIND_WEIGHTS[
        rng.weighted(RUNTIME_KIND_WEIGHTS.map(w => w[1]))
      ]?.[0] as RuntimeKind;
      let set: PermissionSet;
      let chars: string[];
      if (rng.chance(0.6)) {
        const thing = model.things[rng.pick(this.aclThings)] as Thing;
        set = thing.permissions;
        chars = characteristicsOf(model, thing.template, thing.shapes, thing, kind);
      } else {
        const template = model.templates[this.pickTemplate()] as ThingTemplate;
        set = template.instance;
        chars = characteristicsOf(model, template.name, [], undefined, kind);
      }
      if (chars.length === 0) continue;
      set.runtime.push({
        kind,
        resource: rng.pick(chars),
        principal: this.principal(),
        allow: this.allow(p.overrideDenyShare),
      });
      this.stats.entries.overrides++;
    }
  }

  private visibilityPrincipal(): VisibilityPrincipal {
    if (this.rng.chance(0.15)) return { type: 'org', org: this.rng.pick(this.orgNames) };
    const { org, unit } = this.rng.pick(this.units);
    return { type: 'unit', org, unit };
  }

  private grantVisibility(set: PermissionSet): void {
    const [lo, hi] = this.p.visibilityGrantsPerEntity;
    const want = this.rng.int(lo, hi);
    for (let i = 0; i < want; i++) {
      const v = this.visibilityPrincipal();
      const dup = set.visibility.some(x => JSON.stringify(x) === JSON.stringify(v));
      if (!dup) {
        set.visibility.push(v);
        this.stats.visibilityGrants++;
      }
    }
  }

  private visibility(model: Model): void {
    for (const name of this.templateNames)
      this.grantVisibility((model.templates[name] as ThingTemplate).instance);
    for (const name of this.aclThings)
      this.grantVisibility((model.things[name] as Thing).permissions);
  }
}

/** Characteristic names of the kind's type that a Thing of `template` (plus shapes) has. */
export function characteristicsOf(
  model: Model,
  template: string,
  extraShapes: readonly string[],
  thing: Thing | undefined,
  kind: RuntimeKind,
): string[] {
  const field =
    kind === 'PropertyRead' || kind === 'PropertyWrite'
      ? 'properties'
      : kind === 'ServiceInvoke'
        ? 'services'
        : 'events';
  const out: string[] = [];
  if (thing) out.push(...thing[field]);
  const shapes = [...extraShapes];
  for (let t: string | null = template; t !== null;) {
    const tpl: ThingTemplate | undefined = model.templates[t];
    if (!tpl) break;
    out.push(...tpl[field]);
    shapes.push(...tpl.shapes);
    t = tpl.base;
  }
  for (const s of shapes) out.push(...(model.shapes[s]?.[field] ?? []));
  return [...new Set(out)];
}

function lower(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** `count` distinct elements (partial Fisher-Yates), in draw order. */
function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = rng.int(i, copy.length - 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/** The generated context (performance.md §6 "Equipment tree nodes"). */
export const EQUIPMENT_CONTEXT = 'Plant';

/**
 * One context whose structure is a random tree of `p.nodes` equipment (a Site root, Assets below, at most
 * `p.depth` levels, `p.branching` children per inner node), materialized as Things (§7.1), then
 * context-manager grants written as the Grant/Propagate services write them (§7.14, §7.17): Read on the
 * context for most principals with grants, and `grantsPerPrincipal` grants each on random nodes, some
 * propagated to the node's subtree.
 */
function generateEquipment(
  base: Model,
  p: EquipmentParams,
  rng: Rng,
): { model: Model; stats: EquipmentStats } {
  const equipment: Record<
    string,
    { name: string; type: string; parent: string | null; children: string[] }
  > = {};
  const width = String(p.nodes - 1).length;
  const names: string[] = [];
  const depthOf: number[] = [];
  // Breadth-first growth with random branching; when the depth limit stops a level before `nodes`
  // are placed, another root starts a new tree.
  let frontier: number[] = [];
  while (names.length < p.nodes) {
    if (frontier.length === 0) {
      const name = `Eq${pad(names.length, width)}`;
      equipment[name] = { name, type: 'Site', parent: null, children: [] };
      frontier.push(names.length);
      names.push(name);
      depthOf.push(0);
      continue;
    }
    const next: number[] = [];
    for (const parentAt of frontier) {
      if ((depthOf[parentAt] as number) >= p.depth) continue;
      const count = rng.int(p.branching[0], p.branching[1]);
      for (let c = 0; c < count && names.length < p.nodes; c++) {
        const name = `Eq${pad(names.length, width)}`;
        const parent = names[parentAt] as string;
        equipment[name] = { name, type: 'Asset', parent, children: [] };
        (equipment[parent] as { children: string[] }).children.push(name);
        next.push(names.length);
        names.push(name);
        depthOf.push((depthOf[parentAt] as number) + 1);
      }
    }
    // Only a random part of each level branches further, so the tree is deep rather than a full fan.
    frontier = next.filter(() => rng.chance(Math.min(1, 4 / p.branching[1])));
    if (frontier.length === 0 && names.length < p.nodes && next.length > 0)
      frontier = [next[0] as number];
  }
  const roots = names.filter(n => (equipment[n] as { parent: string | null }).parent === null);
  const ctx = {
    name: EQUIPMENT_CONTEXT,
    displayName: EQUIPMENT_CONTEXT,
    description: 'generated equipment (bench/generator.ts)',
    enabled: true,
    network: `${EQUIPMENT_CONTEXT}Network`,
    roots,
    equipment,
  };
  const mat = materializeApps({
    ...base,
    apps: {
      contexts: { [EQUIPMENT_CONTEXT]: ctx },
      relationships: [
        { parent: 'Site', child: 'Asset' },
        { parent: 'Asset', child: 'Asset' },
      ],
      grants: [],
    },
  });
  if (!mat.ok) throw new Error(`generated equipment is invalid: ${mat.errors[0]?.message}`);
  const model = mat.model;
  const ix = contextIndex(own(model.apps.contexts, EQUIPMENT_CONTEXT) as EquipmentContext);
  // The generator owns this record: grants rewrite its Things in place.
  const things = { ...model.things };
  const write = (thing: string, principal: PrincipalRef, level: AppsPermission) => {
    const current = own(things, thing);
    if (current) setOwn(things, thing, rewriteThing(model, current, principal, level).thing);
  };
  const principals: PrincipalRef[] = [
    ...Object.keys(model.users)
      .filter(u => u !== 'Administrator' && u !== 'System')
      .map(name => ({ type: 'user' as const, name })),
    ...Object.keys(model.groups)
      .filter(g => g !== 'Administrators')
      .map(name => ({ type: 'group' as const, name })),
  ];
  const chosen = principals.filter(() => rng.chance(p.principalsWithGrants));
  const levels: AppsPermission[] = ['Read', 'Write', 'None'];
  const stats: EquipmentStats = {
    context: EQUIPMENT_CONTEXT,
    nodes: names.length,
    maxDepth: Math.max(...depthOf),
    principalsWithGrants: chosen.length,
    grants: 0,
    propagations: 0,
    nodeWrites: 0,
  };
  for (const principal of chosen) {
    if (rng.chance(p.contextReadShare)) write(ctx.network, principal, 'Read');
    for (let k = 0; k < p.grantsPerPrincipal; k++) {
      const node = rng.int(0, names.length - 1);
      const level = levels[rng.weighted(p.levelMix)] as AppsPermission;
      // Propagations start low in the tree (small subtrees), as a maintenance group's line would.
      const size = ix.size[node] as number;
      if (rng.chance(p.propagationShare) && size > 1 && size <= 500) {
        for (let i = node; i < node + size; i++) write(ix.order[i] as string, principal, level);
        stats.propagations++;
        stats.nodeWrites += size;
      } else {
        write(ix.order[node] as string, principal, level);
        stats.grants++;
        stats.nodeWrites++;
      }
    }
  }
  return { model: { ...model, things }, stats };
}
