/**
 * Pre-order index of one context's equipment structure (performance.md §2.2): node i's subtree is the
 * interval [i, i + size[i]). Built once per context object and cached (models are immutable).
 *
 * @example
 * const ix = contextIndex(ctx);
 * ix.subtree('Line1'); // ['Line1', 'Press1']
 */
import type { EquipmentContext } from '../model/types';
import { own } from '../model/own';

export type ContextIndex = {
  /** Equipment names in pre-order (roots in file order, children in file order). */
  order: string[];
  position: Map<string, number>;
  size: Int32Array;
  depth: Int32Array;
  parent: Int32Array;
  /** The node and every node below it, in pre-order (= the breadth-first set of §7.17, ordered differently). */
  subtree(name: string): string[];
  /** Breadth-first order from a node over CONTAINS, as the Propagate script walks it (§7.17). */
  bfs(name: string | null): string[];
};

const cache = new WeakMap<EquipmentContext, ContextIndex>();

export function contextIndex(ctx: EquipmentContext): ContextIndex {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const order: string[] = [];
  const position = new Map<string, number>();
  const n = Object.keys(ctx.equipment).length;
  const size = new Int32Array(n);
  const depth = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  // Explicit stack: equipment trees can be 100k nodes deep in generated models.
  const stack: { name: string; d: number; p: number }[] = [];
  for (let i = ctx.roots.length - 1; i >= 0; i--)
    stack.push({ name: ctx.roots[i] as string, d: 0, p: -1 });
  while (stack.length > 0) {
    const { name, d, p } = stack.pop() as { name: string; d: number; p: number };
    if (position.has(name) || !own(ctx.equipment, name)) continue;
    const at = order.length;
    position.set(name, at);
    order.push(name);
    depth[at] = d;
    parent[at] = p;
    const children = own(ctx.equipment, name)?.children ?? [];
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ name: children[i] as string, d: d + 1, p: at });
  }
  for (let i = order.length - 1; i >= 0; i--) {
    size[i] = (size[i] ?? 0) + 1;
    const p = parent[i] as number;
    if (p >= 0) size[p] = (size[p] ?? 0) + (size[i] as number);
  }
  const index: ContextIndex = {
    order,
    position,
    size,
    depth,
    parent,
    subtree(name) {
      const at = position.get(name);
      return at === undefined ? [] : order.slice(at, at + (size[at] as number));
    },
    bfs(name) {
      const queue = name === null ? [...ctx.roots] : [name];
      const out: string[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < queue.length; i++) {
        const cur = queue[i] as string;
        if (seen.has(cur) || !own(ctx.equipment, cur)) continue;
        seen.add(cur);
        out.push(cur);
        queue.push(...(own(ctx.equipment, cur)?.children ?? []));
      }
      return out;
    },
  };
  cache.set(ctx, index);
  return index;
}
