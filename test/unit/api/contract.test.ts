/**
 * The contract is its schemas (shared/contract/): every call's answer on the bundled demos parses
 * with the call's result schema, every push event with its payload schema, every kind of model
 * edit is accepted by `dispatch` and applied, a scenario is checked in full before it is stored,
 * and a name registered twice is refused.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, projectSession } from '../../../main/api';
import { openProject } from '../../../main/store';
import { loadModel } from '../../../shared/apps/load';
import type { ApiArgs, ApiName, Events } from '../../../shared/contract';
import { API_NAMES, EVENT_NAMES, mergeOnce } from '../../../shared/contract';
import { CALLS, resultSchema } from '../../../shared/contract/api';
import { eventSchemas } from '../../../shared/contract/events';
import type { ModelEdit } from '../../../shared/model/edits';
import { MODEL_EDIT_TYPES } from '../../../shared/model/edits';
import type { Model } from '../../../shared/model/types';
import { currentModel } from './fixtures/current-model';

const DEMOS = resolve(__dirname, '..', '..', '..', 'assets', 'demos');
const DEMO_FILES = ['sensor-datastream.yaml', 'smart-factory.yaml'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-contract-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demoModel(file: string): Model {
  const r = loadModel(readFileSync(join(DEMOS, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map(e => e.message).join('; '));
  return r.model;
}

let projects = 0;
function projectOf(model: Model, events: { event: keyof Events; payload: unknown }[] = []) {
  const path = join(dir, `p${++projects}.permsim`);
  const store = openProject(path, { create: true, model });
  if (!store.ok) throw new Error(store.error.message);
  const api = createHandlers({
    session: projectSession(store.value),
    emit: (event, payload) => events.push({ event, payload }),
  });
  return { api, path };
}

const first = <T>(xs: T[], what: string): T => {
  const x = xs[0];
  if (x === undefined) throw new Error(`the demo has no ${what}`);
  return x;
};

/** Arguments for every call, from the demo's own names; a call missing here fails the type check. */
function samples(file: string, m: Model, path: string): { [K in ApiName]: ApiArgs<K> } {
  const user = first(
    Object.values(m.users).filter(u => !u.builtin),
    'user',
  ).name;
  const thing = first(
    Object.values(m.things).filter(t => !t.builtin),
    'Thing',
  ).name;
  const context = first(Object.keys(m.apps.contexts), 'context');
  const call = `GET /Thingworx/Things/${thing}/Properties/*`;
  const scenario = {
    name: 'lock the first user',
    changes: [{ type: 'set-user-flags' as const, name: user, locked: true }],
    watch: { users: [user], calls: [call] },
  };
  const request = {
    method: 'GET',
    path: `/Thingworx/Things/${thing}`,
    credentials: { type: 'basic' as const, user },
  };
  const grant = {
    service: 'PropagateUserGroupPermissionsOnEntities',
    params: {
      contextName: context,
      entityName: '',
      permissionType: 'Read',
      userGroupNames: { rows: [{ UserGroupName: 'Users' }] },
    },
  };
  const xml = `<Entities><Users><User name="olga" enabled="true" locked="false"/></Users></Entities>`;
  return {
    'project:info': {},
    'project:open': { path },
    'project:new': { path: join(dir, `new-${++projects}.permsim`) },
    'project:save-as': { path: join(dir, `copy-${++projects}.permsim`) },
    'project:recent': {},
    'project:demos': {},
    'project:complete-path': { prefix: `${dir}/` },
    'project:import-model': {
      // The demo's own text: the calls after it still find the demo's names.
      text: readFileSync(join(DEMOS, file), 'utf8'),
      fileName: file,
    },
    'project:export-model': { format: 'yaml' },
    'project:import': {
      files: [{ path: 'olga.xml', base64: Buffer.from(xml).toString('base64') }],
      onConflict: 'last',
    },
    'project:import-cancel': {},
    'model:outline': {},
    'model:element': { kind: 'thing', name: thing },
    'model:edit': { edit: { type: 'add-user', name: 'contract-user' } },
    'model:undo': {},
    'model:redo': {},
    'model:requests': {},
    'model:principal': { type: 'user', name: user },
    'model:validate': { text: 'permsim: 1\nusers: { alice: {} }\n', fileName: 'x.yaml' },
    'engine:ask': { request },
    'engine:suggest-calls': { text: 'GET /Thingworx/Things/' },
    'engine:effective-table': { user, collection: 'Things', entity: thing },
    'apps:contexts': {},
    'apps:tree': { context, principal: { type: 'user', name: user }, expanded: 'all' },
    'apps:preview-propagation': grant,
    'apps:apply': grant,
    'graph:neighbourhood': { focus: { type: 'user', name: user } },
    'graph:decision-path': { request },
    'graph:paths': { from: { type: 'user', name: user }, to: { type: 'thing', name: thing } },
    'graph:matrix-axes': {},
    'graph:matrix-cells': { users: [user], things: [thing], kinds: ['PropertyRead'] },
    'report:export': { format: 'json' },
    'whatif:save': { scenario },
    'whatif:list': {},
    'whatif:run': { scenario: { id: 1 } },
    'whatif:summary': { scenario },
    'whatif:cells': { scenario, offset: 0 },
    'whatif:cancel': {},
    'whatif:explain': { scenario, caller: { type: 'user', name: user }, call },
    'whatif:replay-counts': { scenario },
    'whatif:suggest-fixes': { caller: { type: 'user', name: user }, call },
    'whatif:export-changes': { scenario, format: 'script' },
    // The stored scenario: applied, then reverted (the model is as before for the calls after it).
    'whatif:apply': { scenario: { id: 1 } },
    'whatif:revert': { id: 1 },
    'whatif:delete': { id: 1 },
    'mock:start': { port: 0 },
    'mock:traffic': {},
    'mock:tests': {},
    'mock:stop': {},
    'model:options': {},
    // The first lesson of the bundled course: a prediction (step 1) and a task (step 4).
    'lesson:list': {},
    'lesson:get': { id: '01-visibility' },
    'lesson:progress': {},
    'lesson:start': { id: '01-visibility' },
    'lesson:goto': { id: '01-visibility', step: 1 },
    'lesson:predict': { id: '01-visibility', step: 1, choice: 404 },
    'lesson:check': { id: '01-visibility', step: 4 },
  };
}

// Calls that switch the open project run last, in this order.
const SWITCHING: ApiName[] = ['project:open', 'project:new', 'project:save-as'];
// Answers that are not an error for a good reason on a given demo (the cell did not change).
const MAY_REFUSE: Partial<Record<ApiName, string[]>> = { 'whatif:explain': ['not-found'] };

describe.each(DEMO_FILES)('every call on the demo %s', file => {
  it('answers a value that parses with its result schema, and pushes events that parse with theirs', async () => {
    const model = demoModel(file);
    const events: { event: keyof Events; payload: unknown }[] = [];
    const { api, path } = projectOf(model, events);
    const args = samples(file, model, path);
    const order = [
      ...API_NAMES.filter(n => !SWITCHING.includes(n)).sort((a, b) =>
        // whatif:delete removes what whatif:save stored: it goes after every use of id 1.
        a === 'whatif:delete' ? 1 : b === 'whatif:delete' ? -1 : 0,
      ),
      ...SWITCHING,
    ];
    expect([...order].sort()).toEqual([...API_NAMES].sort());
    for (const name of order) {
      const r = await api.dispatch(name, args[name]);
      if (!r.ok) {
        expect(MAY_REFUSE[name] ?? [], `${name}: ${r.error.message}`).toContain(r.error.code);
        continue;
      }
      const parsed = resultSchema(name).safeParse(r.value);
      expect(parsed.success, `${name}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
    expect(new Set(events.map(e => e.event))).toEqual(
      new Set(['project:changed', 'import:progress']),
    );
    for (const e of events) expect(eventSchemas[e.event].safeParse(e.payload).success).toBe(true);
    await api.close();
  });
});

describe('the call table', () => {
  it('lists every call and event once, with schemas for both sides', () => {
    expect(Object.keys(CALLS).sort()).toEqual([...API_NAMES].sort());
    expect(Object.keys(eventSchemas).sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of API_NAMES) {
      expect(CALLS[name].args, name).toBeDefined();
      expect(CALLS[name].result, name).toBeDefined();
    }
  });

  it('refuses a name registered twice, for calls and handlers alike', () => {
    expect(() => mergeOnce('handler', [{ 'model:edit': 1 }, { 'model:edit': 2 }])).toThrow(
      "handler 'model:edit' is registered twice",
    );
    expect(mergeOnce('handler', [{ a: 1 }, { b: 2 }])).toEqual({ a: 1, b: 2 });
  });
});

describe('model:edit accepts every kind of edit and applies it', () => {
  const O = { type: 'group', name: 'Operators' } as const;
  const grant = {
    contextName: 'DefaultContext',
    entityName: '',
    permissionType: 'Read',
    userGroupNames: { rows: [{ UserGroupName: 'Viewers' }] },
  };
  const entry = {
    family: 'runtime',
    kind: 'PropertyRead',
    resource: '*',
    principal: { type: 'group', name: 'Viewers' },
    allow: true,
  } as const;
  const gateway = { level: 'entity', collection: 'Things', name: 'LegacyGateway' } as const;
  // One edit of every type on the sensor demo, each with what it changed (domain §1-§3, §7.5).
  const EDITS: {
    [T in ModelEdit['type']]: [Extract<ModelEdit, { type: T }>, (m: Model) => unknown];
  } = {
    'add-user': [
      { type: 'add-user', name: 'erin', groups: ['Viewers'] },
      m => m.users['erin']?.groups,
    ],
    'rename-user': [
      { type: 'rename-user', name: 'dana', to: 'dora' },
      m => Boolean(m.users['dora']),
    ],
    'remove-user': [{ type: 'remove-user', name: 'carol' }, m => Boolean(m.users['carol'])],
    'set-user-flags': [
      { type: 'set-user-flags', name: 'carol', locked: false },
      m => m.users['carol']?.locked,
    ],
    'add-group': [{ type: 'add-group', name: 'Inspectors' }, m => Boolean(m.groups['Inspectors'])],
    'rename-group': [
      { type: 'rename-group', name: 'Viewers', to: 'Watchers' },
      m => Boolean(m.groups['Watchers']),
    ],
    'remove-group': [{ type: 'remove-group', name: 'Viewers' }, m => Boolean(m.groups['Viewers'])],
    'add-membership': [
      { type: 'add-membership', member: { type: 'user', name: 'dana' }, group: 'Operators' },
      m => m.users['dana']?.groups.includes('Operators'),
    ],
    'remove-membership': [
      { type: 'remove-membership', member: { type: 'user', name: 'bob' }, group: 'Operators' },
      m => m.users['bob']?.groups.includes('Operators'),
    ],
    'add-unit': [
      { type: 'add-unit', org: 'Plant', parent: 'LineA', name: 'CellA1' },
      m => Boolean(m.organizations['Plant']?.units['CellA1']),
    ],
    'remove-unit': [
      { type: 'remove-unit', org: 'Plant', name: 'LineB' },
      m => Boolean(m.organizations['Plant']?.units['LineB']),
    ],
    'add-unit-member': [
      { type: 'add-unit-member', org: 'Plant', unit: 'LineB', member: O },
      m => m.organizations['Plant']?.units['LineB']?.members.length,
    ],
    'remove-unit-member': [
      {
        type: 'remove-unit-member',
        org: 'Plant',
        unit: 'LineA',
        member: { type: 'user', name: 'alice' },
      },
      m => m.organizations['Plant']?.units['LineA']?.members.length,
    ],
    'add-organization': [
      { type: 'add-organization', name: 'Lab' },
      m => Boolean(m.organizations['Lab']),
    ],
    'remove-organization': [
      { type: 'remove-organization', name: 'Maintenance' },
      m => Boolean(m.organizations['Maintenance']),
    ],
    'add-thing': [
      { type: 'add-thing', name: 'Sensor2', template: 'SensorTemplate', owner: 'bob' },
      m => m.things['Sensor2']?.owner,
    ],
    'rename-thing': [
      { type: 'rename-thing', name: 'LegacyGateway', to: 'OldGateway' },
      m => Boolean(m.things['OldGateway']),
    ],
    'remove-thing': [
      { type: 'remove-thing', name: 'LegacyGateway' },
      m => Boolean(m.things['LegacyGateway']),
    ],
    'add-template': [
      { type: 'add-template', name: 'PumpTemplate', base: 'GenericThing' },
      m => m.templates['PumpTemplate']?.base,
    ],
    'rename-template': [
      { type: 'rename-template', name: 'GatewayTemplate', to: 'EdgeTemplate' },
      m => m.things['LegacyGateway']?.template,
    ],
    'remove-template': [
      { type: 'remove-template', name: 'GatewayTemplate' },
      m => Boolean(m.templates['GatewayTemplate']),
    ],
    'add-shape': [{ type: 'add-shape', name: 'PumpShape' }, m => Boolean(m.shapes['PumpShape'])],
    'rename-shape': [
      { type: 'rename-shape', name: 'SensorShape', to: 'ProbeShape' },
      m => m.templates['SensorTemplate']?.shapes,
    ],
    'remove-shape': [
      { type: 'remove-shape', name: 'SensorShape' },
      m => Boolean(m.shapes['SensorShape']),
    ],
    'add-characteristic': [
      {
        type: 'add-characteristic',
        collection: 'Things',
        entity: 'LegacyGateway',
        kind: 'service',
        name: 'Reboot',
      },
      m => m.things['LegacyGateway']?.services,
    ],
    'add-entry': [
      { type: 'add-entry', target: gateway, entry },
      m => m.things['LegacyGateway']?.permissions.runtime.length,
    ],
    'remove-entry': [
      {
        type: 'remove-entry',
        target: gateway,
        entry: { ...entry, principal: O },
      },
      m => m.things['LegacyGateway']?.permissions.runtime.length,
    ],
    'add-app-key': [
      { type: 'add-app-key', name: 'bob-key', user: 'bob', ipAllowlist: ['10.0.0.1'] },
      m => m.appKeys['bob-key']?.user,
    ],
    'remove-app-key': [
      { type: 'remove-app-key', name: 'analyst-key' },
      m => Boolean(m.appKeys['analyst-key']),
    ],
    'set-owner': [
      { type: 'set-owner', collection: 'Things', name: 'SensorDataStream', owner: null },
      m => m.things['SensorDataStream']?.owner,
    ],
    'set-semantics': [
      { type: 'set-semantics', semantics: { precedence: 'global-deny' } },
      m => m.semantics.precedence,
    ],
    'set-factory': [
      { type: 'set-factory', factory: { usersInEveryone: true } },
      m => m.factory.usersInEveryone,
    ],
    'apps-invoke': [
      { type: 'apps-invoke', service: 'PropagateUserGroupPermissionsOnEntities', params: grant },
      m => m.apps.grants.length,
    ],
    'add-request': [
      { type: 'add-request', request: { as: 'bob', call: 'GET /Thingworx/Things/LegacyGateway' } },
      m => m.requests.length,
    ],
    'add-requests': [
      {
        type: 'add-requests',
        requests: [
          { as: 'bob', call: 'GET /Thingworx/Things/LegacyGateway', expect: { status: 404 } },
          { noAuth: true, call: 'GET /Thingworx/Things/SensorDataStream', expect: { status: 401 } },
        ],
      },
      m => m.requests.map(r => r.call),
    ],
    'set-request-expects': [
      { type: 'set-request-expects', changes: [{ index: 0, expect: { status: 403 } }] },
      m => m.requests[0]?.expect,
    ],
  };

  it('lists one sample per edit type', () => {
    expect(Object.keys(EDITS).sort()).toEqual([...MODEL_EDIT_TYPES].sort());
    expect(MODEL_EDIT_TYPES).toHaveLength(36);
  });

  it.each(MODEL_EDIT_TYPES)('%s', async type => {
    const [edit, read] = EDITS[type];
    const { api } = projectOf(demoModel('sensor-datastream.yaml'));
    const before = currentModel(api);
    const r = await api.dispatch('model:edit', { edit });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    const after = currentModel(api);
    if (!before.ok || !after.ok) throw new Error('no model');
    expect(read(after.value)).not.toEqual(read(before.value));
    const info = await api.call('project:info', {});
    expect(info.ok && info.value.canUndo).toBe(true);
    await api.close();
  });

  it('refuses an unknown edit type with the list of types, and changes nothing', async () => {
    const { api } = projectOf(demoModel('sensor-datastream.yaml'));
    const r = await api.dispatch('model:edit', { edit: { type: 'set-colour', name: 'x' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-argument');
      expect(r.error.message).toMatch(
        /^model:edit: edit\.type must be one of add-user, .*set-owner/,
      );
    }
    const info = await api.call('project:info', {});
    expect(info.ok && info.value.revision).toBe(0);
    await api.close();
  });
});

describe('whatif:save checks the scenario it stores', () => {
  it('refuses a change that is not a change, names its place, and stores nothing', async () => {
    const { api } = projectOf(demoModel('sensor-datastream.yaml'));
    const r = await api.dispatch('whatif:save', {
      scenario: {
        name: 'broken',
        changes: [
          { type: 'set-user-flags', name: 'carol', locked: false },
          { type: 'add-entry', target: { level: 'entity', collection: 'Things', name: 'X' } },
        ],
      },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('scenario.changes[1].entry is required');
    const list = await api.call('whatif:list', {});
    expect(list.ok && list.value).toEqual([]);
    await api.close();
  });

  it('stores a scenario with what-if-only changes and gives it back as it was', async () => {
    const { api } = projectOf(demoModel('sensor-datastream.yaml'));
    const scenario = {
      name: 'rebase',
      changes: [
        { type: 'set-template-base' as const, template: 'GatewayTemplate', base: 'SensorTemplate' },
        { type: 'set-app-key' as const, name: 'analyst-key', expires: null },
      ],
    };
    const saved = await api.call('whatif:save', { scenario });
    expect(saved.ok && saved.value).toMatchObject(scenario);
    await api.close();
  });
});
