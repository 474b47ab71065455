/**
 * The node-casbin peer of performance.md §1.7, built from the same generated Model:
 * `g` = user/group -> group (the group DAG plus the implicit `Users`), `g2` = thing -> template ->
 * base template -> ... -> GenericThing -> collection `Things`, matcher
 * `g(r.sub, p.sub) && g2(r.obj, p.obj) && r.act == p.act`, effect `some(allow) && !some(deny)`.
 * Policies come from the run-time entries on `*` at entity, template-instance and collection level.
 *
 * It is a fair semantic peer only for a subset (performance.md §7): precedence `global-deny`
 * (any deny anywhere wins, domain reference §1.8 / §9.6 switch), `baseTemplateInstance` on, `*`
 * resources, and no visibility, owner, Administrators, shape-instance or member-override cells.
 * `casbinComparable` says whether a cell is in that subset; `casbinPeerSemantics` gives the model
 * the evaluators must run on to be compared with it.
 *
 * @example
 * const peer = await createCasbinPeer(model);
 * peer.check('bob', 'SensorDataStream', 'PropertyRead'); // true | false
 */
import { DefaultRoleManager, newEnforcer, newModelFromString } from 'casbin';
import type { Enforcer } from 'casbin';
import type { Model, RuntimeEntry, RuntimeKind } from '../shared/model/types';
import { ADMINISTRATORS_GROUP, GENERIC_THING, USERS_GROUP } from '../shared/model/builtins';

export const CASBIN_MODEL_TEXT = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act, eft

[role_definition]
g = _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && g2(r.obj, p.obj) && r.act == p.act
`;

export type CasbinPeer = {
  enforcer: Enforcer;
  /** Number of `p` rules (the count casbin scans per check). */
  policies: number;
  /** Number of `g` plus `g2` links. */
  links: number;
  /** The run-time decision for (user, Thing, kind) on `*` as casbin sees it. */
  check(user: string, thing: string, kind: RuntimeKind): boolean;
};

// Type prefixes keep a user, a group, a Thing and a template of the same name apart.
const subject = (p: RuntimeEntry['principal']): string => `${p.type}:${p.name}`;
const thingObj = (name: string): string => `thing:${name}`;
const templateObj = (name: string): string => `template:${name}`;
const THINGS_COLLECTION_OBJ = 'collection:Things';

/** The model's semantics switched to the options under which casbin is a fair peer. */
export function casbinPeerSemantics(model: Model): Model {
  return {
    ...model,
    semantics: { ...model.semantics, precedence: 'global-deny', baseTemplateInstance: true },
  };
}

/** Builds the enforcer (policies and role links) from the model. */
export async function createCasbinPeer(model: Model): Promise<CasbinPeer> {
  const enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL_TEXT));
  // The default role manager stops at 10 hops; L nests groups 10 deep plus the user's own hop.
  enforcer.setRoleManager(new DefaultRoleManager(64));
  enforcer.setNamedRoleManager('g2', new DefaultRoleManager(64));
  enforcer.enableAutoBuildRoleLinks(false);

  const policies = new Map<string, string[]>();
  const addPolicy = (obj: string, e: RuntimeEntry) => {
    if (e.resource !== '*') return;
    const rule = [subject(e.principal), obj, e.kind, e.allow ? 'allow' : 'deny'];
    policies.set(rule.join('\u0000'), rule);
  };
  for (const thing of Object.values(model.things))
    for (const e of thing.permissions.runtime) addPolicy(thingObj(thing.name), e);
  for (const tpl of Object.values(model.templates))
    for (const e of tpl.instance.runtime) addPolicy(templateObj(tpl.name), e);
  for (const e of model.collections.Things?.runtime ?? []) addPolicy(THINGS_COLLECTION_OBJ, e);

  const g = new Map<string, string[]>();
  const link = (map: Map<string, string[]>, from: string, to: string) =>
    map.set(`${from}\u0000${to}`, [from, to]);
  for (const user of Object.values(model.users)) {
    for (const grp of user.groups) link(g, `user:${user.name}`, `group:${grp}`);
    link(g, `user:${user.name}`, `group:${USERS_GROUP}`);
  }
  for (const grp of Object.values(model.groups))
    for (const parent of grp.memberOf) link(g, `group:${grp.name}`, `group:${parent}`);

  const g2 = new Map<string, string[]>();
  for (const thing of Object.values(model.things))
    link(g2, thingObj(thing.name), templateObj(thing.template));
  for (const tpl of Object.values(model.templates)) {
    if (tpl.base !== null) link(g2, templateObj(tpl.name), templateObj(tpl.base));
  }
  link(g2, templateObj(GENERIC_THING), THINGS_COLLECTION_OBJ);

  // Batch adds are all-or-nothing on duplicates, hence the de-duplication above.
  if (policies.size > 0) await enforcer.addPolicies([...policies.values()]);
  if (g.size > 0) await enforcer.addNamedGroupingPolicies('g', [...g.values()]);
  if (g2.size > 0) await enforcer.addNamedGroupingPolicies('g2', [...g2.values()]);
  await enforcer.buildRoleLinks();

  return {
    enforcer,
    policies: policies.size,
    links: g.size + g2.size,
    check: (user, thing, kind) => enforcer.enforceSync(`user:${user}`, thingObj(thing), kind),
  };
}

/**
 * True when (user, Thing, kind, resource) lies in the subset where casbin's answer must equal the
 * evaluators' run-time verdict under `casbinPeerSemantics`: the user is not an administrator or the
 * owner (bypasses are outside casbin's model), no shape instance set on the Thing's chain has an entry
 * for the kind (shape level, §2.5), and no level of the chain has a member-level override for the
 * kind on that resource (§2.7) — casbin only sees `*` entries.
 */
export function casbinComparable(
  model: Model,
  user: string,
  thing: string,
  kind: RuntimeKind,
  resource: string,
): boolean {
  const u = model.users[user];
  const t = model.things[thing];
  if (!u || !t) return false;
  if (u.groups.includes(ADMINISTRATORS_GROUP) || t.owner === user) return false;
  const shapes = [...t.shapes];
  if (t.permissions.runtime.some(e => e.kind === kind && e.resource === resource)) return false;
  for (let name: string | null = t.template; name !== null;) {
    const tpl: Model['templates'][string] | undefined = model.templates[name];
    if (!tpl) return false;
    if (tpl.instance.runtime.some(e => e.kind === kind && e.resource === resource)) return false;
    shapes.push(...tpl.shapes);
    name = tpl.base;
  }
  if (
    (model.collections.Things?.runtime ?? []).some(e => e.kind === kind && e.resource === resource)
  )
    return false;
  for (const s of shapes)
    if ((model.shapes[s]?.instance.runtime ?? []).some(e => e.kind === kind)) return false;
  return true;
}
