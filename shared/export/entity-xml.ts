/**
 * Model entities as ThingWorx entity XML (`<Entities>` root, domain reference §6): Things,
 * ThingTemplates (own and instance sets, base template, implemented shapes), ThingShapes (own sets
 * and the instance run-time set), Resources, Subsystems, Mashups and DataShapes, Users (enabled,
 * locked), Groups with their direct members, Organizations with units, connections and unit members,
 * and application keys without any secret. Pure: the caller decides which entities to write.
 *
 * Layout follows §6: collections in dependency order (users and groups before what names them,
 * §2.2), each entity's `<Owner>` then design time, run time, visibility; run-time entries grouped
 * per `<Permissions resourceName>` block, `*` first, all five kinds written (the normalised form of
 * §6.3); templates' instance sets after their definitions (§6.4); groups with the double
 * `<Members><Members>` form and organizations with `<Connection from to>` pairs (§6.5).
 *
 * @example
 * const xml = writeEntitiesXml(model, allPermissionBearing(model));
 * xml.startsWith('<?xml'); // true
 */
import type {
  ApplicationKey,
  Characteristics,
  DesignEntry,
  Model,
  Organization,
  PermissionSet,
  PrincipalRef,
  RuntimeEntry,
  VisibilityPrincipal,
} from '../model/types';
import { COLLECTION_NAMES, DESIGN_KINDS, RUNTIME_KINDS } from '../model/types';
import { USERS_GROUP } from '../model/builtins';
import { own as ownEntry } from '../model/own';

/** Which entities to write, by name (`others` keys are `Collection/Name`). Unknown names are skipped. */
export type EntitySelection = {
  users?: readonly string[];
  groups?: readonly string[];
  organizations?: readonly string[];
  shapes?: readonly string[];
  templates?: readonly string[];
  things?: readonly string[];
  others?: readonly string[];
  appKeys?: readonly string[];
};

export type EntityXmlOptions = {
  /** Version attributes of the root (§6.1); defaults describe a 9.0 export (§6.4). */
  majorVersion?: string;
  minorVersion?: string;
  schemaVersion?: string;
};

// XML 1.0 cannot carry most C0 control characters at all; tab, newline and CR survive only as
// character references inside attribute values (attribute-value normalisation would turn them into spaces).
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** An attribute value, escaped so that any name reads back verbatim (spaces, quotes, `&`, `<`). */
export function xmlAttr(s: string): string {
  return s
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const attrs = (a: Record<string, string | boolean | undefined>): string =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

const principalType = (p: PrincipalRef) => (p.type === 'user' ? 'User' : 'Group');

function principalXml(p: PrincipalRef, allow: boolean): string {
  return `<Principal${attrs({ isPermitted: allow, name: p.name, type: principalType(p) })}/>`;
}

function visibilityXml(v: VisibilityPrincipal): string {
  const name = v.type === 'org' ? v.org : `${v.org}:${v.unit}`;
  const type = v.type === 'org' ? 'Organization' : 'OrganizationalUnit';
  return `<Principal${attrs({ isPermitted: true, name, type })}/>`;
}

function designXml(tag: string, entries: readonly DesignEntry[], ind: string): string {
  const kinds = DESIGN_KINDS.map(k => {
    const ps = entries.filter(e => e.kind === k);
    return ps.length === 0
      ? `<${k}/>`
      : `<${k}>${ps.map(e => principalXml(e.principal, e.allow)).join('')}</${k}>`;
  });
  return `${ind}<${tag}>${kinds.join('')}<Metadata/></${tag}>\n`;
}

function runtimeXml(tag: string, entries: readonly RuntimeEntry[], ind: string): string {
  if (entries.length === 0) return `${ind}<${tag}/>\n`;
  const resources = ['*', ...new Set(entries.map(e => e.resource).filter(r => r !== '*'))];
  const blocks = resources.map(r => {
    const inBlock = entries.filter(e => e.resource === r);
    const kinds = RUNTIME_KINDS.map(k => {
      const ps = inBlock.filter(e => e.kind === k);
      return ps.length === 0
        ? `<${k}/>`
        : `<${k}>${ps.map(e => principalXml(e.principal, e.allow)).join('')}</${k}>`;
    });
    return `${ind}  <Permissions${attrs({ resourceName: r })}>${kinds.join('')}</Permissions>\n`;
  });
  return `${ind}<${tag}>\n${blocks.join('')}${ind}</${tag}>\n`;
}

function visibilitySetXml(tag: string, list: readonly VisibilityPrincipal[], ind: string): string {
  return list.length === 0
    ? `${ind}<${tag}><Visibility/></${tag}>\n`
    : `${ind}<${tag}><Visibility>${list.map(visibilityXml).join('')}</Visibility></${tag}>\n`;
}

function ownSetsXml(set: PermissionSet, ind: string): string {
  return (
    designXml('DesignTimePermissions', set.designtime, ind) +
    runtimeXml('RunTimePermissions', set.runtime, ind) +
    visibilitySetXml('VisibilityPermissions', set.visibility, ind)
  );
}

const ownerXml = (owner: string | undefined, ind: string) =>
  owner === undefined ? '' : `${ind}<Owner${attrs({ name: owner, type: 'User' })}/>\n`;

/** Property, service and event definitions (what REST lookups need, not their implementations). */
function definitionsXml(c: Characteristics, ind: string): string {
  const list = (outer: string, inner: string, names: readonly string[], extra: string) =>
    names.length === 0
      ? `${ind}<${outer}/>\n`
      : `${ind}<${outer}>${names.map(n => `<${inner}${attrs({ name: n })}${extra}/>`).join('')}</${outer}>\n`;
  return (
    list('PropertyDefinitions', 'PropertyDefinition', c.properties, ' baseType="STRING"') +
    list('ServiceDefinitions', 'ServiceDefinition', c.services, '') +
    list('EventDefinitions', 'EventDefinition', c.events, '')
  );
}

const implementedShapesXml = (shapes: readonly string[], ind: string) =>
  shapes.length === 0
    ? `${ind}<ImplementedShapes/>\n`
    : `${ind}<ImplementedShapes>${shapes.map(s => `<ImplementedShape${attrs({ name: s, type: 'ThingShape' })}/>`).join('')}</ImplementedShapes>\n`;

/** Keys of `rec` that `names` asks for, in `names` order, without duplicates or missing ones. */
function pick<T>(rec: Record<string, T>, names: readonly string[] | undefined): T[] {
  if (!names) return [];
  const out: T[] = [];
  for (const n of new Set(names)) if (Object.hasOwn(rec, n)) out.push(rec[n] as T);
  return out;
}

/** Direct members of a group: users that list it, then groups that list it (§6.5). */
function groupMembers(m: Model, group: string): PrincipalRef[] {
  const out: PrincipalRef[] = [];
  // §3.5: every user is in Users implicitly; writing them all would only repeat that.
  if (group !== USERS_GROUP)
    for (const u of Object.values(m.users))
      if (u.groups.includes(group)) out.push({ type: 'user', name: u.name });
  for (const g of Object.values(m.groups))
    if (g.memberOf.includes(group)) out.push({ type: 'group', name: g.name });
  return out;
}

const membersXml = (members: readonly PrincipalRef[]) =>
  `<Members><Members>${members.map(p => `<Member${attrs({ name: p.name, type: principalType(p) })}/>`).join('')}</Members></Members>`;

function organizationXml(o: Organization, ind: string): string {
  // Connections from the root down, breadth first: `from=""` marks the root unit (§6.5).
  const order: string[] = [];
  const connections: string[] = [`<Connection${attrs({ from: '', to: o.root })}/>`];
  const queue = [o.root];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const u = queue.shift() as string;
    if (seen.has(u) || !Object.hasOwn(o.units, u)) continue;
    seen.add(u);
    order.push(u);
    for (const c of ownEntry(o.units, u)?.children ?? []) {
      connections.push(`<Connection${attrs({ from: u, to: c })}/>`);
      queue.push(c);
    }
  }
  const units = order.map(n => {
    const unit = ownEntry(o.units, n);
    return `${ind}    <OrganizationalUnit${attrs({ name: n, description: '' })}>${membersXml(unit?.members ?? [])}</OrganizationalUnit>\n`;
  });
  return (
    `${ind}<Organization${attrs({ name: o.name, description: '' })}>\n` +
    `${ind}  <Connections>${connections.join('')}</Connections>\n` +
    `${ind}  <OrganizationalUnits>\n${units.join('')}${ind}  </OrganizationalUnits>\n` +
    `${ind}</Organization>\n`
  );
}

function appKeyXml(k: ApplicationKey, ind: string): string {
  // Never a keyId: the secret is not in the model, and an export must not carry one (issue: secrets).
  return `${ind}<ApplicationKey${attrs({
    name: k.name,
    userNameReference: k.user,
    expirationDate: k.expires,
    IPWhitelist: k.ipAllowlist.length > 0 ? k.ipAllowlist.join(',') : undefined,
  })}/>\n`;
}

const OTHER_TAG: Record<string, [string, string]> = {
  DataShapes: ['DataShapes', 'DataShape'],
  Mashups: ['Mashups', 'Mashup'],
  Resources: ['Resources', 'Resource'],
  Subsystems: ['Subsystems', 'Subsystem'],
};

/**
 * Writes the selected entities as one `<Entities>` document.
 *
 * @example
 * writeEntitiesXml(model, { things: ['SensorDataStream'], templates: ['SensorTemplate'] });
 */
export function writeEntitiesXml(
  model: Model,
  sel: EntitySelection,
  opts: EntityXmlOptions = {},
): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  out.push(
    `<Entities${attrs({
      build: 'PermSim',
      majorVersion: opts.majorVersion ?? '9',
      minorVersion: opts.minorVersion ?? '0',
      modelPersistenceProviderPackage: '',
      revision: '0',
      schemaVersion: opts.schemaVersion ?? '1102',
      universal: '',
    })}>\n`,
  );
  const collection = (tag: string, body: string[]) => {
    if (body.length > 0) out.push(`  <${tag}>\n${body.join('')}  </${tag}>\n`);
  };
  const I = '    ';

  collection(
    'Users',
    pick(model.users, sel.users).map(
      u => `${I}<User${attrs({ name: u.name, enabled: u.enabled, locked: u.locked })}/>\n`,
    ),
  );
  collection(
    'Groups',
    pick(model.groups, sel.groups).map(
      g =>
        `${I}<Group${attrs({ name: g.name })}>${membersXml(groupMembers(model, g.name))}</Group>\n`,
    ),
  );
  collection(
    'Organizations',
    pick(model.organizations, sel.organizations).map(o => organizationXml(o, I)),
  );
  const others = pick(model.others, sel.others);
  const otherOf = (c: string) => others.filter(o => o.collection === c);
  for (const c of ['DataShapes'])
    collection(
      OTHER_TAG[c]?.[0] as string,
      otherOf(c).map(
        o =>
          `${I}<${OTHER_TAG[c]?.[1]}${attrs({ name: o.name })}>\n${ownerXml(o.owner, `${I}  `)}${ownSetsXml(o.permissions, `${I}  `)}${definitionsXml(o, `${I}  `)}${I}</${OTHER_TAG[c]?.[1]}>\n`,
      ),
    );
  collection(
    'ThingShapes',
    pick(model.shapes, sel.shapes).map(
      s =>
        `${I}<ThingShape${attrs({ name: s.name })}>\n` +
        ownerXml(s.owner, `${I}  `) +
        ownSetsXml(s.permissions, `${I}  `) +
        definitionsXml(s, `${I}  `) +
        runtimeXml('InstanceRunTimePermissions', s.instance.runtime, `${I}  `) +
        `${I}</ThingShape>\n`,
    ),
  );
  collection(
    'ThingTemplates',
    pick(model.templates, sel.templates).map(
      t =>
        `${I}<ThingTemplate${attrs({ name: t.name, baseThingTemplate: t.base ?? '' })}>\n` +
        ownerXml(t.owner, `${I}  `) +
        ownSetsXml(t.permissions, `${I}  `) +
        `${I}  <ThingShape>\n${definitionsXml(t, `${I}    `)}${I}  </ThingShape>\n` +
        implementedShapesXml(t.shapes, `${I}  `) +
        designXml('InstanceDesignTimePermissions', t.instance.designtime, `${I}  `) +
        runtimeXml('InstanceRunTimePermissions', t.instance.runtime, `${I}  `) +
        visibilitySetXml('InstanceVisibilityPermissions', t.instance.visibility, `${I}  `) +
        `${I}</ThingTemplate>\n`,
    ),
  );
  collection(
    'Things',
    pick(model.things, sel.things).map(
      t =>
        `${I}<Thing${attrs({ name: t.name, thingTemplate: t.template, enabled: t.enabled })}>\n` +
        ownerXml(t.owner, `${I}  `) +
        ownSetsXml(t.permissions, `${I}  `) +
        `${I}  <ThingShape>\n${definitionsXml(t, `${I}    `)}${I}  </ThingShape>\n` +
        implementedShapesXml(t.shapes, `${I}  `) +
        `${I}</Thing>\n`,
    ),
  );
  for (const c of ['Mashups', 'Resources', 'Subsystems'])
    collection(
      OTHER_TAG[c]?.[0] as string,
      otherOf(c).map(
        o =>
          `${I}<${OTHER_TAG[c]?.[1]}${attrs({ name: o.name })}>\n${ownerXml(o.owner, `${I}  `)}${ownSetsXml(o.permissions, `${I}  `)}${definitionsXml(o, `${I}  `)}${I}</${OTHER_TAG[c]?.[1]}>\n`,
      ),
    );
  collection(
    'ApplicationKeys',
    pick(model.appKeys, sel.appKeys).map(k => appKeyXml(k, I)),
  );
  out.push('</Entities>\n');
  return out.join('');
}

/**
 * The collection-level sets of the model (who may create, see or use a whole collection, §2.3) as
 * the permissions file ThingWorx writes for source control: a `<Collections>` root with one
 * element per collection holding its blocks (docs/import.md "What is read"). Collections without
 * a set are left out.
 *
 * @example
 * writeCollectionsXml(model).includes('<Collections>'); // true
 */
export function writeCollectionsXml(model: Model): string {
  const body = COLLECTION_NAMES.flatMap(c => {
    const set = ownEntry(model.collections, c);
    return set ? [`  <${c}>\n${ownSetsXml(set, '    ')}  </${c}>\n`] : [];
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Collections>\n${body.join('')}</Collections>\n`;
}

/**
 * Every permission-bearing entity of the model that is not built in: the whole deployment as a user
 * declared it (built-ins exist on every server, model-format.md "Built-ins").
 *
 * @example
 * writeEntitiesXml(model, allPermissionBearing(model));
 */
export function allPermissionBearing(m: Model): EntitySelection {
  const own = <T extends { builtin?: boolean }>(rec: Record<string, T>) =>
    Object.keys(rec).filter(k => !rec[k]?.builtin);
  // A built-in group is written when a declared user or group is its member (Administrators):
  // the membership lives in the group's member list (§6.5).
  const joined = new Set<string>();
  for (const u of Object.values(m.users)) if (!u.builtin) for (const g of u.groups) joined.add(g);
  for (const g of Object.values(m.groups))
    if (!g.builtin) for (const p of g.memberOf) joined.add(p);
  joined.delete(USERS_GROUP);
  return {
    users: own(m.users),
    groups: Object.keys(m.groups).filter(k => !ownEntry(m.groups, k)?.builtin || joined.has(k)),
    organizations: own(m.organizations),
    shapes: own(m.shapes),
    templates: own(m.templates),
    things: own(m.things),
    others: own(m.others),
    appKeys: Object.keys(m.appKeys),
  };
}

/** Labels of the selection's entities, e.g. `Thing SensorDataStream`, `Resources/EntityServices`. */
export function selectionNames(sel: EntitySelection): string[] {
  const word: Record<keyof EntitySelection, string> = {
    users: 'User ',
    groups: 'Group ',
    organizations: 'Organization ',
    shapes: 'ThingShape ',
    templates: 'ThingTemplate ',
    things: 'Thing ',
    others: '',
    appKeys: 'ApplicationKey ',
  };
  return (Object.keys(word) as (keyof EntitySelection)[]).flatMap(k =>
    (sel[k] ?? []).map(n => `${word[k]}${n}`),
  );
}

const SELECTION_KEYS = [
  'users',
  'groups',
  'organizations',
  'shapes',
  'templates',
  'things',
  'others',
  'appKeys',
] as const;

/**
 * The entities whose XML differs between two models: exactly what an XML export of a change set
 * must carry (`changed`: present in `after`, new or different). Entities only in `before` are
 * `removed`: an import cannot delete them.
 *
 * @example
 * changedEntities(baseline, result).changed.things; // ['SensorDataStream']
 */
export function changedEntities(
  before: Model,
  after: Model,
): { changed: EntitySelection; created: EntitySelection; removed: EntitySelection } {
  const changed: EntitySelection = {};
  const created: EntitySelection = {};
  const removed: EntitySelection = {};
  // A group's members live on the users and groups that name it: a group changes when a user or
  // group record that names it (before or after) changed. Only those are compared.
  const touchedGroups = new Set<string>();
  for (const [rec0, rec1, parents] of [
    [before.users, after.users, (u: unknown) => (u as { groups: string[] }).groups],
    [before.groups, after.groups, (g: unknown) => (g as { memberOf: string[] }).memberOf],
  ] as const) {
    if (rec0 === rec1) continue;
    const r0 = rec0 as Record<string, unknown>;
    const r1 = rec1 as Record<string, unknown>;
    for (const k of new Set([...Object.keys(r0), ...Object.keys(r1)])) {
      const a = Object.hasOwn(r0, k) ? r0[k] : undefined;
      const b = Object.hasOwn(r1, k) ? r1[k] : undefined;
      if (a === b) continue;
      for (const g of [...(a ? parents(a) : []), ...(b ? parents(b) : [])]) touchedGroups.add(g);
    }
  }
  for (const key of SELECTION_KEYS) {
    const a = before[key] as Record<string, unknown>;
    const b = after[key] as Record<string, unknown>;
    const ch: string[] = [];
    const cr: string[] = [];
    const candidates =
      key === 'groups'
        ? new Set([
            ...touchedGroups,
            ...(a === b ? [] : Object.keys(b).filter(k => !Object.hasOwn(a, k) || a[k] !== b[k])),
          ])
        : undefined;
    if (a !== b || candidates)
      for (const k of candidates ?? Object.keys(b)) {
        if (!Object.hasOwn(b, k)) continue;
        const was = Object.hasOwn(a, k) ? a[k] : undefined;
        if (was === undefined) {
          ch.push(k);
          cr.push(k);
          continue;
        }
        if (was === b[k] && !touchedGroups.has(k)) continue;
        const one = (m: Model) => writeEntitiesXml(m, { [key]: [k] });
        if (one(before) !== one(after)) ch.push(k);
      }
    changed[key] = ch;
    created[key] = cr;
    removed[key] = a === b ? [] : Object.keys(a).filter(k => !Object.hasOwn(b, k));
  }
  return { changed, created, removed };
}
