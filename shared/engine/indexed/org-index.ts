/**
 * Organizational units numbered in DFS pre-order (following each unit's `parent`), so "unit A lies in the subtree of unit B" is
 * the range test `pre(B) <= pre(A) < end(B)` (performance.md §2.2; domain reference §4.2, §4.4).
 *
 * @example
 * const orgs = createOrgIndex(model);
 * const a = orgs.unitId('Plant', 'LineA'), root = orgs.unitId('Plant', 'Plant');
 * orgs.inSubtree(a!, root!); // true
 */
import type { Model, PrincipalRef } from '../../model/types';
import { own } from '../../model/own';

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
  /** Unit ids in pre-order (organization order, then DFS from each root). */
  unitOrder: number[];
  unit(id: number): UnitInfo;
  unitId(org: string, unit: string): number | undefined;
  orgId(org: string): number | undefined;
  /** Number of organizations (org ids are 0 .. orgCount - 1). */
  orgCount: number;
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
    // The tree follows the `parent` links (as the reference evaluator walks them); `children`
    // is a derived convenience of the model and is not trusted here.
    const children = new Map<string, string[]>();
    const roots: string[] = [];
    for (const [name, u] of Object.entries(org.units)) {
      const parent = u.parent;
      if (parent !== null && parent !== name && own(org.units, parent)) {
        const list = children.get(parent);
        if (list) list.push(name);
        else children.set(parent, [name]);
      } else {
        roots.push(name);
      }
    }
    const visit = (name: string): void => {
      const key = `${org.name}\u0000${name}`;
      const u = own(org.units, name);
      // Numbered once even if reached twice (a parent cycle), so a malformed tree never loops.
      if (!u || byName.has(key)) return;
      const pre = units.length;
      const info: UnitInfo = { org: org.name, orgId, name, pre, end: pre + 1, members: u.members };
      units.push(info);
      byName.set(key, pre);
      for (const child of children.get(name) ?? []) visit(child);
      info.end = units.length;
    };
    roots.forEach(visit);
    // Units on a parent cycle are reached from no root; they still exist.
    for (const name of Object.keys(org.units)) visit(name);
  }

  return {
    unitOrder: units.map(u => u.pre),
    unit: id => units[id] as UnitInfo,
    unitId: (org, unit) => byName.get(`${org}\u0000${unit}`),
    orgId: org => orgIds.get(org),
    orgCount: orgIds.size,
    inSubtree(a, b) {
      const ub = units[b] as UnitInfo;
      return ub.pre <= a && a < ub.end;
    },
  };
}
