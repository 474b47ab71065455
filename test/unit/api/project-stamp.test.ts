// A call carries the project it was made for (contract.ts ProjectStamp): a write aimed at another
// project or at an older revision is refused with a message naming both, and nothing is written.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectInfo } from '../../../shared/contract';
import { createHandlers } from '../../../main/api';
import type { HandlerMap } from '../../../main/api';

const FIXTURE_TEXT = readFileSync(resolve(__dirname, 'fixtures', 'plant.yaml'), 'utf8');
const addUser = { type: 'add-user', name: 'mallory' } as const;

let dir: string;
let api: HandlerMap;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-stamp-'));
  api = createHandlers({ dataDir: join(dir, 'data') });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function project(name: string): Promise<ProjectInfo> {
  const path = join(dir, `${name}.permsim`);
  expect((await api.dispatch('project:new', { path })).ok).toBe(true);
  const r = await api.dispatch('project:import-model', { text: FIXTURE_TEXT, fileName: 'p.yaml' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as ProjectInfo;
}

const stampOf = (i: ProjectInfo) => ({ path: i.path, revision: i.revision });

describe('project stamp', () => {
  it('accepts a write stamped with the open project and its revision', async () => {
    const a = await project('a');
    const r = await api.dispatch('model:edit', { edit: addUser, project: stampOf(a) });
    expect(r.ok).toBe(true);
    expect((r as { value: ProjectInfo }).value.revision).toBe(a.revision + 1);
  });

  it('refuses a write for a project that is no longer open, and writes nothing', async () => {
    const a = await project('a');
    const b = await project('b');
    const before = statSync(b.path).mtimeMs;
    const r = await api.dispatch('whatif:apply', {
      scenario: { name: 'left over', changes: [] },
      project: stampOf(a),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('wrong-project');
    expect(r.error.message).toContain(a.path);
    expect(r.error.message).toContain(`revision ${a.revision}`);
    expect(r.error.message).toContain(b.path);
    expect(r.error.message).toContain('Nothing was written');
    const info = await api.dispatch('project:info', {});
    expect((info as { value: ProjectInfo }).value.revision).toBe(b.revision);
    expect(statSync(b.path).mtimeMs).toBe(before);
  });

  it('refuses a write made on an older revision of the open project', async () => {
    const a = await project('a');
    expect((await api.dispatch('model:edit', { edit: addUser, project: stampOf(a) })).ok).toBe(
      true,
    );
    const r = await api.dispatch('model:edit', {
      edit: { type: 'add-user', name: 'trent' },
      project: stampOf(a),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('stale-revision');
    expect(r.error.message).toContain(`revision ${a.revision} of ${a.path}`);
    expect(r.error.message).toContain(`revision ${a.revision + 1} now`);
    const outline = await api.dispatch('model:outline', { search: 'trent' });
    expect(outline.ok && (outline.value as unknown[]).length).toBe(0);
  });

  it("answers a read for another project with an error, not the open project's data", async () => {
    const a = await project('a');
    await project('b');
    const r = await api.dispatch('model:outline', { project: stampOf(a) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('wrong-project');
  });

  it('reads at an older revision of the open project are answered (the view refreshes after)', async () => {
    const a = await project('a');
    await api.dispatch('model:edit', { edit: addUser, project: stampOf(a) });
    expect((await api.dispatch('model:outline', { project: stampOf(a) })).ok).toBe(true);
  });

  it('rejects a malformed stamp, and a stamp on a call that chooses the project', async () => {
    await project('a');
    const bad = await api.dispatch('model:outline', { project: { path: 'x' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('project must be { path, revision }');
    const open = await api.dispatch('project:open', {
      path: join(dir, 'a.permsim'),
      project: { path: 'x', revision: 0 },
    });
    expect(open.ok).toBe(false);
  });
});
