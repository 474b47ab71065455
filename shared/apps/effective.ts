/**
 * Effective Read/Write/None of a user on a context or an equipment (§7.3, §7.8, §7.18), with explanation
 * steps in the style of the platform engine (shared/model/decision.ts `Step`).
 *
 * @example
 * const e = effectiveEquipmentPermission(model, 'u3', 'DefaultContext', 'Press1');
 * e.permission; // 'Read'
 * e.sees;       // true: Read on the context AND on the equipment (§7.3)
 */
import type { ElementRef, LocatedRuntimeEntry, Step } from '../model/decision';
import type { Model, PrincipalRef, RuntimeEntry } from '../model/types';
import type { StoredPermission } from './entries';
import { storedPermission } from './entries';
import type { AppsPermission } from './names';
import { CONTROLS_ENGINEER_GROUP } from './names';
import { groupsOfUser, isAppsAdmin, isControlsEngineer, principalKeysOfUser } from './principals';
import { classOfPrincipal, denseCodes, equipmentIndex } from './equipment-index';
import { own } from '../model/own';

export type EffectivePermission = {
  /** The effective value on the entity (on the context when `entity` is the context or its Network). */
  permission: AppsPermission;
  read: boolean;
  write: boolean;
  /** Effective value on the context (its Network Thing). */
  onContext: AppsPermission;
  /** Read on the context AND on the equipment (§7.3). */
  sees: boolean;
  /** Write on the equipment, and it is visible (§7.3). */
  edits: boolean;
  /** 'admin' | 'controls-engineer' | 'entries' */
  decidedBy: 'admin' | 'controls-engineer' | 'entries';
  steps: Step[];
};

function located(thing: string, entries: RuntimeEntry[]): LocatedRuntimeEntry[] {
  return entries.map(e => ({ ...e, at: { level: 'entity', entity: thing, collection: 'Things' } }));
}

function describe(e: RuntimeEntry): string {
  return `${e.kind} on * ${e.allow ? 'allow' : 'deny'} for ${e.principal.type} ${e.principal.name}`;
}

function storedStep(what: string, thing: string, s: StoredPermission, refs: ElementRef[]): Step {
  return {
    kind: 'runtime',
    verdict: s.permission === 'None' ? 'fail' : 'pass',
    text: `${what}: ${s.permission} (read=${s.read}, write=${s.write}), read back from the run-time entries of Thing ${thing}`,
    details: [...s.entries.map(describe), s.rule],
    refs: [...refs, { type: 'thing', name: thing }],
    decided: located(thing, s.entries),
    cites: ['§7.14', '§7.18', '§7.8'],
  };
}

/**
 * Effective permission of `user` on `entity` in `context`. Administrators (and, per PTC's help, the
 * Controls Engineer group, see names.ts) get Write; otherwise the stored entries decide (§7.18), which
 * implements "latest grant per principal wins", "None on a group beats the user's Read/Write" and
 * "Read on a group forces write=false" as deny-wins inside the entity level (§7.15).
 */
export function effectiveEquipmentPermission(
  model: Model,
  user: string,
  context: string,
  entity: string,
): EffectivePermission {
  const ctx = own(model.apps.contexts, context);
  const steps: Step[] = [];
  const ctxRef: ElementRef = { type: 'context', name: context };
  if (!ctx) {
    steps.push({
      kind: 'lookup',
      verdict: 'fail',
      text: `Context ${context} does not exist`,
      details: [],
      refs: [ctxRef],
      cites: ['§7.1'],
    });
    return {
      permission: 'None',
      read: false,
      write: false,
      onContext: 'None',
      sees: false,
      edits: false,
      decidedBy: 'entries',
      steps,
    };
  }
  const isContext = entity === context || entity === ctx.network;
  if (!isContext && !own(ctx.equipment, entity)) {
    steps.push({
      kind: 'lookup',
      verdict: 'fail',
      text: `${entity} is not equipment of context ${context}`,
      details: [],
      refs: [ctxRef],
      cites: ['§7.1'],
    });
    return {
      permission: 'None',
      read: false,
      write: false,
      onContext: 'None',
      sees: false,
      edits: false,
      decidedBy: 'entries',
      steps,
    };
  }
  const groups = groupsOfUser(model, user);
  steps.push({
    kind: 'principals',
    verdict: 'info',
    text: `${user} and its groups: ${[...groups.keys()].join(', ')}`,
    details: [...groups.values()].map(p => p.join(' -> ')),
    refs: [
      { type: 'user', name: user },
      ...[...groups.keys()].map(g => ({ type: 'group' as const, name: g })),
    ],
    cites: ['§7.8', '§7.18'],
    inferences: ['group membership is transitive, as on the platform (§7.18 [INF])'],
  });
  const admin = isAppsAdmin(model, user);
  const ce = !admin && isControlsEngineer(model, user);
  if (admin || ce) {
    steps.push({
      kind: 'bypass',
      verdict: 'pass',
      text: admin
        ? `${user} is an administrator: can always view and edit all contexts and equipment (Write)`
        : `${user} is in ${CONTROLS_ENGINEER_GROUP}: per PTC's help Controls Engineers can always view and edit all contexts and equipment (Write)`,
      details: admin
        ? [
            'GetCurrentUserPermissionOnThing also answers Write for the Administrator user and members of Administrators (§7.20)',
          ]
        : [
            "PTC's help and the shipped scripts differ here: the scripts (§7.18, §7.20) have no Controls Engineer rule, so GetCurrentUserPermissionOnThing, the view services and the platform REST answers still follow the stored entries; only this view applies the help's rule",
          ],
      refs: [
        { type: 'user', name: user },
        ...(ce ? [{ type: 'group' as const, name: CONTROLS_ENGINEER_GROUP }] : []),
      ],
      cites: admin ? ['§7.3', '§7.20'] : ['§7.3'],
      inferences: ce
        ? [`the Controls Engineer role is membership of group ${CONTROLS_ENGINEER_GROUP} [INF]`]
        : undefined,
    });
    return {
      permission: 'Write',
      read: true,
      write: true,
      onContext: 'Write',
      sees: true,
      edits: true,
      decidedBy: admin ? 'admin' : 'controls-engineer',
      steps,
    };
  }
  const keys = principalKeysOfUser(model, user);
  const onCtx = storedPermission(own(model.things, ctx.network), keys);
  steps.push(
    storedStep(`Context ${context} (Network ${ctx.network})`, ctx.network, onCtx, [ctxRef]),
  );
  if (isContext) {
    return {
      permission: onCtx.permission,
      read: onCtx.read,
      write: onCtx.write,
      onContext: onCtx.permission,
      sees: onCtx.read,
      edits: onCtx.write,
      decidedBy: 'entries',
      steps,
    };
  }
  const onEq = storedPermission(own(model.things, entity), keys);
  steps.push(storedStep(`Equipment ${entity}`, entity, onEq, [ctxRef]));
  const sees = onCtx.read && onEq.read;
  const edits = sees && onEq.write;
  steps.push({
    kind: 'service',
    verdict: sees ? 'pass' : 'fail',
    text: sees
      ? `${user} sees ${entity}${edits ? ' and can edit it (Write on the equipment)' : ' but cannot edit it (no Write on the equipment)'}`
      : `${user} does not see ${entity}: seeing equipment needs Read on the context (${onCtx.permission}) AND on the equipment (${onEq.permission})`,
    details: ['Write includes Read (§7.3); Read on parents is not required for a child (§10.17)'],
    refs: [ctxRef, { type: 'thing', name: entity }],
    cites: ['§7.3', '§10.17'],
  });
  return {
    permission: onEq.permission,
    read: onEq.read,
    write: onEq.write,
    onContext: onCtx.permission,
    sees,
    edits,
    decidedBy: 'entries',
    steps,
  };
}

/** Codes of `EquipmentPermissionMap.permission`. */
export const PERMISSION_CODE = { None: 0, Read: 1, Write: 2 } as const;

export type EquipmentPermissionMap = {
  context: string;
  principal: PrincipalRef;
  onContext: AppsPermission;
  /** Equipment in pre-order; node i's subtree is [i, i + size[i]). */
  order: string[];
  position: Map<string, number>;
  size: Int32Array;
  depth: Int32Array;
  /** Effective value on each equipment (0 None, 1 Read, 2 Write). */
  permission: Uint8Array;
  /** 1 when the principal sees the equipment (Read on the context and on it). */
  visible: Uint8Array;
  /** 'admin' when the user is an administrator (everything Write). */
  decidedBy: 'admin' | 'entries';
};

/**
 * Effective permission of a principal on every equipment of a context. For users, Administrators get
 * Write everywhere (the Controls Engineer help rule is not applied here: this map follows the scripts,
 * like the REST answers). Read from the context's shared index (equipment-index.ts): the principal's
 * class answer is computed once and shared by every principal with the same relevant principals.
 *
 * @example
 * const m = equipmentPermissionMap(model, { type: 'group', name: 'Maint' }, 'DefaultContext');
 * m.permission[m.position.get('Line1')!]; // 1 = Read
 */
export function equipmentPermissionMap(
  model: Model,
  principal: PrincipalRef,
  context: string,
): EquipmentPermissionMap {
  const ix = equipmentIndex(model, context);
  if (!ix) {
    return {
      context,
      principal,
      onContext: 'None',
      order: [],
      position: new Map(),
      size: new Int32Array(0),
      depth: new Int32Array(0),
      permission: new Uint8Array(0),
      visible: new Uint8Array(0),
      decidedBy: 'entries',
    };
  }
  const s = ix.structure;
  const n = s.order.length;
  const cls = classOfPrincipal(model, ix, principal);
  const permission = denseCodes(cls, n);
  const visible = new Uint8Array(n);
  if (cls.admin) visible.fill(1);
  else if (cls.onContext > 0)
    for (let j = 0; j < cls.nodes.length; j++) visible[cls.nodes[j] as number] = 1;
  return {
    context,
    principal,
    onContext: PERMISSION_NAMES[cls.onContext] ?? 'None',
    order: s.order,
    position: s.position,
    size: s.size,
    depth: s.depth,
    permission,
    visible,
    decidedBy: cls.admin ? 'admin' : 'entries',
  };
}

const PERMISSION_NAMES: readonly AppsPermission[] = ['None', 'Read', 'Write'];
