/**
 * Platform conformance: every worked example §10.1-10.16 of the domain reference, with all variants
 * and both precedence options where the case names them, run against every decider of ./deciders.
 * Each test asserts status, body and the deciding step. More cases of our own follow at the end.
 */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../shared/model/decision';
import { NOT_FOUND_BODY } from '../../shared/rest/bodies';
import { deciders } from './deciders';
import {
  PUT_TEMP,
  TEMP,
  addRuntime,
  addUser,
  ask,
  denied,
  modelB,
  setSemantics,
  svc,
} from './platform-fixtures';
import type { FileTree } from './platform-fixtures';

const globalDeny = (f: FileTree) => setSemantics(f, { precedence: 'global-deny' });

function expectDecision(
  d: Decision,
  status: number,
  body: string | undefined,
  deciding: Partial<Decision['deciding']>,
) {
  expect({ status: d.status, ...(body !== undefined ? { body: d.body } : {}) }).toEqual({
    status,
    ...(body !== undefined ? { body } : {}),
  });
  expect(d.deciding).toMatchObject(deciding);
}

for (const [deciderName, createDecider] of deciders) {
  describe(`platform conformance (${deciderName} evaluator)`, () => {
    const run = (m: ReturnType<typeof modelB>) => {
      const d = createDecider(m);
      return (as: string | undefined, line: string, o?: Parameters<typeof ask>[4]) =>
        ask(m, d, as, line, o);
    };

    it('§10.1 default deny: no entry anywhere -> 403 for a property GET and a service POST', () => {
      const q = run(modelB());
      const get = q('bob', TEMP);
      expectDecision(get, 403, denied('PropertyRead', 'temperature'), {
        step: 'runtime',
        where: 'default-deny',
        effect: 'deny',
      });
      expect(get.explanation.find(s => s.kind === 'visibility')?.verdict).toBe('pass');
      expect(get.explanation.find(s => s.kind === 'runtime')?.cites).toContain('§1.7');
      expectDecision(
        q('bob', svc('GetDataStream')),
        403,
        denied('ServiceInvoke', 'GetDataStream'),
        { step: 'runtime', where: 'default-deny' },
      );
    });

    it('§10.2 an explicit Deny at the same level beats an Allow from a group', () => {
      const m = modelB(
        f => addUser(f, 'eve', { groups: ['Staff', 'Operators'] }),
        f => addRuntime(f, 'entity:SensorDataStream', 'allow', 'PropertyRead', 'group:Operators'),
        f => addRuntime(f, 'entity:SensorDataStream', 'deny', 'PropertyRead', 'user:bob'),
      );
      const q = run(m);
      const bob = q('bob', TEMP);
      expectDecision(bob, 403, denied('PropertyRead', 'temperature'), {
        step: 'runtime',
        where: 'entity:SensorDataStream',
        resource: '*',
        effect: 'deny',
      });
      const step = bob.explanation.find(s => s.kind === 'runtime');
      expect(step?.decided?.map(e => ('principal' in e ? e.principal.name : ''))).toEqual(['bob']);
      expect(step?.lost?.map(e => e.principal.name)).toEqual(['Operators']);
      expectDecision(q('eve', TEMP), 200, '', {
        step: 'runtime',
        where: 'entity:SensorDataStream',
        effect: 'allow',
      });
    });

    describe('§10.3 entity-level Allow vs template-instance Deny', () => {
      const patches = [
        (f: FileTree) =>
          addRuntime(f, 'instance:SensorTemplate', 'deny', 'PropertyRead', 'group:Operators'),
        (f: FileTree) =>
          addRuntime(f, 'entity:SensorDataStream', 'allow', 'PropertyRead', 'group:Operators'),
      ];
      it('§10.3 default (precedence = level): the entity level decides -> 200, and the explanation names the option', () => {
        const d = run(modelB(...patches))('bob', TEMP);
        expectDecision(d, 200, '', {
          step: 'runtime',
          where: 'entity:SensorDataStream',
          effect: 'allow',
        });
        expect(d.optionsUsed).toContain('precedence');
        expect(d.explanation.find(s => s.kind === 'runtime')?.details.join('\n')).toMatch(
          /Option precedence = level decided/,
        );
      });
      it('§10.3 option precedence = global-deny: the template-instance Deny wins -> 403', () => {
        const d = run(modelB(...patches, globalDeny))('bob', TEMP);
        expectDecision(d, 403, denied('PropertyRead', 'temperature'), {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          effect: 'deny',
        });
        expect(d.optionsUsed).toContain('precedence');
        expect(d.explanation.find(s => s.kind === 'runtime')?.text).toMatch(/global-deny/);
      });
    });

    it('§10.4 grants at different levels add up (the PTC staff example of §2.8)', () => {
      const q = run(
        modelB(
          f =>
            addRuntime(
              f,
              'instance:SensorTemplate',
              'allow',
              'ServiceInvoke',
              'group:Operators',
              'GetDataStream',
            ),
          f =>
            addRuntime(
              f,
              'entity:SensorDataStream',
              'allow',
              'ServiceInvoke',
              'group:Operators',
              'Recalibrate',
            ),
        ),
      );
      expectDecision(q('bob', svc('GetDataStream')), 200, undefined, {
        step: 'runtime',
        where: 'instance:SensorTemplate',
        resource: 'GetDataStream',
        effect: 'allow',
      });
      expectDecision(q('bob', svc('Recalibrate')), 200, undefined, {
        step: 'runtime',
        where: 'entity:SensorDataStream',
        resource: 'Recalibrate',
        effect: 'allow',
      });
      expectDecision(q('bob', svc('Purge')), 403, denied('ServiceInvoke', 'Purge'), {
        step: 'runtime',
        where: 'default-deny',
      });
    });

    describe("§10.5 a template's own permissions do not reach its Things; instance permissions do", () => {
      it('§10.5(a) own Run Time set of the template -> 403', () => {
        const d = run(
          modelB(f =>
            addRuntime(f, 'template:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'),
          ),
        )('bob', TEMP);
        expectDecision(d, 403, denied('PropertyRead', 'temperature'), {
          step: 'runtime',
          where: 'default-deny',
        });
      });
      it('§10.5(b) Run Time Instance set -> 200', () => {
        const d = run(
          modelB(f =>
            addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'),
          ),
        )('bob', TEMP);
        expectDecision(d, 200, '', {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          effect: 'allow',
        });
      });
      it("§10.5(c) visibility moved to the template's own set -> 404", () => {
        const d = run(
          modelB(
            f =>
              addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'),
            f => {
              f.templates.SensorTemplate.instance.visibility = [];
              f.templates.SensorTemplate.permissions = { visibility: ['unit:Acme:Acme'] };
            },
          ),
        )('bob', TEMP);
        expectDecision(d, 404, NOT_FOUND_BODY, {
          step: 'visibility',
          where: 'Things/SensorDataStream',
          effect: 'invisible',
        });
      });
    });

    describe('§10.6 a specific-resource entry beats the `*` entry at the same level', () => {
      const patches = [
        (f: FileTree) =>
          addRuntime(f, 'entity:SensorDataStream', 'deny', 'ServiceInvoke', 'group:Operators'),
        (f: FileTree) =>
          addRuntime(
            f,
            'entity:SensorDataStream',
            'allow',
            'ServiceInvoke',
            'group:Operators',
            'GetDataStream',
          ),
      ];
      it('§10.6 default: GetDataStream 200 by its specific Allow; Recalibrate 403 by the `*` Deny', () => {
        const q = run(modelB(...patches));
        const ok = q('bob', svc('GetDataStream'));
        expectDecision(ok, 200, undefined, {
          step: 'runtime',
          where: 'entity:SensorDataStream',
          resource: 'GetDataStream',
          effect: 'allow',
        });
        expect(ok.explanation.find(s => s.kind === 'runtime')?.details.join('\n')).toMatch(
          /specific `GetDataStream` block of the same level decided first/,
        );
        expectDecision(q('bob', svc('Recalibrate')), 403, denied('ServiceInvoke', 'Recalibrate'), {
          step: 'runtime',
          where: 'entity:SensorDataStream',
          resource: '*',
          effect: 'deny',
        });
      });
      it('§10.6 option global-deny: both 403', () => {
        const q = run(modelB(...patches, globalDeny));
        expectDecision(
          q('bob', svc('GetDataStream')),
          403,
          denied('ServiceInvoke', 'GetDataStream'),
          { step: 'runtime', where: 'entity:SensorDataStream', resource: '*', effect: 'deny' },
        );
        expectDecision(q('bob', svc('Recalibrate')), 403, denied('ServiceInvoke', 'Recalibrate'), {
          step: 'runtime',
          effect: 'deny',
        });
      });
      for (const option of ['level', 'global-deny'] as const) {
        it(`§10.6 variant: the GetDataStream Allow on the template instance loses to the entity \`*\` Deny (precedence = ${option})`, () => {
          const q = run(
            modelB(
              f =>
                addRuntime(
                  f,
                  'entity:SensorDataStream',
                  'deny',
                  'ServiceInvoke',
                  'group:Operators',
                ),
              f =>
                addRuntime(
                  f,
                  'instance:SensorTemplate',
                  'allow',
                  'ServiceInvoke',
                  'group:Operators',
                  'GetDataStream',
                ),
              f => setSemantics(f, { precedence: option }),
            ),
          );
          expectDecision(
            q('bob', svc('GetDataStream')),
            403,
            denied('ServiceInvoke', 'GetDataStream'),
            { step: 'runtime', where: 'entity:SensorDataStream', resource: '*', effect: 'deny' },
          );
        });
      }
    });

    it('§10.7 no visibility -> 404 even with a run-time Allow, identical to a missing Thing; Administrator 200', () => {
      const q = run(
        modelB(
          f => (f.templates.SensorTemplate.instance.visibility = []),
          f => addRuntime(f, 'entity:SensorDataStream', 'allow', 'PropertyRead', 'user:bob'),
        ),
      );
      const invisible = q('bob', TEMP);
      const missing = q('bob', 'GET /Thingworx/Things/NoSuchThing/Properties/temperature');
      expectDecision(invisible, 404, NOT_FOUND_BODY, { step: 'visibility', effect: 'invisible' });
      expectDecision(missing, 404, NOT_FOUND_BODY, {
        step: 'lookup',
        where: 'Things/NoSuchThing',
        effect: 'missing',
      });
      expect({ status: invisible.status, body: invisible.body, result: invisible.result }).toEqual({
        status: missing.status,
        body: missing.body,
        result: missing.result,
      });
      expect(invisible.explanation.some(s => s.kind === 'runtime')).toBe(false);
      expectDecision(q('Administrator', TEMP), 200, '', {
        step: 'bypass',
        where: 'admin',
        effect: 'allow',
      });
    });

    describe('§10.8 visibility granted to a lower unit reaches ancestor units, not siblings', () => {
      const m = modelB(f => {
        f.organizations.Plant = {
          root: 'Plant',
          units: {
            Plant: { members: ['user:sup'], children: ['LineA', 'LineB'] },
            LineA: { members: ['user:anna'] },
            LineB: { members: ['user:ben'] },
          },
        };
        for (const u of ['sup', 'anna', 'ben']) addUser(f, u);
        f.templates.PressTemplate = { properties: ['pressure'] };
        const vis: Record<string, string> = {
          Press1: 'unit:Plant:LineA',
          Press2: 'unit:Plant:Plant',
          Press3: 'org:Plant',
        };
        for (const [thing, v] of Object.entries(vis)) {
          f.things[thing] = {
            template: 'PressTemplate',
            permissions: {
              visibility: [v],
              runtime: [{ allow: 'PropertyRead', principal: 'group:Users' }],
            },
          };
        }
      });
      const table: Record<string, Record<string, number>> = {
        Press1: { sup: 200, anna: 200, ben: 404 },
        Press2: { sup: 200, anna: 404, ben: 404 },
        Press3: { sup: 200, anna: 200, ben: 200 },
      };
      for (const [thing, row] of Object.entries(table)) {
        for (const [user, status] of Object.entries(row)) {
          it(`§10.8 ${thing} as ${user} -> ${status}`, () => {
            const d = run(m)(user, `GET /Thingworx/Things/${thing}/Properties/pressure`);
            expectDecision(
              d,
              status,
              status === 404 ? NOT_FOUND_BODY : '',
              status === 404
                ? { step: 'visibility', effect: 'invisible' }
                : { step: 'runtime', where: `entity:${thing}`, effect: 'allow' },
            );
          });
        }
      }
      it('§10.8 the explanation names the option visibilityDirection when it decided (anna on Press2 under downward would see it)', () => {
        const d = run(m)('anna', 'GET /Thingworx/Things/Press2/Properties/pressure');
        expect(d.optionsUsed).toContain('visibilityDirection');
      });
    });

    describe('§10.9 nested group membership', () => {
      const base = (f: FileTree) => {
        f.groups.G1 = {};
        f.groups.G2 = { memberOf: ['G1'] };
        addUser(f, 'gus', { groups: ['G2', 'Staff'] });
      };
      it('§10.9(a) G2 in G1, instance Allow for G1 -> 200', () => {
        const d = run(
          modelB(base, f =>
            addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:G1'),
          ),
        )('gus', TEMP);
        expectDecision(d, 200, '', {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          effect: 'allow',
        });
        expect(d.explanation.find(s => s.kind === 'principals')?.details).toContain(
          'group G1: gus -> G2 -> G1',
        );
      });
      it('§10.9(b) G2 removed from G1 -> 403', () => {
        const d = run(
          modelB(
            base,
            f => (f.groups.G2 = {}),
            f => addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:G1'),
          ),
        )('gus', TEMP);
        expectDecision(d, 403, denied('PropertyRead', 'temperature'), {
          step: 'runtime',
          where: 'default-deny',
        });
      });
      it('§10.9(c) entity Allow for G2 and Deny for G1 are pooled; Deny wins -> 403', () => {
        const d = run(
          modelB(
            base,
            f => addRuntime(f, 'entity:SensorDataStream', 'allow', 'PropertyRead', 'group:G2'),
            f => addRuntime(f, 'entity:SensorDataStream', 'deny', 'PropertyRead', 'group:G1'),
          ),
        )('gus', TEMP);
        expectDecision(d, 403, denied('PropertyRead', 'temperature'), {
          step: 'runtime',
          where: 'entity:SensorDataStream',
          effect: 'deny',
        });
        expect(d.explanation.find(s => s.kind === 'runtime')?.inferences?.join(' ')).toMatch(
          /pooled/,
        );
      });
    });

    it('§10.10 Administrators bypass, even over an explicit Deny; a missing Thing stays 404', () => {
      const q = run(
        modelB(
          f => addUser(f, 'ada', { groups: ['Administrators'] }),
          f => addRuntime(f, 'entity:SensorDataStream', 'deny', 'PropertyRead', 'user:ada'),
        ),
      );
      const bypass = { step: 'bypass', where: 'admin', effect: 'allow' } as const;
      expectDecision(q('ada', TEMP), 200, '', bypass);
      expectDecision(q('ada', PUT_TEMP), 200, '', bypass);
      expectDecision(q('ada', svc('Purge')), 200, undefined, bypass);
      expectDecision(
        q('ada', 'GET /Thingworx/Things/NoSuchThing/Properties/temperature'),
        404,
        NOT_FOUND_BODY,
        { step: 'lookup', effect: 'missing' },
      );
      expect(q('ada', TEMP).optionsUsed).toContain('adminBypass');
    });

    it('§10.11 owner bypass: the owner is not limited even by an explicit Deny; bob is', () => {
      const q = run(
        modelB(
          f => addUser(f, 'olga'),
          f => (f.things.SensorDataStream.owner = 'olga'),
          f => addRuntime(f, 'entity:SensorDataStream', 'deny', 'PropertyWrite', 'user:olga'),
        ),
      );
      const owner = { step: 'bypass', where: 'owner', effect: 'allow' } as const;
      expectDecision(q('olga', PUT_TEMP), 200, '', owner);
      expectDecision(q('olga', TEMP), 200, '', owner);
      expectDecision(q('olga', svc('Purge')), 200, undefined, owner);
      expectDecision(q('bob', PUT_TEMP), 403, denied('PropertyWrite', 'temperature'), {
        step: 'runtime',
        where: 'default-deny',
      });
    });

    describe('§10.12 application keys', () => {
      const keys = (f: FileTree) => {
        addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators');
        f.appKeys = {
          'k-bob': { user: 'bob', expires: '2027-01-01T00:00:00Z', ipAllowlist: ['10.1.2.3'] },
          'k-old': { user: 'bob', expires: '2026-02-01T00:00:00Z' },
        };
      };
      const at = '2026-03-01T12:00:00Z';
      const q = run(modelB(keys));
      it('§10.12(a) key k-bob from 10.1.2.3 -> 200, runs as bob', () => {
        const d = q(undefined, TEMP, { appKey: 'k-bob', ip: '10.1.2.3', at });
        expectDecision(d, 200, '', {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          effect: 'allow',
        });
        expect(d.user).toBe('bob');
      });
      it("§10.12(b) PUT with k-bob -> 403 (exactly bob's permissions)", () => {
        expectDecision(
          q(undefined, PUT_TEMP, { appKey: 'k-bob', ip: '10.1.2.3', at }),
          403,
          denied('PropertyWrite', 'temperature'),
          { step: 'runtime', where: 'default-deny' },
        );
      });
      it('§10.12(c) from 10.9.9.9 -> 401, ApplicationKeyFailed "not on whitelist"', () => {
        const d = q(undefined, TEMP, { appKey: 'k-bob', ip: '10.9.9.9', at });
        expectDecision(d, 401, 'Unauthorized', {
          step: 'authentication',
          where: 'ApplicationKeyFailed',
          effect: 'not-on-whitelist',
        });
        expect(d.explanation[0]?.text).toMatch(/is not on whitelist/);
      });
      it('§10.12(d) expired key k-old -> 401, "has expired"', () => {
        const d = q(undefined, TEMP, { appKey: 'k-old', ip: '10.9.9.9', at });
        expectDecision(d, 401, 'Unauthorized', {
          step: 'authentication',
          where: 'ApplicationKeyFailed',
          effect: 'expired',
        });
        expect(d.explanation[0]?.text).toMatch(/has expired/);
      });
      it('§10.12(e) unknown key -> 401, "Application Key is invalid"', () => {
        const d = q(undefined, TEMP, { appKey: 'k-nope', ip: '10.1.2.3', at });
        expectDecision(d, 401, 'Unauthorized', {
          step: 'authentication',
          where: 'ApplicationKeyFailed',
          effect: 'invalid',
        });
        expect(d.explanation[0]?.text).toMatch(/Application Key is invalid/);
      });
      it('§10.12(f) key in the URL with rejectAppKeyInUrl -> 401 with the KB text; setting off -> 200', () => {
        const line = `${TEMP}?appKey=k-bob`;
        const rejecting = run(modelB(keys, f => setSemantics(f, { rejectAppKeyInUrl: true })));
        const d = rejecting(undefined, line, { ip: '10.1.2.3', at });
        expectDecision(d, 401, 'ApplicationKey Is Not Allowed As A URL Parameter', {
          step: 'authentication',
          where: 'url-key-rejected',
        });
        expect(d.optionsUsed).toContain('rejectAppKeyInUrl');
        expectDecision(q(undefined, line, { ip: '10.1.2.3', at }), 200, '', {
          step: 'runtime',
          effect: 'allow',
        });
        expectDecision(
          q(undefined, TEMP, { appKey: 'k-bob', via: 'query', ip: '10.1.2.3', at }),
          200,
          '',
          { step: 'runtime', effect: 'allow' },
        );
      });
    });

    describe('§10.13 a disabled or locked user gets 401', () => {
      const q = run(
        modelB(
          f => addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'),
          f => addUser(f, 'carol', { groups: ['Staff', 'Operators'], locked: true }),
          f => addUser(f, 'dave', { groups: ['Staff', 'Operators'], enabled: false }),
          f => (f.users.bob.password = 's3cret'),
        ),
      );
      const cases: [string, string | undefined, string][] = [
        ['carol', undefined, 'invalid-state'],
        ['dave', undefined, 'invalid-state'],
        ['bob', 'wrong', 'wrong-password'],
        ['zed', undefined, 'invalid-name'],
      ];
      for (const [user, password, effect] of cases) {
        it(`§10.13 ${user}${password ? ' with a wrong password' : ''} -> 401 LoginFailed (${effect})`, () => {
          const d = q(user, TEMP, password ? { password } : {});
          expectDecision(d, 401, 'Unauthorized', {
            step: 'authentication',
            where: 'LoginFailed',
            effect,
          });
          expect(d.explanation).toHaveLength(1);
        });
      }
      it('§10.13 reasons: "User name is invalid" for zed, "User is in invalid state" [INF] for carol', () => {
        expect(q('zed', TEMP).explanation[0]?.text).toMatch(/"User name is invalid"/);
        const carol = q('carol', TEMP).explanation[0];
        expect(carol?.text).toMatch(/"User is in invalid state"/);
        expect(carol?.inferences?.join(' ')).toMatch(/\[INF\]/);
      });
      it('§10.13 control: bob with the correct password -> 200', () => {
        expectDecision(q('bob', TEMP, { password: 's3cret' }), 200, '', {
          step: 'runtime',
          effect: 'allow',
        });
      });
    });

    describe('§10.14 a property GET needs PropertyRead, not ServiceInvoke', () => {
      const a = (f: FileTree) =>
        addRuntime(f, 'instance:SensorTemplate', 'allow', 'ServiceInvoke', 'group:Operators');
      it('§10.14(a) ServiceInvoke only: GET 403, POST 200, PUT 403', () => {
        const q = run(modelB(a));
        expectDecision(q('bob', TEMP), 403, denied('PropertyRead', 'temperature'), {
          step: 'runtime',
          where: 'default-deny',
        });
        expectDecision(q('bob', svc('GetDataStream')), 200, undefined, {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          effect: 'allow',
        });
        expectDecision(q('bob', PUT_TEMP), 403, denied('PropertyWrite', 'temperature'), {
          step: 'runtime',
          where: 'default-deny',
        });
      });
      it('§10.14(b) plus PropertyRead: GET 200, POST 200, PUT 403', () => {
        const q = run(
          modelB(a, f =>
            addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'),
          ),
        );
        expectDecision(q('bob', TEMP), 200, '', { step: 'runtime', effect: 'allow' });
        expectDecision(q('bob', svc('GetDataStream')), 200, undefined, {
          step: 'runtime',
          effect: 'allow',
        });
        expectDecision(q('bob', PUT_TEMP), 403, denied('PropertyWrite', 'temperature'), {
          step: 'runtime',
          where: 'default-deny',
        });
      });
    });

    describe('§10.15 a service POST needs ServiceInvoke on that service', () => {
      const a = [
        (f: FileTree) =>
          addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'),
        (f: FileTree) =>
          addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyWrite', 'group:Operators'),
      ];
      it('§10.15(a) property permissions only: both services 403', () => {
        const q = run(modelB(...a));
        expectDecision(
          q('bob', svc('GetDataStream')),
          403,
          denied('ServiceInvoke', 'GetDataStream'),
          { step: 'runtime', where: 'default-deny' },
        );
        expectDecision(q('bob', svc('Recalibrate')), 403, denied('ServiceInvoke', 'Recalibrate'), {
          step: 'runtime',
          where: 'default-deny',
        });
      });
      it('§10.15(b) ServiceInvoke on GetDataStream: 200; Recalibrate 403', () => {
        const q = run(
          modelB(...a, f =>
            addRuntime(
              f,
              'instance:SensorTemplate',
              'allow',
              'ServiceInvoke',
              'group:Operators',
              'GetDataStream',
            ),
          ),
        );
        const ok = q('bob', svc('GetDataStream'));
        expectDecision(ok, 200, undefined, {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          resource: 'GetDataStream',
          effect: 'allow',
        });
        expect(ok.unknowns.join(' ')).toMatch(/script is not modelled/);
        expectDecision(q('bob', svc('Recalibrate')), 403, denied('ServiceInvoke', 'Recalibrate'), {
          step: 'runtime',
          where: 'default-deny',
        });
      });
    });

    describe('§10.16 GetPropertyValues needs ServiceInvoke on GetPropertyValues', () => {
      const a = (f: FileTree) =>
        addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators');
      it('§10.16(a) PropertyRead only: GetPropertyValues 403; control GET temperature 200', () => {
        const q = run(modelB(a));
        expectDecision(
          q('bob', svc('GetPropertyValues')),
          403,
          denied('ServiceInvoke', 'GetPropertyValues'),
          { step: 'runtime', where: 'default-deny' },
        );
        expectDecision(q('bob', TEMP), 200, '', { step: 'runtime', effect: 'allow' });
      });
      it('§10.16(b) plus ServiceInvoke on GetPropertyValues: 200 (per-property checks reported UNKNOWN, §11.10)', () => {
        const d = run(
          modelB(a, f =>
            addRuntime(
              f,
              'instance:SensorTemplate',
              'allow',
              'ServiceInvoke',
              'group:Operators',
              'GetPropertyValues',
            ),
          ),
        )('bob', svc('GetPropertyValues'));
        expectDecision(d, 200, '', {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          resource: 'GetPropertyValues',
          effect: 'allow',
        });
        expect(d.outcome).toBe('unknown');
        expect(d.unknowns.join(' ')).toMatch(/§11\.10/);
      });
      it('§10.16(c) entity `*` Allow for Operators and a GetPropertyValues Deny for Users: GetPropertyValues 403, GetDataStream 200', () => {
        const q = run(
          modelB(
            a,
            f =>
              addRuntime(f, 'entity:SensorDataStream', 'allow', 'ServiceInvoke', 'group:Operators'),
            f =>
              addRuntime(
                f,
                'entity:SensorDataStream',
                'deny',
                'ServiceInvoke',
                'group:Users',
                'GetPropertyValues',
              ),
          ),
        );
        expectDecision(
          q('bob', svc('GetPropertyValues')),
          403,
          denied('ServiceInvoke', 'GetPropertyValues'),
          {
            step: 'runtime',
            where: 'entity:SensorDataStream',
            resource: 'GetPropertyValues',
            effect: 'deny',
          },
        );
        expectDecision(q('bob', svc('GetDataStream')), 200, undefined, {
          step: 'runtime',
          where: 'entity:SensorDataStream',
          resource: '*',
          effect: 'allow',
        });
      });
    });

    describe('more platform cases (beyond §10)', () => {
      const withRead = (f: FileTree) =>
        addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators');

      it('§5.4 a wrong method on a valid path -> 405 Method Not Allowed (after authentication)', () => {
        const q = run(modelB(withRead));
        expectDecision(
          q('bob', 'DELETE /Thingworx/Things/SensorDataStream/Properties/temperature'),
          405,
          'Method Not Allowed',
          { step: 'lookup', where: 'method' },
        );
        expectDecision(
          q('bob', 'GET /Thingworx/Things/SensorDataStream/Services/GetDataStream'),
          405,
          'Method Not Allowed',
          { step: 'lookup', where: 'method' },
        );
        expectDecision(
          q('zed', 'DELETE /Thingworx/Things/SensorDataStream/Properties/temperature'),
          401,
          'Unauthorized',
          { step: 'authentication' },
        );
      });

      it('§9.4 a missing property, service or event on a visible Thing -> 404 with the one 404 body', () => {
        const q = run(modelB(withRead));
        expectDecision(
          q('bob', 'GET /Thingworx/Things/SensorDataStream/Properties/Temperature'),
          404,
          NOT_FOUND_BODY,
          { step: 'lookup', resource: 'Temperature', effect: 'missing' },
        );
        expectDecision(q('bob', svc('NoSuchService')), 404, NOT_FOUND_BODY, {
          step: 'lookup',
          effect: 'missing',
        });
        expectDecision(
          q('bob', 'POST /Thingworx/Things/SensorDataStream/Events/NoSuchEvent'),
          404,
          NOT_FOUND_BODY,
          { step: 'lookup', effect: 'missing' },
        );
      });

      it('§4.10 GET /Thingworx/Things lists only the Things the user can see; Administrator sees all', () => {
        const m = modelB(
          f => (f.things.Hidden = { template: 'SensorTemplate', permissions: {} }),
          f => (f.templates.Other = {}),
          f => (f.things.Hidden.template = 'Other'),
        );
        const q = run(m);
        const bob = q('bob', 'GET /Thingworx/Things');
        expectDecision(bob, 200, undefined, {
          step: 'visibility',
          where: 'collection:Things',
          effect: 'list',
        });
        expect((bob.result as { rows: { name: string }[] }).rows.map(r => r.name)).toEqual([
          'SensorDataStream',
        ]);
        const admin = q('Administrator', 'GET /Thingworx/Things');
        expect((admin.result as { rows: { name: string }[] }).rows.map(r => r.name)).toEqual(
          expect.arrayContaining(['SensorDataStream', 'Hidden']),
        );
      });

      it('§5.10 GET entity needs design-time Read; PUT a new name needs Create on the collection', () => {
        const q = run(modelB());
        expectDecision(
          q('bob', 'GET /Thingworx/Things/SensorDataStream'),
          403,
          'Not authorized for Read on SensorDataStream in Things',
          { step: 'designtime', where: 'default-deny' },
        );
        expectDecision(
          q('bob', 'PUT /Thingworx/Things/NewThing'),
          403,
          'Not authorized for Create on NewThing in Things',
          { step: 'designtime', where: 'default-deny' },
        );
        const granted = run(
          modelB(f => {
            f.collections = {
              Things: { designtime: [{ allow: ['Read', 'Create'], principal: 'group:Operators' }] },
            };
          }),
        );
        expectDecision(granted('bob', 'GET /Thingworx/Things/SensorDataStream'), 200, '', {
          step: 'designtime',
          where: 'collection:Things',
          effect: 'allow',
        });
        expectDecision(granted('bob', 'PUT /Thingworx/Things/NewThing'), 200, '', {
          step: 'designtime',
          where: 'collection:Things',
          effect: 'allow',
        });
      });

      it('§11.1 option denialStatus = 401 turns a run-time denial into 401 with the same body', () => {
        const d = run(modelB(f => setSemantics(f, { denialStatus: 401 })))('bob', TEMP);
        expectDecision(d, 401, denied('PropertyRead', 'temperature'), {
          step: 'runtime',
          where: 'default-deny',
        });
        expect(d.optionsUsed).toContain('denialStatus');
      });

      it("§11.3 option baseTemplateInstance: a base template's instance Allow reaches Things of a derived template only when on", () => {
        const patches = [
          (f: FileTree) => (f.templates.DerivedTemplate = { base: 'SensorTemplate' }),
          (f: FileTree) => (f.things.SensorDataStream.template = 'DerivedTemplate'),
          (f: FileTree) =>
            addRuntime(f, 'instance:SensorTemplate', 'allow', 'PropertyRead', 'group:Operators'),
        ];
        const on = run(modelB(...patches))('bob', TEMP);
        expectDecision(on, 200, '', {
          step: 'runtime',
          where: 'instance:SensorTemplate',
          effect: 'allow',
        });
        expect(on.optionsUsed).toContain('baseTemplateInstance');
        const off = run(modelB(...patches, f => setSemantics(f, { baseTemplateInstance: false })))(
          'bob',
          TEMP,
        );
        // Visibility also comes from SensorTemplate's Visibility Instance set, so the Thing disappears.
        expectDecision(off, 404, NOT_FOUND_BODY, { step: 'visibility', effect: 'invisible' });
      });

      it("§2.5 option shapeInstance: a shape's instance run-time Allow applies after the templates, or not at all", () => {
        const patches = [
          (f: FileTree) =>
            (f.shapes = {
              SensorShape: {
                properties: ['pressure'],
                instance: { runtime: [{ allow: 'PropertyRead', principal: 'group:Operators' }] },
              },
            }),
          (f: FileTree) => (f.templates.SensorTemplate.shapes = ['SensorShape']),
        ];
        const on = run(modelB(...patches))(
          'bob',
          'GET /Thingworx/Things/SensorDataStream/Properties/pressure',
        );
        expectDecision(on, 200, '', {
          step: 'runtime',
          where: 'shape:SensorShape',
          effect: 'allow',
        });
        const off = run(modelB(...patches, f => setSemantics(f, { shapeInstance: 'ignore' })))(
          'bob',
          'GET /Thingworx/Things/SensorDataStream/Properties/pressure',
        );
        expectDecision(off, 403, denied('PropertyRead', 'pressure'), {
          step: 'runtime',
          where: 'default-deny',
        });
      });

      it('§9.1 no credentials at all -> 401', () => {
        expectDecision(run(modelB())(undefined, TEMP, { noAuth: true }), 401, 'Unauthorized', {
          step: 'authentication',
          where: 'no-credentials',
        });
      });

      it('§8.1 diagnostics: CheckPermissionForUser and GetPermissionsForUser answer for another user after the platform check', () => {
        const q = run(modelB(withRead));
        const d = q('Administrator', svc('CheckPermissionForUser'), {
          body: { name: 'temperature', type: 'PropertyRead', user: 'bob' },
        });
        expectDecision(d, 200, undefined, { step: 'bypass', where: 'admin' });
        expect(d.result).toEqual({
          dataShape: { fieldDefinitions: { result: { name: 'result', baseType: 'BOOLEAN' } } },
          rows: [{ result: true }],
        });
        const w = q('Administrator', svc('CheckPermissionForUser'), {
          body: { name: 'temperature', type: 'PropertyWrite', user: 'bob' },
        });
        expect((w.result as { rows: { result: boolean }[] }).rows[0]?.result).toBe(false);
        const g = q('Administrator', svc('GetPermissionsForUser'), {
          body: { name: 'temperature', user: 'bob', permissionName: 'PropertyRead' },
        });
        expect((g.result as { rows: unknown[] }).rows).toEqual([
          { name: 'temperature', isPermitted: true },
        ]);
        const grp = q('Administrator', svc('CheckPermissionForGroup'), {
          body: { name: 'temperature', type: 'PropertyRead', group: 'Staff' },
        });
        expect((grp.result as { rows: { result: boolean }[] }).rows[0]?.result).toBe(false);
      });

      it('§8.1 diagnostics: bad parameters give a clear error naming the parameter', () => {
        const d = run(modelB())('Administrator', svc('CheckPermissionForUser'), {
          body: { name: 'temperature', type: 'Read', user: 'bob' },
        });
        expect(d.status).toBe(500);
        expect(d.outcome).toBe('unknown');
        expect(d.body).toMatch(/parameter "type" = "Read" is not a run-time permission type/);
        const u = run(modelB())('Administrator', svc('CheckPermissionForUser'), {
          body: { name: 'temperature', type: 'PropertyRead', user: 'nobody' },
        });
        expect(u.body).toMatch(/user "nobody" does not exist/);
      });

      it('§8.2-8.3 diagnostics: CurrentSessionInfo and SecurityServices for the calling user', () => {
        const m = modelB(withRead, f => {
          f.collections = {
            Resources: {
              visibility: ['unit:Acme:Acme'],
              runtime: [{ allow: 'ServiceInvoke', principal: 'group:Staff' }],
            },
          };
        });
        const q = run(m);
        const me = q('bob', 'POST /Thingworx/Resources/CurrentSessionInfo/Services/GetCurrentUser');
        expect(me.status).toBe(200);
        expect((me.result as { rows: unknown[] }).rows).toEqual([{ result: 'bob' }]);
        const groups = q(
          'bob',
          'POST /Thingworx/Resources/CurrentSessionInfo/Services/GetCurrentUserGroups',
        );
        expect((groups.result as { rows: { name: string }[] }).rows.map(r => r.name)).toEqual(
          expect.arrayContaining(['Operators', 'Staff', 'Users']),
        );
        const vis = q(
          'bob',
          'POST /Thingworx/Resources/SecurityServices/Services/EvaluateVisibilityPermission',
          { body: { name: 'SensorDataStream', type: 'Thing' } },
        );
        expect((vis.result as { rows: { result: boolean }[] }).rows[0]?.result).toBe(true);
        const rt = q(
          'bob',
          'POST /Thingworx/Resources/SecurityServices/Services/EvaluateRuntimePermission',
          {
            body: {
              resource: 'temperature',
              name: 'SensorDataStream',
              permission: 'PropertyWrite',
              type: 'Thing',
            },
          },
        );
        expect((rt.result as { rows: { result: boolean }[] }).rows[0]?.result).toBe(false);
      });
    });
  });
}
