/**
 * Organizational units numbered in DFS pre-order, so "unit A lies in the subtree of unit B" is
 * the range test `pre(B) <= pre(A) < end(B)` (performance.md §2.2; domain reference §4.2, §4.4).
 *
 * @example
 * const orgs = createOrgIndex(model);
 * const a = orgs.unitId('Plant', 'LineA'), root = orgs.unitId('Plant', 'Plant');
 * orgs.inSubtree(a!, root!); // true
 */
import type { Model, PrincipalRef } from '../../model/types';

export type UnitInfo = {
  org: string;
  orgId: number;
  name: string;
  /** Pre-order number = the unit id. */
  pre: number;
  /** One past the last pre-order number of the unit's subtree. */
  end: number;
  members: PrincipalRef[];
};

export type OrgIndex = {
  /** Unit ids in pre-order (organization order, then DFS from each root through `children`). */
  unitOrder: number[];
  unit(id: number): UnitInfo;
  unitId(org: string, unit: string): number | undefined;
  orgId(org: string): number | undefined;
  /** True when unit `a` is `b` or lies below `b`. */
  inSubtree(a: number, b: number): boolean;
};

export function createOrgIndex(model: Model): OrgIndex {
  const units: UnitInfo[] = [];
  const byName = new Map<string, number>();
  const orgIds = new Map<string, number>();

  for (const org of Object.values(model.organizations)) {
    const orgId = orgIds.size;
    orgIds.set(org.name, orgId);
    const visit = (name: string): void => {
      const key = `${org.name}\u0000${name}`;
      const u = org.units[name];
      // A unit reached twice (bad children lists) or missing is numbered once / skipped, so a
      // malformed tree can never loop.
      if (!u || byName.has(key)) return;
      const pre = units.length;
      const info: UnitInfo = { org: org.name, orgId, name, pre, end: pre + 1, members: u.members };
      units.push(info);
      byName.set(key, pre);
      for (const child of u.children) visit(child);
      info.end = units.length;
    };
    visit(org.root);
    // Units not reachable from the root still exist as their own subtrees.
    for (const name of Object.keys(org.units)) visit(name);
  }

  return {
    unitOrder: units.map(u => u.pre),
    unit: id => units[id] as UnitInfo,
    unitId: (org, unit) => byName.get(`${org}\u0000${unit}`),
    orgId: org => orgIds.get(org),
    inSubtree(a, b) {
      const ub = units[b] as UnitInfo;
      return ub.pre <= a && a < ub.end;
    },
  };
}
