/**
 * Context-manager calls change the stand-in's model for the session (docs/stand-in-server.md
 * "Context-manager services"): a Grant through `PTC.SCA.SCO.DefaultContextManager` (domain
 * §7.12-7.15) writes run-time entries, so the next calls are answered with them, as ThingWorx
 * would; the log marks the call; the model file is never written.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../shared/apps/load';
import { formatLogLine } from '../../../main/mock/log';
import { startMockServer } from '../../../main/mock/server';

const FACTORY = resolve(__dirname, '..', '..', '..', 'assets', 'demos', 'smart-factory.yaml');
const basic = (user: string) => `Basic ${Buffer.from(`${user}:x`).toString('base64')}`;
const GRANT =
  '/Thingworx/Things/PTC.SCA.SCO.DefaultContextManager/Services/GrantUserPermissionsOnEntities';

describe('context-manager services change the stand-in for the session', () => {
  it('a Grant gives op1 Read on Mixer1: the next read answers 200, the log marks it, the file is unchanged', async () => {
    const text = readFileSync(FACTORY, 'utf8');
    const loaded = loadModel(text, FACTORY);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    // The app's stand-in asks for the project's model on every request; an edit gives a new object.
    let current = loaded.model;
    const s = await startMockServer({ model: () => current, port: 0 });
    if (!s.ok) throw new Error(s.error.message);
    const read = () =>
      fetch(`${s.value.url}/Thingworx/Things/Mixer1/Properties/temperature`, {
        headers: { Authorization: basic('op1') },
      });
    // domain §10.23: Mixer1 is outside the subtree the Operators' Read was propagated to.
    expect((await read()).status).toBe(403);
    const grant = await fetch(`${s.value.url}${GRANT}`, {
      method: 'POST',
      headers: { Authorization: basic('eng1'), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        entities: [{ Name: 'Mixer1', Type: 'Equipment' }],
        permissionType: 'Read',
        userNames: [{ UserName: 'op1' }],
      }),
    });
    expect(grant.status).toBe(200);
    // domain §7.14: Read = PropertyRead allow on the equipment Thing.
    expect((await read()).status).toBe(200);
    // The project edited (a new model object): the session's Grant is replayed on it.
    const edited = loadModel(text, FACTORY);
    if (!edited.ok) throw new Error('reloads');
    current = edited.model;
    const entries = s.value.entries();
    expect(entries.map(e => [e.status, e.sessionChange !== undefined])).toEqual([
      [403, false],
      [200, true],
      [200, false],
    ]);
    expect((await read()).status).toBe(200);
    expect(formatLogLine(entries[1] ?? entries[0]!)).toContain('[MODEL CHANGED FOR THIS SESSION]');
    await s.value.close();
    expect(readFileSync(FACTORY, 'utf8')).toBe(text);

    // A new session starts from the model file again.
    const again = await startMockServer({ model: loaded.model, port: 0 });
    if (!again.ok) throw new Error(again.error.message);
    const r = await fetch(`${again.value.url}/Thingworx/Things/Mixer1/Properties/temperature`, {
      headers: { Authorization: basic('op1') },
    });
    expect(r.status).toBe(403);
    await again.value.close();
  });
});
