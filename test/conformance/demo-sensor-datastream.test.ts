/**
 * The bundled demo (assets/demos/sensor-datastream.yaml, the app's first-start project): every saved
 * request's expectation holds under every decider, and the requests the demo promises are there
 * (domain reference §12: the five forum claims).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpectation, savedToRequest } from '../../shared/model/saved-request';
import { evaluate } from '../../shared/engine/evaluate';
import { deciders } from './deciders';
import { loadYaml } from './platform-fixtures';

const file = join(import.meta.dirname, '..', '..', 'assets', 'demos', 'sensor-datastream.yaml');
const text = readFileSync(file, 'utf8');
const model = loadYaml(text, 'sensor-datastream.yaml');

describe('§12 demo sensor-datastream.yaml', () => {
  it('has the saved requests the demo promises', () => {
    const calls = model.requests.map(
      r => `${r.as ?? r.appKey ?? ''} ${r.call} ${r.expect?.status ?? ''}`,
    );
    expect(calls).toContain(
      'alice GET /Thingworx/Things/SensorDataStream/Properties/temperature 200',
    );
    expect(calls).toContain(
      'alice POST /Thingworx/Things/SensorDataStream/Services/GetDataStream 403',
    );
    expect(calls).toContain(
      'carol GET /Thingworx/Things/SensorDataStream/Properties/temperature 401',
    );
    expect(
      calls.some(
        c => c.startsWith('alice GET /Thingworx/Things/LegacyGateway') && c.endsWith('404'),
      ),
    ).toBe(true);
    expect(
      model.requests.some(
        r => r.appKey === 'analyst-key' && r.at !== undefined && r.expect?.status === 401,
      ),
    ).toBe(true);
    for (const claim of [1, 2, 3, 4, 5]) expect(text).toMatch(new RegExp(`Claim ${claim}`));
  });

  for (const [name, create] of deciders) {
    it(`every expectation holds (${name} evaluator)`, () => {
      const decider = create(model);
      const failures: string[] = [];
      for (const saved of model.requests) {
        const req = savedToRequest(saved);
        if (!req.ok) throw new Error(req.error.message);
        const d = evaluate(model, req.value, decider);
        if (!saved.expect) continue;
        const r = checkExpectation(saved.expect, d);
        if (!r.pass)
          failures.push(
            `${saved.as ?? saved.appKey} ${saved.call}: expected ${r.expected}, got ${r.actual}`,
          );
      }
      expect(failures).toEqual([]);
    });
  }

  it("alice's GetDataStream 403 is decided by the Thing-level Deny for DataAnalysts", () => {
    const d = evaluate(
      model,
      {
        method: 'POST',
        path: '/Thingworx/Things/SensorDataStream/Services/GetDataStream',
        credentials: { type: 'basic', user: 'alice' },
      },
      deciders[0]![1](model),
    );
    expect(d.deciding).toEqual({
      step: 'runtime',
      where: 'entity:SensorDataStream',
      resource: 'GetDataStream',
      effect: 'deny',
    });
    const step = d.explanation.find(s => s.kind === 'runtime');
    expect(step?.decided?.[0]).toMatchObject({
      allow: false,
      principal: { type: 'group', name: 'DataAnalysts' },
    });
    expect(step?.lost?.map(e => e.at.level)).toContain('instance');
  });

  it('the diagnostic CheckPermissionForUser says false for alice on GetDataStream', () => {
    const d = evaluate(
      model,
      {
        method: 'POST',
        path: '/Thingworx/Things/SensorDataStream/Services/CheckPermissionForUser',
        credentials: { type: 'basic', user: 'Administrator' },
        body: { name: 'GetDataStream', type: 'ServiceInvoke', user: 'alice' },
      },
      deciders[0]![1](model),
    );
    expect((d.result as { rows: { result: boolean }[] }).rows).toEqual([{ result: false }]);
  });
});
