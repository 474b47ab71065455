/**
 * Principal sets as the context-manager scripts see them (§7.18): a user with all its groups
 * (transitively, [INF] as on the platform §2.11), or a group with the groups it is a member of.
 *
 * @example
 * principalKeysOfUser(model, 'u6'); // Set { 'user:u6', 'group:Maint', 'group:Users' }
 */
import type { Model, PrincipalRef } from '../model/types';
import { CONTROLS_ENGINEER_GROUP } from './names';
import { own } from '../model/own';

const BUILTIN_USERS = new Set(['Administrator', 'System']);
const BUILTIN_GROUPS = new Set([
  'Administrators',
  'Users',
  'ComposerUsers',
  'SecurityAdministrators',
]);

export function principalKey(p: PrincipalRef): string {
  return `${p.type}:${p.name}`;
}

export function principalExists(model: Model, p: PrincipalRef): boolean {
  return p.type === 'user'
    ? own(model.users, p.name) !== undefined || BUILTIN_USERS.has(p.name)
    : own(model.groups, p.name) !== undefined || BUILTIN_GROUPS.has(p.name);
}

/** Groups reachable from `start` over memberOf, with `start` itself; each group with one shortest path. */
function groupClosure(model: Model, start: string[], via: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue: { name: string; path: string[] }[] = start.map(name => ({
    name,
    path: [...via, name],
  }));
  while (queue.length > 0) {
    const { name, path } = queue.shift() as { name: string; path: string[] };
    if (seen.has(name)) continue;
    seen.set(name, path);
    for (const parent of own(model.groups, name)?.memberOf ?? [])
      queue.push({ name: parent, path: [...path, parent] });
  }
  return seen;
}

/** The user's groups (transitive, with the implicit `Users`), each with the membership path. */
export function groupsOfUser(model: Model, user: string): Map<string, string[]> {
  const direct = [...(own(model.users, user)?.groups ?? [])];
  if (user === 'Administrator' && !direct.includes('Administrators')) direct.push('Administrators');
  const closure = groupClosure(model, direct, [user]);
  if (!closure.has('Users')) closure.set('Users', [user, 'Users']);
  return closure;
}

export function principalKeysOfUser(model: Model, user: string): Set<string> {
  const keys = new Set([principalKey({ type: 'user', name: user })]);
  for (const g of groupsOfUser(model, user).keys())
    keys.add(principalKey({ type: 'group', name: g }));
  return keys;
}

export function principalKeysOfGroup(model: Model, group: string): Set<string> {
  const keys = new Set<string>();
  for (const g of groupClosure(model, [group], []).keys())
    keys.add(principalKey({ type: 'group', name: g }));
  return keys;
}

export function principalKeysOf(model: Model, p: PrincipalRef): Set<string> {
  return p.type === 'user'
    ? principalKeysOfUser(model, p.name)
    : principalKeysOfGroup(model, p.name);
}

/** Administrator or any (nested) member of Administrators (§3.3, §7.20). */
export function isAppsAdmin(model: Model, user: string): boolean {
  return user === 'Administrator' || groupsOfUser(model, user).has('Administrators');
}

export function isControlsEngineer(model: Model, user: string): boolean {
  return groupsOfUser(model, user).has(CONTROLS_ENGINEER_GROUP);
}
