// Context-manager grants traced to the platform entries they wrote (§7.14, §7.15, §7.8), on the
// smart-factory demo: Operators got Read on DefaultContext, then Read propagated from PackLine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import { entryProvenance, withGrantProvenance } from '../../../shared/apps/provenance';
import { evaluate } from '../../../shared/engine/index';
import type { Model } from '../../../shared/model/types';

function factory(): Model {
  const r = loadModel(
    readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
    'smart-factory.yaml',
  );
  if (!r.ok) throw new Error(r.errors.map(e => e.message).join('; '));
  return r.model;
}

const ops = { type: 'group' as const, name: 'Operators' };

describe('grant provenance', () => {
  it("names the propagation that wrote an equipment-caused 403's Deny, with its context (§7.15, §7.17)", () => {
    const m = factory();
    const d = withGrantProvenance(
      m,
      evaluate(m, {
        method: 'PUT',
        path: '/Thingworx/Things/Filler1/Properties/setpoint',
        credentials: { type: 'basic', user: 'op1' },
        body: { setpoint: 80 },
      }),
    );
    expect(d.status).toBe(403);
    const step = d.explanation.find(s => s.writtenBy);
    expect(step?.writtenBy?.[0]).toMatchObject({
      entry: 'entity(Filler1) · PropertyWrite · * · Deny · group Operators',
      allow: false,
      call: 'PropagateUserGroupPermissionsOnEntities(Operators, Read) from PackLine in DefaultContext',
      grant: 2,
      context: 'DefaultContext',
    });
    expect(step?.details.join('\n')).toContain(
      'this Deny was written by PropagateUserGroupPermissionsOnEntities(Operators, Read) from PackLine in DefaultContext',
    );
    expect(step?.cites).toContain('§7.14');
  });

  it('names a grant on a context by the context, and gives nothing for entries edited by hand', () => {
    const m = factory();
    const network = m.apps.contexts.DefaultContext!.network;
    expect(
      entryProvenance(m, network, {
        kind: 'PropertyWrite',
        resource: '*',
        principal: ops,
        allow: false,
      }),
    ).toMatchObject({
      call: `GrantUserGroupPermissionsOnEntities(Operators, Read) on context DefaultContext (its Network ${network})`,
      grant: 1,
    });
    // An Allow where the last call wrote a Deny was not written by it.
    expect(
      entryProvenance(m, 'Filler1', {
        kind: 'PropertyWrite',
        resource: '*',
        principal: ops,
        allow: true,
      }),
    ).toBeUndefined();
    // A specific-resource entry is never written by the context manager.
    expect(
      entryProvenance(m, 'Filler1', {
        kind: 'PropertyWrite',
        resource: 'setpoint',
        principal: ops,
        allow: false,
      }),
    ).toBeUndefined();
  });

  it('None: a grant that writes two Denies is named as such (§7.14, §10.20)', () => {
    const m = factory();
    expect(
      entryProvenance(m, 'Capper1', {
        kind: 'PropertyRead',
        resource: '*',
        principal: ops,
        allow: false,
      })?.call,
    ).toBe('GrantUserGroupPermissionsOnEntities(Operators, None) on Capper1');
  });

  it('leaves a decision untouched when the model records no grants', () => {
    const m = { ...factory(), apps: { ...factory().apps, grants: [] } };
    const d = evaluate(m, {
      method: 'GET',
      path: '/Thingworx/Things/Filler1/Properties/temperature',
      credentials: { type: 'basic', user: 'op1' },
    });
    expect(withGrantProvenance(m, d)).toBe(d);
  });
});
