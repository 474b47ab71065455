import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  EffectiveRow,
  Events,
  OutlineItem,
  PrincipalPage,
  ProjectInfo,
} from '../../../shared/contract';
import type { Decision } from '../../../shared/model/decision';
import type { Model } from '../../../shared/model/types';
import { createHandlers, openDefaultProject, openModelSession } from '../../../main/api';
import type { HandlerMap } from '../../../main/api';
import { currentModel } from './fixtures/current-model';

const FIXTURE = resolve(__dirname, 'fixtures', 'plant.yaml');
const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');
const alice = { type: 'basic', user: 'alice' } as const;
const GET_DATA_STREAM = '/Thingworx/Things/SensorDataStream/Services/GetDataStream';
// §9.6: the entity-level deny for DataAnalysts is what keeps alice out of GetDataStream.
const denyEntry = {
  family: 'runtime',
  kind: 'ServiceInvoke',
  resource: 'GetDataStream',
  principal: { type: 'group', name: 'DataAnalysts' },
  allow: false,
} as const;
const thingTarget = { level: 'entity', collection: 'Things', name: 'SensorDataStream' } as const;

let dir: string;
let api: HandlerMap;
let events: { event: keyof Events; payload: unknown }[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-api-'));
  events = [];
  api = createHandlers({
    dataDir: join(dir, 'data'),
    emit: (event, payload) => events.push({ event, payload }),
  });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function newProjectWithFixture(): Promise<string> {
  const path = join(dir, 'plant.permsim');
  const created = await api.dispatch('project:new', { path });
  expect(created.ok).toBe(true);
  const imported = await api.dispatch('project:import-model', {
    text: FIXTURE_TEXT,
    fileName: 'plant.yaml',
  });
  expect(imported.ok).toBe(true);
  return path;
}

const askAlice = async (path = GET_DATA_STREAM, method = 'POST'): Promise<Decision> => {
  const r = await api.dispatch('engine:ask', { request: { method, path, credentials: alice } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Decision;
};

describe('dispatch', () => {
  it('refuses unknown call names with a suggestion, as data', async () => {
    const r = await api.dispatch('engine:asks', {});
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'unknown-call',
        message: "Unknown API call 'engine:asks'; did you mean 'engine:ask'?",
      },
    });
    const r2 = await api.dispatch('__proto__', {});
    expect(r2.ok).toBe(false);
  });

  it('never throws: hostile arguments and failing handlers come back as errors without a stack', async () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    for (const args of [null, undefined, 'x', [], hostile, { request: hostile }]) {
      const r = await api.dispatch('engine:ask', args);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).not.toMatch(/\n\s+at /);
    }
    await newProjectWithFixture();
    const withSession = createHandlers({ session: api.session()! });
    withSession.handlers['model:outline'] = () => {
      throw new Error('disk on fire');
    };
    expect(await withSession.dispatch('model:outline', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'model:outline failed unexpectedly: disk on fire' },
    });
  });

  it('without a project, model calls say how to open one', async () => {
    const r = await api.dispatch('model:requests', {});
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual({
        code: 'no-project',
        message: 'No project is open: open one (project:open) or create one (project:new).',
      });
  });
});

describe('projects', () => {
  it('project:new creates a SQLite project with the built-ins, remembers it and announces it', async () => {
    const path = join(dir, 'fresh.permsim');
    const r = await api.dispatch('project:new', { path });
    expect(r.ok).toBe(true);
    const info = (r as { value: ProjectInfo }).value;
    expect(info).toMatchObject({
      path,
      modelName: 'fresh',
      canUndo: false,
      canRedo: false,
      revision: 0,
    });
    expect(info.counts.users).toBeGreaterThanOrEqual(1); // Administrator (§3.2)
    expect(events.map(e => e.event)).toEqual(['project:changed']);
    expect(await api.dispatch('project:recent', {})).toEqual({ ok: true, value: [path] });
    const again = await api.dispatch('project:new', { path });
    expect(!again.ok && again.error.code).toBe('exists');
  });

  it('import, edit, undo and redo are saved, announced, and survive reopening', async () => {
    const path = await newProjectWithFixture();
    expect((await askAlice()).status).toBe(403);

    const edited = await api.dispatch('model:edit', {
      edit: { type: 'remove-entry', target: thingTarget, entry: denyEntry },
    });
    expect(edited.ok).toBe(true);
    expect((edited as { value: ProjectInfo }).value).toMatchObject({
      canUndo: true,
      canRedo: false,
    });
    expect((await askAlice()).status).toBe(200);

    expect((await api.dispatch('model:undo', {})).ok).toBe(true);
    expect((await askAlice()).status).toBe(403);
    expect((await api.dispatch('model:redo', {})).ok).toBe(true);
    expect((await askAlice()).status).toBe(200);
    expect(events.filter(e => e.event === 'project:changed').length).toBe(5);

    // Reopen from disk in a new handler map: the edit is there.
    await api.close();
    api = createHandlers({});
    expect((await api.dispatch('project:open', { path })).ok).toBe(true);
    expect((await askAlice()).status).toBe(200);
    const info = await api.dispatch('project:info', {});
    expect(info.ok && (info.value as ProjectInfo)).toMatchObject({
      modelName: 'Test plant',
      canUndo: true,
      canRedo: false,
    });
  });

  it('a refused edit changes nothing and says why', async () => {
    await newProjectWithFixture();
    const before = await api.dispatch('project:info', {});
    const r = await api.dispatch('model:edit', { edit: { type: 'add-user', name: 'alice' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/alice/);
    expect(await api.dispatch('project:info', {})).toEqual(before);
  });

  it('project:import-model with an invalid model reports file:line:column and keeps the model', async () => {
    await newProjectWithFixture();
    const r = await api.dispatch('project:import-model', {
      text: 'permsim: 1\nusers:\n  dave: { groups: [Operatros] }\n',
      fileName: 'bad.yaml',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('model-invalid');
      expect(r.error.message).toMatch(/^bad\.yaml has 1 error:\nbad\.yaml:3:\d+: .*Operatros/);
    }
    expect((await askAlice()).status).toBe(403);
  });

  it('project:save-as writes a new project with the current model and switches to it', async () => {
    await newProjectWithFixture();
    const copy = join(dir, 'copy.permsim');
    const r = await api.dispatch('project:save-as', { path: copy });
    expect(r.ok && (r.value as ProjectInfo).path).toBe(copy);
    expect(existsSync(copy)).toBe(true);
    expect((await askAlice()).status).toBe(403);
  });

  it('project:export-model gives text that loads back to the same model', async () => {
    await newProjectWithFixture();
    const model = currentModel(api) as { ok: true; value: Model };
    for (const format of ['yaml', 'json'] as const) {
      const r = await api.dispatch('project:export-model', { format });
      expect(r.ok).toBe(true);
      const text = (r as { value: { text: string } }).value.text;
      const other = createHandlers({});
      const file = join(dir, `export.${format}`);
      writeFileSync(file, text);
      expect((await other.dispatch('project:open', { path: file })).ok).toBe(true);
      const back = currentModel(other) as { ok: true; value: Model };
      // Saved requests remember their source line, which moves in the exported text.
      const noLines = (m: Model) => ({
        ...m,
        name: '',
        requests: m.requests.map(({ line: _line, ...r }) => r),
      });
      expect(noLines(back.value)).toEqual(noLines(model.value));
    }
  });

  it('opening a garbage .permsim file fails clearly and leaves it byte-for-byte untouched', async () => {
    const bad = join(dir, 'x.permsim');
    writeFileSync(bad, 'garbage '.repeat(100));
    const bytes = readFileSync(bad);
    const r = await api.dispatch('project:open', { path: bad });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('file-corrupt');
    expect(readFileSync(bad).equals(bytes)).toBe(true);
  });

  it('a model file opens read-only: asking works, edits are refused', async () => {
    expect((await api.dispatch('project:open', { path: FIXTURE })).ok).toBe(true);
    expect((await askAlice()).status).toBe(403);
    const r = await api.dispatch('model:edit', { edit: { type: 'add-user', name: 'dave' } });
    expect(!r.ok && r.error.code).toBe('read-only');
    expect(await api.dispatch('project:recent', {})).toEqual({ ok: true, value: [] });
  });
});

describe('model and engine queries', () => {
  beforeEach(async () => {
    const s = openModelSession(FIXTURE);
    if (!s.ok) throw new Error(s.error.message);
    api.setSession(s.value);
  });

  it('model:outline lists elements by kind and filters by search text', async () => {
    const all = (await api.dispatch('model:outline', {})) as { ok: true; value: OutlineItem[] };
    expect(all.value).toContainEqual({
      kind: 'thing',
      name: 'SensorDataStream',
      detail: 'SensorTemplate',
    });
    expect(all.value.find(i => i.name === 'Administrator')).toMatchObject({
      kind: 'user',
      builtin: true,
    });
    const some = (await api.dispatch('model:outline', { search: 'sensor' })) as {
      ok: true;
      value: OutlineItem[];
    };
    expect(some.value.map(i => i.name).sort()).toEqual(['SensorDataStream', 'SensorTemplate']);
  });

  it('model:element returns a user with its groups (paths) and a Thing with its characteristics and access', async () => {
    // The typed call answers one variant per kind: narrowing on `kind` needs no decoding.
    const u = await api.call('model:element', { kind: 'user', name: 'alice' });
    if (!u.ok || u.value.kind !== 'user') throw new Error('expected a user');
    expect(u.value.element.groups).toEqual(expect.arrayContaining(['DataAnalysts']));
    expect(u.value.principals.groups.map(g => g.name)).toEqual(
      expect.arrayContaining(['DataAnalysts', 'Operators', 'Users']),
    );
    const access = u.value.access;
    expect(access.map(a => a.thing)).toEqual(['SensorDataStream']);
    // §9.6: the template-instance allow for Operators reaches alice through DataAnalysts -> Operators.
    expect(access[0]!.rows.find(r => r.kind === 'PropertyRead')).toMatchObject({ allowed: true });
    const t = await api.call('model:element', { kind: 'thing', name: 'SensorDataStream' });
    if (!t.ok || t.value.kind !== 'thing') throw new Error('expected a Thing');
    expect(t.value.element.template).toBe('SensorTemplate');
    expect(t.value.characteristics?.properties).toEqual(
      expect.arrayContaining(['temperature', 'humidity']),
    );
    expect(t.value.templateChain).toEqual(['SensorTemplate', 'GenericThing']);
    expect(t.value.access.map(a => a.user)).toEqual(['alice', 'bob', 'carol']);
    const g = await api.call('model:element', { kind: 'group', name: 'DataAnalysts' });
    expect(g.ok && g.value.kind === 'group' && g.value.element.memberOf).toEqual(['Operators']);
    const missing = await api.dispatch('model:element', { kind: 'user', name: 'alicee' });
    expect(missing).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message: "No user named 'alicee' in the model; did you mean 'alice'?",
      },
    });
  });

  it('engine:ask answers the seed question with 403 and the deny that decided (§9.6)', async () => {
    const d = await askAlice();
    expect(d.status).toBe(403);
    expect(d.body).toBe('Not authorized for ServiceInvoke on GetDataStream in SensorDataStream');
    const runtime = d.explanation.find(s => s.kind === 'runtime');
    expect(runtime?.decided).toContainEqual(
      expect.objectContaining({ kind: 'ServiceInvoke', resource: 'GetDataStream', allow: false }),
    );
  });

  it('engine:ask refuses a path that is not a ThingWorx REST call, as bad input', async () => {
    const r = await api.dispatch('engine:ask', {
      request: { method: 'GET', path: '/api/v1/things', credentials: alice },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-argument');
      expect(r.error.message).toMatch(/^engine:ask: request\.path: .*\/api\/v1\/things/);
    }
  });

  it('engine:ask answers a wrong method on a valid path with 405', async () => {
    expect((await askAlice('/Thingworx/Things/SensorDataStream', 'PATCH')).status).toBe(405);
  });

  it('engine:suggest-calls completes methods, collections, entities, sub-resources and characteristics', async () => {
    const s = async (text: string) =>
      ((await api.dispatch('engine:suggest-calls', { text })) as { ok: true; value: string[] })
        .value;
    expect(await s('PO')).toEqual(['POST /Thingworx/']);
    expect(await s('GET /Thingworx/Thi')).toEqual([
      'GET /Thingworx/Things',
      'GET /Thingworx/ThingTemplates',
      'GET /Thingworx/ThingShapes',
    ]);
    expect(await s('GET /Thingworx/Things/sens')).toEqual([
      'GET /Thingworx/Things/SensorDataStream',
    ]);
    expect(await s('POST /Thingworx/Things/SensorDataStream/')).toEqual([
      'POST /Thingworx/Things/SensorDataStream/Services',
      'POST /Thingworx/Things/SensorDataStream/Events',
    ]);
    expect(await s('GET /Thingworx/Things/SensorDataStream/Properties/')).toEqual(
      expect.arrayContaining([
        'GET /Thingworx/Things/SensorDataStream/Properties/temperature',
        'GET /Thingworx/Things/SensorDataStream/Properties/humidity',
      ]),
    );
    expect(await s('POST /Thingworx/Things/SensorDataStream/Services/GetD')).toEqual([
      `POST ${GET_DATA_STREAM}`,
    ]);
    expect(await s('POST /Thingworx/Things/Nope/Services/')).toEqual([]);
  });

  it('model:principal gives a group page and refuses unknown names and kinds clearly', async () => {
    const r = await api.dispatch('model:principal', { type: 'group', name: 'Operators' });
    const page = r.ok ? (r.value as PrincipalPage) : undefined;
    expect(page?.unrolledMembers.map(m => m.path.join(' -> '))).toContain(
      'alice -> DataAnalysts -> Operators',
    );
    const typo = await api.dispatch('model:principal', { type: 'group', name: 'Operator' });
    expect(!typo.ok && typo.error.message).toBe(
      "No group named 'Operator' in the model; did you mean 'Operators'?",
    );
    const bad = await api.dispatch('model:principal', { type: 'thing', name: 'x' });
    expect(!bad.ok && bad.error.code).toBe('invalid-argument');
    expect(!bad.ok && bad.error.message).toMatch(/^model:principal: type /);
  });

  it('engine:effective-table gives alice on SensorDataStream with the deny on GetDataStream', async () => {
    const r = await api.dispatch('engine:effective-table', {
      user: 'alice',
      collection: 'Things',
      entity: 'SensorDataStream',
    });
    expect(r.ok).toBe(true);
    const rows = (r as { value: EffectiveRow[] }).value;
    expect(
      rows.find(x => x.characteristic === 'GetDataStream' && x.kind === 'ServiceInvoke'),
    ).toMatchObject({ allowed: false, status: 403 });
    expect(
      rows.find(x => x.characteristic === 'temperature' && x.kind === 'PropertyRead'),
    ).toMatchObject({ allowed: true, status: 200 });
    const bad = await api.dispatch('engine:effective-table', {
      user: 'alicia',
      collection: 'Things',
      entity: 'SensorDataStream',
    });
    expect(!bad.ok && bad.error.message).toBe(
      "No user named 'alicia' in the model; did you mean 'alice'?",
    );
  });

  it('model:requests returns the saved requests with their expectations', async () => {
    const r = await api.dispatch('model:requests', {});
    expect(
      r.ok && (r.value as { expect?: { status?: number } }[]).map(x => x.expect?.status),
    ).toEqual([200, 403, 401]);
  });
});

describe('openDefaultProject', () => {
  it('creates demo.permsim from the demo model on first start, then reopens it', async () => {
    const dataDir = join(dir, 'data');
    const first = openDefaultProject(dataDir, { demoPath: FIXTURE });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.path).toBe(join(dataDir, 'demo.permsim'));
    expect(first.value.info().modelName).toBe('Test plant');
    first.value.close();
    expect(JSON.parse(readFileSync(join(dataDir, 'recent.json'), 'utf8'))).toEqual({
      projects: [join(dataDir, 'demo.permsim')],
    });
    const second = openDefaultProject(dataDir, { demoPath: join(dir, 'no-such-demo.yaml') });
    expect(second.ok && second.value.path).toBe(join(dataDir, 'demo.permsim'));
    if (second.ok) second.value.close();
  });

  it('opens the most recent project instead of the demo', async () => {
    const dataDir = join(dir, 'data');
    const path = await newProjectWithFixture();
    await api.close();
    const r = openDefaultProject(dataDir, { demoPath: FIXTURE });
    expect(r.ok && r.value.path).toBe(path);
    if (r.ok) r.value.close();
  });

  it('without options it uses the bundled sensor-datastream demo, whose seed question answers 403', async () => {
    const r = openDefaultProject(join(dir, 'data3'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const demo = createHandlers({ session: r.value });
    const d = await demo.dispatch('engine:ask', {
      request: { method: 'POST', path: GET_DATA_STREAM, credentials: alice },
    });
    expect(d.ok && (d.value as Decision).status).toBe(403);
    await demo.close();
  });

  it('says plainly when the demo model is missing', () => {
    const r = openDefaultProject(join(dir, 'data2'), { demoPath: join(dir, 'missing.yaml') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Cannot read the demo model .*missing\.yaml/);
  });
});
