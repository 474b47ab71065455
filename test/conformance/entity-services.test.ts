/**
 * EntityServices create and delete (domain reference §5.10, §8.4): besides ServiceInvoke on the
 * service, creating needs design-time Create on the entity's collection and deleting needs
 * design-time Delete on the entity, as the REST calls that do the same need. Run against every
 * decider with the engine's default service handlers.
 */
import { describe, expect, it } from 'vitest';
import { defaultServices } from '../../shared/engine/index';
import { deciders } from './deciders';
import { ask, modelB } from './platform-fixtures';
import type { FileTree } from './platform-fixtures';

const ES = 'POST /Thingworx/Resources/EntityServices/Services';

/** bob may invoke every EntityServices service and sees it (through Staff in Acme). */
const canInvoke = (f: FileTree) => {
  f.resources = {
    EntityServices: {
      permissions: {
        visibility: ['org:Acme'],
        runtime: [{ allow: 'ServiceInvoke', principal: 'group:Operators' }],
      },
    },
  };
};
const thingsDesign = (entries: FileTree[]) => (f: FileTree) => {
  f.collections = { ...(f.collections ?? {}), Things: { designtime: entries } };
};

for (const [deciderName, createDecider] of deciders) {
  describe(`EntityServices (${deciderName} evaluator)`, () => {
    const run = (m: ReturnType<typeof modelB>) => {
      const d = createDecider(m);
      return (as: string, service: string, body: unknown) =>
        ask(m, d, as, `${ES}/${service}`, { body, evaluate: { services: defaultServices } });
    };

    it('§5.10 CreateThingWithOwner with ServiceInvoke allowed but Create denied -> 403', () => {
      const q = run(modelB(canInvoke));
      const d = q('bob', 'CreateThingWithOwner', { name: 'NewThing', owner: 'bob' });
      expect(d.status).toBe(403);
      expect(d.body).toBe('Not authorized for Create on NewThing in Things');
      expect(d.outcome).toBe('denied');
      expect(d.deciding).toMatchObject({ step: 'service', effect: 'error' });
      const steps = d.explanation.filter(s => s.kind === 'service');
      expect(steps[0]?.text).toContain('design-time Create on the collection Things');
      expect(steps.some(s => s.cites.includes('§5.10'))).toBe(true);
    });

    it('§5.10 CreateThing with ServiceInvoke and design-time Create on Things -> 200', () => {
      const q = run(
        modelB(canInvoke, thingsDesign([{ allow: 'Create', principal: 'group:Operators' }])),
      );
      const d = q('bob', 'CreateThing', { name: 'NewThing', thingTemplateName: 'GenericThing' });
      expect(d.status).toBe(200);
      expect(d.outcome).toBe('allowed');
      expect(d.unknowns).toContain('The new Thing is not added to the model.');
    });

    it('§5.10 an explicit Deny of Create on Things -> 403 even with ServiceInvoke', () => {
      const q = run(modelB(canInvoke, thingsDesign([{ deny: 'Create', principal: 'user:bob' }])));
      expect(q('bob', 'CreateThing', { name: 'X' }).status).toBe(403);
    });

    it('§5.10 DeleteThing needs design-time Delete on the Thing', () => {
      const denied = run(modelB(canInvoke));
      const d = denied('bob', 'DeleteThing', { name: 'SensorDataStream' });
      expect(d.status).toBe(403);
      expect(d.body).toBe('Not authorized for Delete on SensorDataStream in Things');
      const allowed = run(
        modelB(canInvoke, thingsDesign([{ allow: 'Delete', principal: 'group:Staff' }])),
      );
      expect(allowed('bob', 'DeleteThing', { name: 'SensorDataStream' }).status).toBe(200);
    });

    it('§5.10 §9.3 Administrators create without a design-time entry', () => {
      const q = run(modelB(canInvoke));
      const d = q('Administrator', 'CreateThingWithOwner', { name: 'NewThing', owner: 'bob' });
      expect(d.status).toBe(200);
    });

    it('§5.10 without ServiceInvoke the platform check refuses first (run-time 403)', () => {
      const q = run(
        modelB(
          f => {
            canInvoke(f);
            (f.resources as FileTree).EntityServices.permissions.runtime = [];
          },
          thingsDesign([{ allow: 'Create', principal: 'group:Operators' }]),
        ),
      );
      expect(q('bob', 'CreateThing', { name: 'X' }).body).toBe(
        'Not authorized for ServiceInvoke on CreateThing in EntityServices',
      );
    });

    it('§10.24 a missing name is the service error (500, outcome unknown)', () => {
      const q = run(modelB(canInvoke));
      const d = q('bob', 'CreateThing', {});
      expect(d.status).toBe(500);
      expect(d.outcome).toBe('unknown');
      expect(d.body).toContain('parameter "name" is required');
    });
  });
}
