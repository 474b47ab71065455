import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import type { Model } from '../../../shared/model/types';
import { COLLECTION_NAMES } from '../../../shared/model/types';
import { BUILTIN_GROUPS, GENERIC_THING_SERVICES } from '../../../shared/model/builtins';

function load(text: string): Model {
  const r = loadModel(text, 'm.yaml');
  if (!r.ok) throw new Error(r.errors.map(e => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.model;
}

describe('built-ins exist without being declared (model-format.md, §3.2-3.6, §4.7, §8.1-8.3)', () => {
  const m = load('permsim: 1\nusers: { alice: {} }\n');

  it('user Administrator in Administrators; every user in Users (§3.2, §3.5)', () => {
    expect(m.users['Administrator']).toEqual({
      name: 'Administrator',
      enabled: true,
      locked: false,
      groups: ['Administrators', 'Users'],
      builtin: true,
    });
    expect(m.users['alice']?.groups).toEqual(['Users']);
  });

  it('the DefaultGroups of §3.4, with Users inside ComposerUsers (§3.6)', () => {
    expect(Object.keys(m.groups).sort()).toEqual([...BUILTIN_GROUPS].sort());
    expect(Object.values(m.groups).every(g => g.builtin)).toBe(true);
    expect(m.groups['Users']?.memberOf).toEqual(['ComposerUsers']);
  });

  it('organizations Everyone (Users), Composer (ComposerUsers), Development (Developers)', () => {
    const member = (org: string) => m.organizations[org]?.units[org]?.members;
    expect(member('Everyone')).toEqual([{ type: 'group', name: 'Users' }]);
    expect(member('Composer')).toEqual([{ type: 'group', name: 'ComposerUsers' }]);
    expect(member('Development')).toEqual([{ type: 'group', name: 'Developers' }]);
  });

  it('GenericThing with the generic services of §8.1', () => {
    expect(m.templates['GenericThing']?.base).toBeNull();
    expect(m.templates['GenericThing']?.services).toEqual([...GENERIC_THING_SERVICES]);
    expect(m.templates['GenericThing']?.services).toContain('CheckPermissionForUser');
  });

  it('CurrentSessionInfo: ServiceInvoke for ComposerUsers, visible to Composer (§3.6, §8.3); SecurityServices (§8.2)', () => {
    const csi = m.others['Resources/CurrentSessionInfo'];
    expect(csi?.services).toContain('GetCurrentUserGroups');
    expect(csi?.permissions.runtime).toEqual([
      {
        kind: 'ServiceInvoke',
        resource: '*',
        principal: { type: 'group', name: 'ComposerUsers' },
        allow: true,
      },
    ]);
    expect(csi?.permissions.visibility).toEqual([{ type: 'org', org: 'Composer' }]);
    expect(m.others['Resources/SecurityServices']?.services).toEqual([
      'EvaluateRuntimePermission',
      'EvaluateDesignTimePermission',
      'EvaluateVisibilityPermission',
    ]);
    expect(m.others['Resources/EntityServices']?.builtin).toBe(true);
  });

  it('factory default: Everyone sees every collection', () => {
    for (const c of COLLECTION_NAMES)
      expect(m.collections[c]?.visibility).toEqual([{ type: 'org', org: 'Everyone' }]);
  });

  it('the hardened setting removes Users from Everyone and the collection visibility', () => {
    const h = load(
      'permsim: 1\nfactory: { usersInEveryone: false, everyoneSeesCollections: false }\n',
    );
    expect(h.organizations['Everyone']?.units['Everyone']?.members).toEqual([]);
    expect(h.collections).toEqual({});
  });

  it('a file extends built-ins instead of duplicating them', () => {
    const x = load(`permsim: 1
users:
  Administrator: { password: secret, groups: [Ops] }
groups:
  Ops: {}
  Users: { memberOf: [Ops] }
organizations:
  Everyone:
    root: Everyone
    units:
      Everyone: { members: [group:Ops, group:Users] }
templates:
  GenericThing: { services: [Restart] }
resources:
  CurrentSessionInfo:
    permissions:
      visibility: [org:Everyone]
collections:
  Things:
    visibility: [org:Everyone]
`);
    expect(x.users['Administrator']).toMatchObject({
      groups: ['Administrators', 'Ops', 'Users'],
      password: 'secret',
      builtin: true,
    });
    expect(x.groups['Users']).toEqual({
      name: 'Users',
      memberOf: ['ComposerUsers', 'Ops'],
      builtin: true,
    });
    expect(x.organizations['Everyone']?.units['Everyone']?.members).toEqual([
      { type: 'group', name: 'Users' },
      { type: 'group', name: 'Ops' },
    ]);
    expect(x.templates['GenericThing']?.services.at(-1)).toBe('Restart');
    expect(x.others['Resources/CurrentSessionInfo']?.permissions.visibility).toEqual([
      { type: 'org', org: 'Composer' },
      { type: 'org', org: 'Everyone' },
    ]);
    expect(x.collections.Things?.visibility).toEqual([{ type: 'org', org: 'Everyone' }]);
  });

  it('a built-in organization keeps its root unit', () => {
    const r = loadModel('permsim: 1\norganizations:\n  Everyone: { root: All }\n', 'm.yaml');
    expect(r.ok ? [] : r.errors.map(e => `${e.line}:${e.column} ${e.message}`)).toEqual([
      "3:21 the built-in organization 'Everyone' has the root unit 'Everyone'",
    ]);
  });
});
