import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/engine/evaluate';
import type { RestRequest } from '../../../shared/model/decision';
import { createIndexedDecider } from '../../../shared/engine/indexed';
import { createReferenceDecider } from '../../../shared/engine/reference';
import { NOT_FOUND_BODY } from '../../../shared/rest/bodies';
import { addGroup, addOrg, addTemplate, addThing, addUser, buildModel, rt } from './build';

const basic = (user: string) => ({ type: 'basic' as const, user });

/** Plant org, group Ops in the root unit, template Tpl with visibility to Plant:Plant and Thing T1. */
function plant() {
  return buildModel(m => {
    addUser(m, 'bob', ['Ops']);
    addOrg(m, 'Plant', {
      Plant: { parent: null, members: ['group:Ops'] },
      LineA: { parent: 'Plant', members: [] },
    });
    const tpl = addTemplate(m, 'Tpl', { properties: ['p', 'q'], services: ['S'] });
    tpl.instance.visibility.push({ type: 'unit', org: 'Plant', unit: 'Plant' });
    addThing(m, 'T1', { template: 'Tpl' });
  });
}

describe('evaluate: the request pipeline (§9)', () => {
  it('never throws on malformed input; answers a bad-call Decision naming what was expected', () => {
    const m = plant();
    const d = createReferenceDecider(m);
    const bad = [
      null,
      { method: 'GET', path: '/Thingworx/Things/T1/Properties/p' },
      { method: 'GET', path: '/Thingworx/Things/T1/Properties/p', credentials: { type: 'basic' } },
      { method: 7, path: '/x', credentials: { type: 'none' } },
      { method: 'GET', path: '/nope', credentials: { type: 'none' } },
    ] as unknown as RestRequest[];
    for (const r of bad) {
      const out = evaluate(m, r, d);
      expect(out.status).toBe(400);
      expect(out.outcome).toBe('unknown');
      expect(out.deciding).toEqual({ step: 'lookup', where: 'bad-call', effect: 'bad-call' });
      expect(out.body.length).toBeGreaterThan(10);
    }
  });

  it('explains a permitted property read in the order of §9, citing sections', () => {
    const m = plant();
    rt(m.templates['Tpl']!.instance, 'allow', 'PropertyRead', 'group:Ops');
    const out = evaluate(
      m,
      { method: 'GET', path: '/Thingworx/Things/T1/Properties/p', credentials: basic('bob') },
      createReferenceDecider(m),
    );
    expect(out.status).toBe(200);
    expect(out.explanation.map(s => s.kind)).toEqual([
      'authentication',
      'principals',
      'lookup',
      'bypass',
      'visibility',
      'runtime',
    ]);
    for (const s of out.explanation) expect(s.cites.length).toBeGreaterThan(0);
    expect(out.explanation[2]?.text).toMatch(/"p" is defined by template Tpl/);
    expect(out.user).toBe('bob');
  });

  it('a Thing invisible to the user and a missing Thing answer the same status and body (§10 Response bodies)', () => {
    const m = plant();
    m.templates['Tpl']!.instance.visibility = [];
    const d = createReferenceDecider(m);
    const a = evaluate(
      m,
      { method: 'GET', path: '/Thingworx/Things/T1/Properties/p', credentials: basic('bob') },
      d,
    );
    const b = evaluate(
      m,
      { method: 'GET', path: '/Thingworx/Things/T2/Properties/p', credentials: basic('bob') },
      d,
    );
    const c = evaluate(
      m,
      { method: 'GET', path: '/Thingworx/Things/T1/Properties/nope', credentials: basic('bob') },
      d,
    );
    for (const x of [a, b, c]) expect([x.status, x.body]).toEqual([404, NOT_FOUND_BODY]);
  });

  it('GET …/Properties: all readable -> 200 allowed; partly readable -> UNKNOWN (§11.10)', () => {
    const m = plant();
    rt(m.templates['Tpl']!.instance, 'allow', 'PropertyRead', 'group:Ops', 'p');
    const d = createReferenceDecider(m);
    const some = evaluate(
      m,
      { method: 'GET', path: '/Thingworx/Things/T1/Properties', credentials: basic('bob') },
      d,
    );
    expect([some.status, some.outcome]).toEqual([200, 'unknown']);
    expect(some.unknowns.join(' ')).toMatch(/q/);
    rt(m.templates['Tpl']!.instance, 'allow', 'PropertyRead', 'group:Ops', 'q');
    const all = evaluate(
      m,
      { method: 'GET', path: '/Thingworx/Things/T1/Properties', credentials: basic('bob') },
      createReferenceDecider(m),
    );
    expect([all.status, all.outcome]).toEqual([200, 'allowed']);
  });

  it('a service of a template entity that the model does not list is reported as not modelled, not as 404', () => {
    const m = plant();
    m.collections.ThingTemplates = {
      runtime: [],
      designtime: [],
      visibility: [{ type: 'org', org: 'Plant' }],
    };
    rt(m.templates['Tpl']!.permissions, 'allow', 'ServiceInvoke', 'group:Ops');
    const out = evaluate(
      m,
      {
        method: 'POST',
        path: '/Thingworx/ThingTemplates/Tpl/Services/GetImplementingThings',
        credentials: basic('bob'),
      },
      createReferenceDecider(m),
    );
    expect(out.outcome).toBe('unknown');
    expect(out.deciding).toMatchObject({ where: 'template:Tpl', effect: 'allow' });
    expect(out.unknowns.join(' ')).toMatch(/does not list the built-in services/);
  });

  it('POST on an existing entity path is a create whose answer is UNKNOWN; PUT on a new name needs Create', () => {
    const m = buildModel(mm => addThing(mm, 'T1'));
    const d = createReferenceDecider(m);
    const dup = evaluate(
      m,
      { method: 'POST', path: '/Thingworx/Things/T1', credentials: basic('Administrator') },
      d,
    );
    expect([dup.status, dup.outcome]).toEqual([200, 'unknown']);
    const create = evaluate(
      m,
      { method: 'PUT', path: '/Thingworx/Things/T9', credentials: basic('Administrator') },
      d,
    );
    expect([create.status, create.outcome, create.deciding.where]).toEqual([
      200,
      'allowed',
      'admin',
    ]);
  });

  it('global-deny: every Deny decides and every Allow lost, in level order (decider ordering contract)', () => {
    const m = plant();
    m.semantics.precedence = 'global-deny';
    rt(m.things['T1']!.permissions, 'allow', 'PropertyRead', 'group:Ops');
    rt(m.templates['Tpl']!.instance, 'deny', 'PropertyRead', 'user:bob', 'p');
    m.collections.Things = { runtime: [], designtime: [], visibility: [] };
    rt(m.collections.Things, 'deny', 'PropertyRead', 'group:Users');
    const v = createReferenceDecider(m).runtime(
      'bob',
      { collection: 'Things', name: 'T1' },
      { kind: 'PropertyRead', resource: 'p' },
    );
    expect(v.allowed).toBe(false);
    expect(v.reason).toBe('global-deny');
    expect(v.decided.map(e => e.at.level)).toEqual(['instance', 'collection']);
    expect(v.lost.map(e => e.at.level)).toEqual(['entity']);
    expect(v.options).toContain('precedence');
  });

  it('visibility directions: upward (default) reaches ancestors only; downward reaches descendants; exact only the unit (§4.4)', () => {
    const m = buildModel(mm => {
      addUser(mm, 'sup');
      addUser(mm, 'anna');
      addOrg(mm, 'Plant', {
        Plant: { parent: null, members: ['user:sup'] },
        LineA: { parent: 'Plant', members: ['user:anna'] },
      });
      addThing(mm, 'OnLine', {
        permissions: {
          runtime: [],
          designtime: [],
          visibility: [{ type: 'unit', org: 'Plant', unit: 'LineA' }],
        },
      });
      addThing(mm, 'OnRoot', {
        permissions: {
          runtime: [],
          designtime: [],
          visibility: [{ type: 'unit', org: 'Plant', unit: 'Plant' }],
        },
      });
    });
    const see = (dir: 'upward' | 'downward' | 'exact', user: string, thing: string) =>
      createReferenceDecider({
        ...m,
        semantics: { ...m.semantics, visibilityDirection: dir },
      }).visibility(user, { collection: 'Things', name: thing }).visible;
    expect([see('upward', 'sup', 'OnLine'), see('upward', 'anna', 'OnRoot')]).toEqual([
      true,
      false,
    ]);
    expect([see('downward', 'sup', 'OnLine'), see('downward', 'anna', 'OnRoot')]).toEqual([
      false,
      true,
    ]);
    expect([
      see('exact', 'sup', 'OnLine'),
      see('exact', 'anna', 'OnLine'),
      see('exact', 'anna', 'OnRoot'),
    ]).toEqual([false, true, false]);
  });

  it('principal set: canonical order, shortest paths, cycle-safe, units via groups (§9.2)', () => {
    const m = buildModel(mm => {
      addGroup(mm, 'A', ['B']);
      addGroup(mm, 'B', ['A', 'C']);
      addGroup(mm, 'C');
      addUser(mm, 'u', ['B', 'A']);
      addOrg(mm, 'O', { O: { parent: null, members: ['group:C'] } });
    });
    const p = createReferenceDecider(m).principals('u');
    expect(p.groups).toEqual([
      { name: 'A', path: ['u', 'A'] },
      { name: 'B', path: ['u', 'B'] },
      { name: 'C', path: ['u', 'B', 'C'] },
      { name: 'Users', path: ['u', 'Users'] },
    ]);
    expect(p.units).toEqual([{ org: 'O', unit: 'O', via: ['u', 'B', 'C'] }]);
    expect(p.isAdmin).toBe(false);
  });

  it('the reference and indexed deciders give identical Decisions through the shared pipeline', () => {
    const m = plant();
    addUser(m, 'eve', ['Ops', 'Night']);
    rt(m.templates['Tpl']!.instance, 'allow', 'PropertyRead', 'group:Ops');
    rt(m.things['T1']!.permissions, 'deny', 'PropertyRead', 'group:Night', 'q');
    rt(m.things['T1']!.permissions, 'allow', 'ServiceInvoke', 'user:eve', 'S');
    const ref = createReferenceDecider(m);
    const idx = createIndexedDecider(m);
    const calls = [
      'GET /Thingworx/Things/T1/Properties/p',
      'GET /Thingworx/Things/T1/Properties/q',
      'POST /Thingworx/Things/T1/Services/S',
      'PUT /Thingworx/Things/T1/Properties/p',
      'GET /Thingworx/Things',
      'GET /Thingworx/Things/T1',
    ];
    for (const user of ['bob', 'eve', 'Administrator']) {
      for (const line of calls) {
        const [method, path] = line.split(' ') as [string, string];
        const req = { method, path, credentials: basic(user) };
        expect(evaluate(m, req, idx), `${user} ${line}`).toEqual(evaluate(m, req, ref));
      }
    }
  });
});

describe('evaluate: honest unknowns', () => {
  it('a permitted call on a disabled Thing is UNKNOWN; a denied one stays 403', () => {
    const m = plant();
    m.things['T1']!.enabled = false;
    rt(m.templates['Tpl']!.instance, 'allow', 'PropertyRead', 'group:Ops');
    const d = createReferenceDecider(m);
    const ok = evaluate(
      m,
      { method: 'GET', path: '/Thingworx/Things/T1/Properties/p', credentials: basic('bob') },
      d,
    );
    expect([ok.status, ok.outcome]).toEqual([200, 'unknown']);
    expect(ok.unknowns.join(' ')).toMatch(/disabled/);
    const no = evaluate(
      m,
      { method: 'PUT', path: '/Thingworx/Things/T1/Properties/p', credentials: basic('bob') },
      d,
    );
    expect([no.status, no.outcome, no.unknowns]).toEqual([403, 'denied', []]);
  });

  it('a key in the URL is refused under rejectAppKeyInUrl even when Basic credentials come along (§3.10)', () => {
    const m = plant();
    m.semantics.rejectAppKeyInUrl = true;
    m.appKeys['k'] = { name: 'k', user: 'bob', ipAllowlist: [] };
    const out = evaluate(
      m,
      {
        method: 'GET',
        path: '/Thingworx/Things/T1/Properties/p?appKey=k',
        credentials: basic('bob'),
      },
      createReferenceDecider(m),
    );
    expect([out.status, out.body]).toEqual([
      401,
      'ApplicationKey Is Not Allowed As A URL Parameter',
    ]);
  });
});
