/**
 * The per-user walk `equipmentPermissionMap` used before the shared index (equipment-index.ts): every
 * node's entries read with string principal keys (§7.18). Kept as the oracle of the property test.
 */
import type { Model, PrincipalRef } from '../../../shared/model/types';
import { storedPermission } from '../../../shared/apps/entries';
import { isAppsAdmin, principalKeysOf } from '../../../shared/apps/principals';
import { contextIndex } from '../../../shared/apps/structure';
import { own } from '../../../shared/model/own';

const CODE = { None: 0, Read: 1, Write: 2 } as const;

export function oracleEquipmentMap(
  model: Model,
  principal: PrincipalRef,
  context: string,
): { onContext: string; order: string[]; permission: number[]; visible: number[]; admin: boolean } {
  const ctx = own(model.apps.contexts, context);
  if (!ctx) return { onContext: 'None', order: [], permission: [], visible: [], admin: false };
  const ix = contextIndex(ctx);
  const n = ix.order.length;
  const permission = new Array<number>(n).fill(0);
  const visible = new Array<number>(n).fill(0);
  const admin =
    principal.type === 'user'
      ? isAppsAdmin(model, principal.name)
      : principal.name === 'Administrators';
  if (admin)
    return {
      onContext: 'Write',
      order: ix.order,
      permission: permission.fill(2),
      visible: visible.fill(1),
      admin,
    };
  const keys = principalKeysOf(model, principal);
  const onContext = storedPermission(own(model.things, ctx.network), keys).permission;
  for (let i = 0; i < n; i++) {
    const thing = own(model.things, ix.order[i] as string);
    if (!thing || thing.permissions.runtime.length === 0) continue;
    const code = CODE[storedPermission(thing, keys).permission];
    permission[i] = code;
    if (onContext !== 'None' && code > 0) visible[i] = 1;
  }
  return { onContext, order: ix.order, permission, visible, admin };
}
