/**
 * §9.2 for the reference evaluator: the user's principal set, computed naively.
 *
 * Canonical form (the indexed evaluator must produce the same):
 * - `groups`: every group the user is in, transitively, sorted by name. Every user is implicitly in
 *   `Users` (§3.5), treated as a direct group listed after the user's own direct groups.
 * - `path`: a shortest chain `[user, g1, ..., group]`; among equally short chains the one found by a
 *   breadth-first search that visits direct groups in the order [sorted direct groups..., 'Users' if not
 *   among them] and each group's `memberOf` parents in sorted order wins (first discovery).
 * - `units`: every (org, unit) that lists the user, or one of the user's groups, as a direct member
 *   (no ancestor or descendant units, §9.2 and the §10 caution), sorted by org then unit name; `via` is
 *   `[user]` for a direct membership, else the path of the member group (the shortest; ties: group name).
 * - `isAdmin`: `Administrators` is among the groups (§3.3).
 *
 * @example
 * referencePrincipals(model, 'bob').groups.map(g => g.name); // ['Operators', 'Staff', 'Users']
 */
import type { Model } from '../../model/types';
import type { PrincipalSet } from '../../model/decision';
import { own as ownEntry } from '../../model/own';

export const USERS_GROUP = 'Users';
export const ADMINISTRATORS_GROUP = 'Administrators';

export function referencePrincipals(model: Model, user: string): PrincipalSet {
  const u = ownEntry(model.users, user);
  const direct = [...new Set(u ? u.groups : [])].sort();
  if (!direct.includes(USERS_GROUP)) direct.push(USERS_GROUP);

  const found = new Map<string, string[]>();
  let frontier: { name: string; path: string[] }[] = direct.map(g => ({
    name: g,
    path: [user, g],
  }));
  while (frontier.length > 0) {
    const next: { name: string; path: string[] }[] = [];
    for (const item of frontier) {
      if (found.has(item.name)) continue;
      found.set(item.name, item.path);
      const parents = [...(ownEntry(model.groups, item.name)?.memberOf ?? [])].sort();
      for (const p of parents) if (!found.has(p)) next.push({ name: p, path: [...item.path, p] });
    }
    frontier = next;
  }
  const groups = [...found.entries()]
    .map(([name, path]) => ({ name, path }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const units: PrincipalSet['units'] = [];
  for (const orgName of Object.keys(model.organizations).sort()) {
    const org = ownEntry(model.organizations, orgName);
    if (!org) continue;
    for (const unitName of Object.keys(org.units).sort()) {
      const unit = ownEntry(org.units, unitName);
      if (!unit) continue;
      let via: string[] | undefined;
      for (const m of unit.members) {
        if (m.type === 'user' && m.name === user) {
          via = [user];
          break;
        }
      }
      if (!via) {
        const candidates = unit.members
          .filter(m => m.type === 'group' && found.has(m.name))
          .map(m => found.get(m.name) as string[])
          .sort(
            (a, b) =>
              a.length - b.length || ((a[a.length - 1] ?? '') < (b[b.length - 1] ?? '') ? -1 : 1),
          );
        via = candidates[0];
      }
      if (via) units.push({ org: orgName, unit: unitName, via });
    }
  }
  return { user, groups, units, isAdmin: found.has(ADMINISTRATORS_GROUP) };
}
