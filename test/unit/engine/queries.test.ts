import { describe, expect, it } from 'vitest';
import { evaluate, getDecider } from '../../../shared/engine/index';
import {
  characteristicsOf,
  effectiveTable,
  whatCalls,
  whoCan,
} from '../../../shared/engine/queries';
import { emptyPermissionSet } from '../../../shared/model/types';
import type { Model } from '../../../shared/model/types';
import { baselineB, rt } from '../../property/model-builder';

const SDS = { collection: 'Things', name: 'SensorDataStream' };
const TEMPERATURE = '/Thingworx/Things/SensorDataStream/Properties/temperature';

/** Baseline B (§10) plus §10.2's users and entries: Operators may read, bob is denied. */
function model(): Model {
  const m = baselineB();
  m.users.eve = { name: 'eve', enabled: true, locked: false, groups: ['Staff', 'Operators'] };
  m.users.carol = { name: 'carol', enabled: true, locked: true, groups: ['Staff', 'Operators'] };
  m.users.nobody = { name: 'nobody', enabled: true, locked: false, groups: [] };
  m.things.SensorDataStream!.permissions.runtime.push(
    rt('PropertyRead', '*', 'group', 'Operators', true),
    rt('PropertyRead', '*', 'user', 'bob', false),
  );
  return m;
}

describe('engine entry (shared/engine/index.ts)', () => {
  it('builds the indexed decider once per model object', () => {
    const m = model();
    expect(getDecider(m)).toBe(getDecider(m));
    expect(getDecider(model())).not.toBe(getDecider(m));
  });

  it('answers a REST call with status, body and explanation (§10.2)', () => {
    const d = evaluate(model(), {
      method: 'GET',
      path: TEMPERATURE,
      credentials: { type: 'basic', user: 'bob' },
    });
    expect(d.status).toBe(403);
    expect(d.body).toBe('Not authorized for PropertyRead on temperature in SensorDataStream');
    expect(d.deciding).toMatchObject({
      step: 'runtime',
      where: 'entity:SensorDataStream',
      effect: 'deny',
    });
  });
});

describe('whoCan', () => {
  it('answers for every user, in name order, with the deciding sentence (§10.2, §9.1, §9.3, §9.5)', () => {
    const rows = whoCan(model(), { method: 'GET', path: TEMPERATURE });
    expect(rows.map(r => [r.user, r.status])).toEqual([
      ['Administrator', 200],
      ['bob', 403],
      ['carol', 401],
      ['eve', 200],
      ['nobody', 404],
    ]);
    const bob = rows.find(r => r.user === 'bob')!;
    expect(bob.outcome).toBe('denied');
    expect(bob.deciding).toContain('denied');
    expect(bob.deciding).toContain('user bob');
    expect(rows.find(r => r.user === 'nobody')!.deciding).toContain('not visible');
  });
});

describe('effectiveTable', () => {
  it('lists `*` and every characteristic incl. template chain and shapes, with each applicable kind', () => {
    const m = model();
    m.shapes.Calibrated = {
      name: 'Calibrated',
      properties: ['offset'],
      services: [],
      events: ['Drift'],
      permissions: emptyPermissionSet(),
      instance: { runtime: [] },
    };
    m.templates.SensorTemplate!.shapes = ['Calibrated'];
    expect(characteristicsOf(m, SDS)).toEqual({
      properties: ['temperature', 'humidity', 'offset'],
      services: ['GetDataStream', 'Recalibrate', 'Purge'],
      events: ['Drift'],
    });
    const rows = effectiveTable(m, 'eve', SDS);
    expect(
      rows.filter(r => r.characteristic === '*' && r.characteristicKind === '*').map(r => r.kind),
    ).toEqual([
      'Visibility',
      'PropertyRead',
      'PropertyWrite',
      'ServiceInvoke',
      'EventInvoke',
      'EventSubscribe',
      'Create',
      'Read',
      'Update',
      'Delete',
    ]);
    expect(rows.filter(r => r.characteristic === 'offset').map(r => r.kind)).toEqual([
      'PropertyRead',
      'PropertyWrite',
    ]);
    expect(rows.filter(r => r.characteristic === 'Drift').map(r => r.kind)).toEqual([
      'EventInvoke',
      'EventSubscribe',
    ]);
    const read = rows.find(r => r.characteristic === 'temperature' && r.kind === 'PropertyRead')!;
    expect(read).toMatchObject({ allowed: true, status: 200 });
    expect(read.decidedBy).toContain('group Operators');
    const write = rows.find(r => r.characteristic === 'temperature' && r.kind === 'PropertyWrite')!;
    expect(write).toMatchObject({ allowed: false, status: 403 });
    expect(write.decidedBy).toContain('denied by default');
  });

  it('agrees with the REST answer for every property read and write (§5.10)', () => {
    const m = model();
    for (const user of ['bob', 'eve', 'carol', 'nobody', 'Administrator']) {
      for (const row of effectiveTable(m, user, SDS).filter(
        r => r.characteristicKind === 'property',
      )) {
        const method = row.kind === 'PropertyRead' ? 'GET' : 'PUT';
        const d = evaluate(m, {
          method,
          path: `/Thingworx/Things/SensorDataStream/Properties/${row.characteristic}`,
          credentials: { type: 'basic', user },
          ...(method === 'PUT' ? { body: { [row.characteristic]: 1 } } : {}),
        });
        expect({ user, row: `${row.kind} ${row.characteristic}`, status: row.status }).toEqual({
          user,
          row: `${row.kind} ${row.characteristic}`,
          status: d.status,
        });
      }
    }
  });

  it('says why before any check: 401 for a locked user, 404 for an invisible Thing, bypass for the owner', () => {
    const m = model();
    m.things.SensorDataStream!.owner = 'nobody';
    expect(
      effectiveTable(m, 'carol', SDS).every(
        r => r.status === 401 && r.decidedBy.includes('LoginFailed'),
      ),
    ).toBe(true);
    expect(
      effectiveTable(m, 'nobody', SDS).every(r => r.status === 200 && r.decidedBy.includes('owns')),
    ).toBe(true);
    m.things.SensorDataStream!.owner = 'Administrator';
    expect(effectiveTable(m, 'nobody', SDS).every(r => r.status === 404)).toBe(true);
    expect(effectiveTable(m, 'bob', { collection: 'Things', name: 'NoSuchThing' })).toEqual([]);
  });

  it('sorts rows into Composer sections and tells the four states apart, naming the deciding entry (§8.6, §1.7, §1.8, §9.3)', () => {
    const m = model();
    const bob = effectiveTable(m, 'bob', SDS);
    expect([...new Set(bob.map(r => r.section))]).toEqual(['visibility', 'runtime', 'designtime']);
    expect(bob.filter(r => r.section === 'visibility').map(r => r.kind)).toEqual(['Visibility']);
    expect(bob.filter(r => r.section === 'designtime').map(r => r.kind)).toEqual([
      'Create',
      'Read',
      'Update',
      'Delete',
    ]);
    const cell = (rows: typeof bob, c: string, kind: string) =>
      rows.find(r => r.characteristic === c && r.kind === kind)!;
    // §10.2: bob's own Deny beats Operators' Allow at the same level: an explicit Deny.
    expect(cell(bob, 'temperature', 'PropertyRead')).toMatchObject({
      state: 'denied',
      deciding: 'entity(SensorDataStream) · PropertyRead · * · Deny · user bob',
    });
    // Nothing grants PropertyWrite: not granted, which is not the same as a Deny (§1.7).
    expect(cell(bob, 'temperature', 'PropertyWrite')).toMatchObject({
      state: 'not-granted',
      deciding: 'no entry grants it: denied by default',
    });
    const eve = effectiveTable(m, 'eve', SDS);
    expect(cell(eve, 'temperature', 'PropertyRead')).toMatchObject({
      state: 'allowed',
      deciding: 'entity(SensorDataStream) · PropertyRead · * · Allow · group Operators',
    });
    expect(cell(eve, '*', 'Visibility').state).toBe('allowed');
    // Administrators skip every check: bypass, on every row (§9.3).
    expect(effectiveTable(m, 'Administrator', SDS).every(r => r.state === 'bypass')).toBe(true);
    expect(effectiveTable(m, 'nobody', SDS).every(r => r.state === 'not-granted')).toBe(true);
  });
});

describe('whatCalls', () => {
  it('runs every call on the entity through the pipeline (§10.2, §10.14)', () => {
    const calls = whatCalls(model(), 'eve', SDS);
    expect(calls.map(c => c.call)).toEqual([
      'GET /Thingworx/Things/SensorDataStream',
      `GET ${TEMPERATURE}`,
      `PUT ${TEMPERATURE}`,
      'GET /Thingworx/Things/SensorDataStream/Properties/humidity',
      'PUT /Thingworx/Things/SensorDataStream/Properties/humidity',
      'POST /Thingworx/Things/SensorDataStream/Services/GetDataStream',
      'POST /Thingworx/Things/SensorDataStream/Services/Recalibrate',
      'POST /Thingworx/Things/SensorDataStream/Services/Purge',
    ]);
    expect(calls.filter(c => c.status === 200).map(c => c.call)).toEqual([
      `GET ${TEMPERATURE}`,
      'GET /Thingworx/Things/SensorDataStream/Properties/humidity',
    ]);
    expect(calls.find(c => c.call === `PUT ${TEMPERATURE}`)).toMatchObject({
      status: 403,
      outcome: 'denied',
    });
  });
});
