// The equipment tree view's data (shared/apps/tree-data.ts): Read/Write/None per node as the view
// services read the stored run-time entries (§7.18), where each value came from (§7.8, §7.14, §7.17),
// previews of Grant/Propagate calls, applying them as edits, and 100,000-node structures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api';
import { effectiveEquipmentPermission } from '../../../shared/apps/effective';
import { currentUserPermissionOnThing } from '../../../shared/apps/services';
import type { TreeRow, TreeView } from '../../../shared/apps/tree-data';
import {
  applyAppsInvocation,
  equipmentContexts,
  equipmentTree,
  previewPropagation,
} from '../../../shared/apps/tree-data';
import { modelToText } from '../../../shared/model/decompile';
import { applyEdit } from '../../../shared/apps/apply-edit';
import { loadModel } from '../../../shared/apps/load';
import type { Model, PrincipalRef } from '../../../shared/model/types';
import { baseModel, context } from './baseline-c';
import { materializeApps } from '../../../shared/apps/materialize';

function demo(): Model {
  const r = loadModel(
    readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
    'smart-factory.yaml',
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.model;
}
const factory = demo();
const user = (name: string): PrincipalRef => ({ type: 'user', name });
const group = (name: string): PrincipalRef => ({ type: 'group', name });

function view(
  m: Model,
  principal: PrincipalRef,
  ctx = 'DefaultContext',
  expanded: string[] | 'all' = 'all',
  more: { collapsed?: string[]; offset?: number; limit?: number } = {},
): TreeView {
  const r = equipmentTree(m, { context: ctx, principal, expanded, ...more });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
function row(v: TreeView, name: string): TreeRow {
  const r = v.rows.find(x => x.name === name);
  if (!r) throw new Error(`no row ${name} in ${v.rows.map(x => x.name).join(',')}`);
  return r;
}

const propagateGroup = (
  g: string,
  permissionType: string,
  contextName: string,
  entityName: string,
) => ({
  contextName,
  entityName,
  permissionType,
  userGroupNames: { rows: [{ UserGroupName: g }] },
});

describe('rows and expansion (pre-order intervals, performance.md §2.2)', () => {
  it('lists contexts with their equipment counts', () => {
    expect(equipmentContexts(factory).map(c => [c.name, c.displayName, c.equipmentCount])).toEqual([
      ['DefaultContext', 'Factory View', 7],
      ['QualityContext', 'Quality', 4],
    ]);
  });

  it('shows only roots when nothing is expanded, and children of expanded nodes', () => {
    expect(view(factory, user('op1'), 'DefaultContext', []).rows.map(r => r.name)).toEqual([
      'BerlinSite',
    ]);
    const v = view(factory, user('op1'), 'DefaultContext', ['BerlinSite']);
    expect(v.rows.map(r => [r.name, r.depth, r.parent, r.hasChildren, r.expanded])).toEqual([
      ['BerlinSite', 0, null, true, true],
      ['PackLine', 1, 'BerlinSite', true, false],
      ['MixLine', 1, 'BerlinSite', true, false],
      ['Chiller', 1, 'BerlinSite', false, false],
    ]);
    expect(v.visibleCount).toBe(4);
    expect(v.total).toBe(7);
  });

  it("'all' with a collapsed node skips exactly its subtree; offset/limit give a window of the visible rows", () => {
    const v = view(factory, user('op1'), 'DefaultContext', 'all', { collapsed: ['PackLine'] });
    expect(v.rows.map(r => r.name)).toEqual([
      'BerlinSite',
      'PackLine',
      'MixLine',
      'Mixer1',
      'Chiller',
    ]);
    const w = view(factory, user('op1'), 'DefaultContext', 'all', { offset: 2, limit: 3 });
    expect(w.rows.map(r => r.name)).toEqual(['Filler1', 'Capper1', 'MixLine']);
    expect([w.visibleCount, w.offset]).toEqual([7, 2]);
  });

  it('a node collapsed inside a collapsed parent stays hidden (only expanded chains are visible)', () => {
    const v = view(factory, user('op1'), 'DefaultContext', ['PackLine']);
    expect(v.rows.map(r => r.name)).toEqual(['BerlinSite']);
  });

  it('unknown context or principal is a clear error, not an empty tree', () => {
    const a = equipmentTree(factory, { context: 'Nope', principal: user('op1'), expanded: 'all' });
    expect(a).toMatchObject({
      ok: false,
      error: {
        code: 'not-found',
        message: expect.stringContaining('DefaultContext, QualityContext'),
      },
    });
    const b = equipmentTree(factory, {
      context: 'DefaultContext',
      principal: user('ghost'),
      expanded: 'all',
    });
    expect(b).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: "No user named 'ghost' in the model." },
    });
  });
});

describe('effective value and provenance (§7.8, §7.18)', () => {
  it('agrees with GetCurrentUserPermissionOnThing and effectiveEquipmentPermission on every node for every non-CE user', () => {
    for (const u of [
      'op1',
      'op2',
      'lead',
      'eng1',
      'eng2',
      'qa1',
      'qa2',
      'visitor',
      'outsider',
      'Administrator',
    ]) {
      for (const ctx of ['DefaultContext', 'QualityContext']) {
        for (const r of view(factory, user(u), ctx).rows) {
          expect([u, r.name, r.permission]).toEqual([
            u,
            r.name,
            currentUserPermissionOnThing(factory, u, r.name),
          ]);
          expect([u, r.name, r.sees]).toEqual([
            u,
            r.name,
            effectiveEquipmentPermission(factory, u, ctx, r.name).sees,
          ]);
        }
      }
    }
  });

  it('Read reached by a propagation from PackLine names the group and the propagation (§7.17, §10.23)', () => {
    const r = row(view(factory, user('op1')), 'Filler1');
    expect(r).toMatchObject({ permission: 'Read', sees: true, provenance: { source: 'group' } });
    expect(r.provenance.deciding[0]).toMatchObject({
      principal: group('Operators'),
      via: ['op1', 'Operators'],
      stored: 'Read',
      origin: { kind: 'propagation', from: 'PackLine', context: 'DefaultContext', index: 1 },
    });
    expect(r.provenance.text).toBe(
      'via group Operators (op1 → Operators), propagated from PackLine in DefaultContext (grant #2)',
    );
  });

  it("None on a group beats a user's Write, and the Write is shown as overruled (§10.20)", () => {
    const r = row(view(factory, user('op2')), 'Capper1');
    expect(r.permission).toBe('None');
    expect(r.provenance.deciding.map(d => d.principal)).toEqual([group('Operators')]);
    expect(r.provenance.overruled.map(d => [d.principal.name, d.stored])).toEqual([
      ['op2', 'Write'],
    ]);
    expect(r.provenance.text).toContain("overrules user op2's Write (§7.8)");
  });

  it('Read on a group forces write = false even though the user was granted Write (§10.21)', () => {
    const r = row(view(factory, user('lead')), 'PackLine');
    expect([r.permission, r.read, r.write]).toEqual(['Read', true, false]);
    expect(r.provenance.deciding.map(d => d.principal.name)).toEqual(['Operators']);
    expect(r.provenance.overruled.map(d => d.principal.name)).toEqual(['lead']);
  });

  it('the latest grant replaces the earlier one and is the one named (§10.19)', () => {
    const r = row(view(factory, user('lead')), 'MixLine');
    expect(r.permission).toBe('Read');
    expect(r.provenance.source).toBe('direct');
    expect(r.provenance.deciding[0]?.origin).toMatchObject({
      kind: 'grant',
      index: 6,
      permissionType: 'Read',
    });
    expect(r.provenance.text).toBe('own Read entry, granted on this node (grant #7)');
  });

  it('Read on equipment without Read on the context: value Read, not seen, and a note says why (§10.17)', () => {
    const v = view(factory, user('visitor'));
    expect(v.onContext).toBe('None');
    expect(row(v, 'Chiller')).toMatchObject({ permission: 'Read', sees: false });
    expect(v.notes.join(' ')).toContain('no Read on context DefaultContext');
  });

  it('administrators see Write everywhere by the administrator rule (§7.3, §7.20)', () => {
    const v = view(factory, user('Administrator'));
    expect(v.rows.every(r => r.permission === 'Write' && r.provenance.source === 'admin')).toBe(
      true,
    );
  });

  it('a group as principal: its own entries are direct; no entry is None with no row (§7.18)', () => {
    const v = view(factory, group('Operators'));
    expect(row(v, 'PackLine')).toMatchObject({
      permission: 'Read',
      provenance: { source: 'direct' },
    });
    expect(row(v, 'Chiller')).toMatchObject({
      permission: 'None',
      provenance: { source: 'none', text: 'no entry for it or its groups (§7.18: None = no row)' },
    });
  });

  it('Controls Engineers: the view follows the scripts and says how PTC help differs (§7.3 vs §7.18)', () => {
    const v = view(factory, user('ctrl'));
    expect(row(v, 'Filler1').permission).toBe('None');
    expect(v.notes.join(' ')).toContain('Controls Engineers');
  });

  it('an entry edited by hand after a grant is not attributed to that grant', () => {
    const e = applyEdit(factory, {
      type: 'add-entry',
      target: { level: 'entity', collection: 'Things', name: 'Filler1' },
      entry: {
        family: 'runtime',
        kind: 'PropertyWrite',
        resource: '*',
        principal: group('Operators'),
        allow: true,
      },
    });
    if (!e.ok) throw new Error(e.error.message);
    const r = row(view(e.model, user('op1')), 'Filler1');
    // Operators now hold PropertyWrite allow + deny on Filler1: still Read, but no longer what grant #2 wrote.
    expect(r.permission).toBe('Read');
    expect(r.provenance.deciding[0]?.origin).toBeUndefined();
  });
});

describe('propagation preview (§7.6, §7.17)', () => {
  it('lists the nodes that change and who gains, leaving unchanged principals and administrators out', () => {
    const p = previewPropagation(
      factory,
      'PropagateUserGroupPermissionsOnEntities',
      propagateGroup('Operators', 'Read', 'DefaultContext', 'MixLine'),
    );
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.written).toEqual(['MixLine', 'Mixer1']);
    expect(p.value.changedNodes).toEqual(['MixLine', 'Mixer1']);
    const by = Object.fromEntries(
      p.value.byPrincipal.map(s => [`${s.principal.type}:${s.principal.name}`, s]),
    );
    expect(by['group:Operators']).toMatchObject({ gains: ['MixLine', 'Mixer1'], loses: [] });
    expect(by['user:op1']).toMatchObject({ gains: ['MixLine', 'Mixer1'], loses: [] });
    // lead already had Read on MixLine (own entry): only Mixer1 changes for lead.
    expect(by['user:lead']).toMatchObject({ gains: ['Mixer1'] });
    expect(Object.keys(by)).not.toContain('user:eng1');
    expect(Object.keys(by)).not.toContain('user:Administrator');
    expect(
      p.value.changes.find(c => c.thing === 'Mixer1' && c.principal.name === 'op1'),
    ).toMatchObject({ before: 'None', after: 'Read' });
  });

  it('a None propagation over the whole context shows losses (empty entityName, §10.22)', () => {
    const p = previewPropagation(
      factory,
      'PropagateUserGroupPermissionsOnEntities',
      propagateGroup('Engineers', 'None', 'DefaultContext', ''),
    );
    if (!p.ok) throw new Error(p.error.message);
    const eng1 = p.value.byPrincipal.find(s => s.principal.name === 'eng1');
    expect(eng1?.loses.sort()).toEqual([
      'BerlinSite',
      'Capper1',
      'Chiller',
      'Filler1',
      'MixLine',
      'Mixer1',
      'PackLine',
    ]);
    // eng2 already had None on Mixer1 (own entry beats nothing here: it stays None).
    expect(p.value.byPrincipal.find(s => s.principal.name === 'eng2')?.loses).not.toContain(
      'Mixer1',
    );
  });

  it('a Grant with a Context row reports the context change', () => {
    const p = previewPropagation(factory, 'GrantUserPermissionsOnEntities', {
      entities: { rows: [{ Name: 'DefaultContext', Type: 'Context' }] },
      permissionType: 'Read',
      userNames: { rows: [{ UserName: 'visitor' }] },
    });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.changes).toEqual([
      {
        thing: 'DefaultContextNetwork',
        context: 'DefaultContext',
        principal: user('visitor'),
        before: 'None',
        after: 'Read',
      },
    ]);
  });

  it("a propagation from an entity outside the context stops and says so; the script's errors come back verbatim (§7.16, §7.17)", () => {
    const p = previewPropagation(
      factory,
      'PropagateUserGroupPermissionsOnEntities',
      propagateGroup('Operators', 'Read', 'DefaultContext', 'QualityLab'),
    );
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.changes).toEqual([]);
    expect(p.value.messages[0]).toContain('propagation stopped');
    const bad = previewPropagation(
      factory,
      'PropagateUserGroupPermissionsOnEntities',
      propagateGroup('Operators', 'read', 'DefaultContext', ''),
    );
    expect(bad).toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining(
          'read is not a valid permission type for equipment or context. Valid permission types are Read, Write and None.',
        ),
      },
    });
    const view = previewPropagation(factory, 'GetPermissionsByContext', {
      contextName: 'DefaultContext',
    });
    expect(view).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('never changes the model it previews on', () => {
    const before = JSON.stringify(factory.things['MixLine']);
    previewPropagation(
      factory,
      'PropagateUserGroupPermissionsOnEntities',
      propagateGroup('Operators', 'Write', 'DefaultContext', ''),
    );
    expect(JSON.stringify(factory.things['MixLine'])).toBe(before);
  });
});

describe('apply (the apps-invoke edit)', () => {
  const params = propagateGroup('Operators', 'Read', 'DefaultContext', 'MixLine');

  it('changes the tree as previewed and records the call in apps.grants, which export and reload replay', () => {
    const r = applyEdit(factory, {
      type: 'apps-invoke',
      service: 'PropagateUserGroupPermissionsOnEntities',
      params,
    });
    if (!r.ok) throw new Error(r.error.message);
    const after = row(view(r.model, user('op1')), 'Mixer1');
    expect(after).toMatchObject({
      permission: 'Read',
      provenance: { deciding: [{ origin: { kind: 'propagation', from: 'MixLine' } }] },
    });
    expect(r.model.apps.grants).toHaveLength(factory.apps.grants.length + 1);
    const reloaded = loadModel(modelToText(r.model, 'yaml'), 'round-trip.yaml');
    if (!reloaded.ok) throw new Error(JSON.stringify(reloaded));
    expect(reloaded.model.things['Mixer1']?.permissions.runtime).toEqual(
      r.model.things['Mixer1']?.permissions.runtime,
    );
  });

  it('refuses a call that leaves messages, and stores nothing', () => {
    const r = applyAppsInvocation(factory, 'GrantUserPermissionsOnEntities', {
      entities: { rows: [{ Name: 'Line9', Type: 'Equipment' }] },
      permissionType: 'Read',
      userNames: { rows: [{ UserName: 'op1' }] },
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'GrantUserPermissionsOnEntities was not applied: Line9 does not exist',
      },
    });
    const e = applyEdit(factory, {
      type: 'apps-invoke',
      service: 'PropagateUserGroupPermissionsOnEntities',
      params: propagateGroup('Nobody', 'Read', 'DefaultContext', ''),
    });
    expect(e).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('Group: Nobody, does not exist') },
    });
  });
});

describe('100,000-node structure (performance.md §2.2, §4)', () => {
  // A random recursive tree: node i's parent is a random earlier node (deterministic LCG).
  function big(n: number): Model {
    const tree: Record<string, { type: string; parent: string | null }> = {
      N0: { type: 'Site', parent: null },
    };
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 1; i < n; i++)
      tree[`N${i}`] = {
        type: i < 100 ? 'Line' : 'Asset',
        parent: i < 100 ? 'N0' : `N${1 + Math.floor(rand() * 99)}`,
      };
    const m = baseModel({ u1: ['Maint'], u2: ['Maint'] });
    m.apps.contexts = { Big: context('Big', 'BigNetwork', tree) };
    const r = materializeApps(m);
    if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
    return r.model;
  }
  const N = 100_000;
  const m0 = big(N);
  const p = propagateGroup('Maint', 'Read', 'Big', '');

  it('previews, applies and windows a whole-context propagation of 100,000 nodes', () => {
    const prev = previewPropagation(m0, 'PropagateUserGroupPermissionsOnEntities', p);
    if (!prev.ok) throw new Error(prev.error.message);
    // Maint, u1 and u2 gain all 100,000 nodes: 300,000 changes, cut at the default cap.
    expect(prev.value.written).toHaveLength(N);
    expect(prev.value.truncated).toBe(true);
    expect(prev.value.changes).toHaveLength(10_000);

    const applied = applyAppsInvocation(m0, 'PropagateUserGroupPermissionsOnEntities', p);
    if (!applied.ok) throw new Error(applied.error.message);
    const v = view(applied.value, user('u1'), 'Big', 'all', { offset: 50_000, limit: 500 });
    expect(v.rows).toHaveLength(500);
    expect(v.visibleCount).toBe(N);
    expect(
      v.rows.every(
        r => r.permission === 'Read' && r.provenance.deciding[0]?.origin?.kind === 'propagation',
      ),
    ).toBe(true);

    // Collapsing the 99 Lines leaves 100 visible rows, counted by jumping over intervals.
    const roots = view(applied.value, user('u1'), 'Big', ['N0']);
    expect(roots.visibleCount).toBe(100);
    expect(row(roots, 'N1').descendants).toBeGreaterThan(0);
    // Its speed is measured in the benchmark (bench/), never asserted here.
  });
});

describe('apps:* contract calls through the real handler map and SQLite project', () => {
  it('validate their arguments, answer windows, preview without saving, apply with undo and redo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permsim-apps-'));
    const api = createHandlers({});
    try {
      expect((await api.dispatch('project:new', { path: join(dir, 'f.permsim') })).ok).toBe(true);
      expect(
        (
          await api.dispatch('project:import-model', {
            text: readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
            fileName: 'smart-factory.yaml',
          })
        ).ok,
      ).toBe(true);

      const contexts = await api.call('apps:contexts', {});
      expect(contexts.ok && contexts.value.map(c => c.name)).toEqual([
        'DefaultContext',
        'QualityContext',
      ]);

      const bad = await api.dispatch('apps:tree', {
        context: 'DefaultContext',
        principal: { type: 'role', name: 'x' },
        expanded: 'some',
        limit: 5000,
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      if (!bad.ok) {
        expect(bad.error.message).toContain(
          'principal.type must be one of user, group (got "role")',
        );
        expect(bad.error.message).toContain('limit');
      }
      const unknown = await api.call('apps:tree', {
        context: 'Nope',
        principal: user('op1'),
        expanded: 'all',
      });
      expect(unknown).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: expect.stringContaining("No context named 'Nope'") },
      });

      const tree = await api.call('apps:tree', {
        context: 'DefaultContext',
        principal: user('op1'),
        expanded: 'all',
        offset: 1,
        limit: 2,
      });
      expect(tree.ok && tree.value.rows.map(r => [r.name, r.permission])).toEqual([
        ['PackLine', 'Read'],
        ['Filler1', 'Read'],
      ]);

      const call = {
        service: 'PropagateUserGroupPermissionsOnEntities',
        params: propagateGroup('Operators', 'Read', 'DefaultContext', 'MixLine'),
      };
      const viewService = await api.dispatch('apps:preview-propagation', {
        service: 'GetPermissionsByContext',
        params: {},
      });
      expect(viewService).toMatchObject({
        ok: false,
        error: {
          code: 'invalid-argument',
          message: expect.stringContaining('service must be one of'),
        },
      });
      const before = await api.call('project:info', {});
      const preview = await api.call('apps:preview-propagation', call);
      expect(preview.ok && preview.value.changedNodes).toEqual(['MixLine', 'Mixer1']);
      const unchanged = await api.call('project:info', {});
      expect(unchanged.ok && before.ok && unchanged.value.revision).toBe(
        before.ok && before.value.revision,
      );

      const applied = await api.call('apps:apply', call);
      expect(applied.ok && applied.value.canUndo).toBe(true);
      const mixer = async () => {
        const r = await api.call('apps:tree', {
          context: 'DefaultContext',
          principal: user('op1'),
          expanded: 'all',
        });
        return r.ok ? r.value.rows.find(x => x.name === 'Mixer1')?.permission : r.error.message;
      };
      expect(await mixer()).toBe('Read');
      await api.call('model:undo', {});
      expect(await mixer()).toBe('None');
      await api.call('model:redo', {});
      expect(await mixer()).toBe('Read');

      const refused = await api.call('apps:apply', {
        service: 'PropagateUserGroupPermissionsOnEntities',
        params: propagateGroup('Operators', 'Read', 'DefaultContext', 'QualityLab'),
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('was not applied') },
      });
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
