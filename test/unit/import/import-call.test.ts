// `project:import` through the handler map (what the app and `permsim import --into` use), and the
// CLI command: one undoable edit, the open project unchanged after a failed import, exit codes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api';
import type { CliIo } from '../../../main/cli/io';
import { main } from '../../../main/cli/index';
import { loadModel } from '../../../shared/apps/load';
import { currentModel } from '../api/fixtures/current-model';

const ROOT = resolve(__dirname, '..', '..', 'fixtures', 'import');
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { out: t => void (out += t), err: t => void (err += t), errIsTTY: false },
    out: () => out,
    err: () => err,
  };
}

async function newProject(events: unknown[] = []) {
  const api = createHandlers({ emit: (e, p) => events.push([e, p]) });
  const r = await api.call('project:new', { path: join(dir, 'p.permsim') });
  expect(r.ok).toBe(true);
  return api;
}

describe('project:import', () => {
  it('merges a folder into the open project as one undoable edit, with progress events', async () => {
    const events: unknown[] = [];
    const api = await newProject(events);
    const r = await api.call('project:import', {
      paths: [join(ROOT, 'source-control')],
      onConflict: 'fail',
    });
    expect(r.ok && r.value.imported).toBe(true);
    if (!r.ok) return;
    expect(r.value.report.entities['Things']).toBe(2);
    expect(r.value.info?.canUndo).toBe(true);
    expect(events).toContainEqual(['import:progress', { done: 8, total: 8 }]);
    const m = currentModel(api);
    expect(m.ok && Object.keys(m.value.things)).toEqual(expect.arrayContaining(['Pump1', 'Pump2']));
    await api.call('model:undo', {});
    const after = currentModel(api);
    expect(after.ok && after.value.things['Pump1']).toBeUndefined();
    await api.close();
  });

  it('takes uploaded files (base64) too', async () => {
    const api = await newProject();
    const bytes = readFileSync(join(ROOT, 'full-export', 'Entities.xml'));
    const r = await api.call('project:import', {
      files: [{ path: 'drop/Entities.xml', base64: bytes.toString('base64') }],
      onConflict: 'fail',
    });
    expect(r.ok && r.value.imported).toBe(true);
    expect(r.ok && r.value.report.warnings.every(w => w.file === 'drop/Entities.xml')).toBe(true);
    await api.close();
  });

  it('leaves the open project unchanged after a refused or conflicting import', async () => {
    const api = await newProject();
    const before = await api.call('project:info', {});
    const refused = await api.call('project:import', {
      files: [
        {
          path: 'ok.xml',
          base64: Buffer.from('<Entities><Things><Thing name="A"/></Things></Entities>').toString(
            'base64',
          ),
        },
        { path: 'cut.xml', base64: Buffer.from('<Entities><Things>').toString('base64') },
      ],
      onConflict: 'last',
    });
    expect(refused.ok && refused.value.imported).toBe(false);
    expect(refused.ok && refused.value.report.refusals[0]?.file).toBe('cut.xml');
    const conflicting = await api.call('project:import', {
      paths: [join(ROOT, 'conflicts')],
      onConflict: 'fail',
    });
    expect(conflicting.ok && conflicting.value.report.conflicts).toHaveLength(1);
    const after = await api.call('project:info', {});
    expect(after.ok && before.ok && after.value.revision).toBe(
      before.ok ? before.value.revision : -1,
    );
    const m = currentModel(api);
    expect(m.ok && m.value.things['A']).toBeUndefined();
    await api.close();
  });

  it('reports a conflict with the open project and lets the import win when told so', async () => {
    const api = await newProject();
    const one = Buffer.from(
      '<Entities><Things><Thing name="T" enabled="true"/></Things></Entities>',
    ).toString('base64');
    const two = Buffer.from(
      '<Entities><Things><Thing name="T" enabled="false"/></Things></Entities>',
    ).toString('base64');
    await api.call('project:import', {
      files: [{ path: 'one.xml', base64: one }],
      onConflict: 'fail',
    });
    const clash = await api.call('project:import', {
      files: [{ path: 'two.xml', base64: two }],
      onConflict: 'fail',
    });
    expect(clash.ok && clash.value.report.conflicts[0]).toMatchObject({
      entity: 'things/T',
      places: ['the open project', 'the imported files'],
    });
    const last = await api.call('project:import', {
      files: [{ path: 'two.xml', base64: two }],
      onConflict: 'last',
    });
    expect(last.ok && last.value.imported).toBe(true);
    const m = currentModel(api);
    expect(m.ok && m.value.things['T']?.enabled).toBe(false);
    await api.close();
  });

  it('a file that unlocks a locked user unlocks them in the project, with --on-conflict=last (§6.5)', async () => {
    // Found by the entity XML round-trip property: a flag the file states at its default
    // (locked="false") was dropped, so the merge kept the project's locked user.
    const api = await newProject();
    const user = (locked: boolean) =>
      Buffer.from(
        `<Entities><Users><User name="olga" enabled="true" locked="${locked}"/></Users></Entities>`,
      ).toString('base64');
    await api.call('project:import', {
      files: [{ path: 'locked.xml', base64: user(true) }],
      onConflict: 'fail',
    });
    let m = currentModel(api);
    expect(m.ok && m.value.users['olga']?.locked).toBe(true);
    const r = await api.call('project:import', {
      files: [{ path: 'unlocked.xml', base64: user(false) }],
      onConflict: 'last',
    });
    expect(r.ok && r.value.imported).toBe(true);
    m = currentModel(api);
    expect(m.ok && m.value.users['olga']?.locked).toBe(false);
    await api.close();
  });

  it('validates its arguments', async () => {
    const api = await newProject();
    const r = await api.dispatch('project:import', { onConflict: 'sometimes' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/onConflict/);
    await api.close();
  });
});

describe('permsim import', () => {
  it('writes a model file that loads back, exit 0', async () => {
    const c = capture();
    const out = join(dir, 'm.yaml');
    const code = await main(['import', join(ROOT, 'source-control'), '-o', out], c.io);
    expect(code).toBe(0);
    expect(c.out()).toMatch(/Read 8 files/);
    expect(c.out()).toMatch(/PumpTemplate\.xml:4: template 'RemoteThing' is referenced here/);
    const loaded = loadModel(readFileSync(out, 'utf8'), out);
    expect(
      loaded.ok &&
        Object.values(loaded.model.things)
          .filter(t => !t.builtin)
          .map(t => t.name)
          .sort(),
    ).toEqual(['Pump1', 'Pump2']);
  });

  it('exit 1 on conflicts in fail mode (the default), 0 with --on-conflict=last', async () => {
    const c = capture();
    expect(await main(['import', join(ROOT, 'conflicts')], c.io)).toBe(1);
    expect(c.out()).toMatch(/--on-conflict=last/);
    expect(
      await main(['import', join(ROOT, 'conflicts'), '--on-conflict=last', '--json'], capture().io),
    ).toBe(0);
  });

  it('exit 2 for unreadable or refused input', async () => {
    const twx = join(dir, 'x.twx');
    writeFileSync(twx, Buffer.from('LZ4Block\u0000\u0001'));
    const c = capture();
    expect(await main(['import', twx], c.io)).toBe(2);
    expect(c.out()).toMatch(/binary ThingWorx export/);
    expect(await main(['import', join(dir, 'missing')], c.io)).toBe(2);
    expect(c.err()).toMatch(/no such file or folder/);
  });

  it('--into merges into a project through the handler map', async () => {
    const api = await newProject();
    await api.close();
    const c = capture();
    const code = await main(
      [
        'import',
        join(ROOT, 'full-export', 'Entities.xml'),
        '--into',
        join(dir, 'p.permsim'),
        '--json',
      ],
      c.io,
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(c.out()) as {
      imported: boolean;
      report: { entities: Record<string, number> };
    };
    expect(parsed.imported).toBe(true);
    expect(parsed.report.entities['Things']).toBe(2);
    const again = createHandlers({});
    await again.call('project:open', { path: join(dir, 'p.permsim') });
    const m = currentModel(again);
    expect(m.ok && Object.hasOwn(m.value.things, 'Sensor & Pump 1 ')).toBe(true);
    await again.close();
  });
});

describe('merging into a project with equipment', () => {
  it('keeps the project equipment Things and contexts (the apps layer runs again)', async () => {
    const api = await newProject();
    const demo = readFileSync(
      resolve(__dirname, '..', '..', '..', 'assets', 'demos', 'sensor-datastream.yaml'),
      'utf8',
    );
    expect((await api.call('project:import-model', { text: demo, fileName: 'demo.yaml' })).ok).toBe(
      true,
    );
    const before = currentModel(api);
    const r = await api.call('project:import', {
      paths: [join(ROOT, 'dangling')],
      onConflict: 'fail',
    });
    expect(r.ok && r.value.imported).toBe(true);
    const after = currentModel(api);
    if (!before.ok || !after.ok) throw new Error('no model');
    for (const t of Object.keys(before.value.things))
      expect(Object.keys(after.value.things)).toContain(t);
    expect(Object.keys(after.value.apps.contexts)).toEqual(Object.keys(before.value.apps.contexts));
    expect(after.value.requests).toHaveLength(before.value.requests.length);
    await api.close();
  });
});
