/**
 * Semantics options and factory settings as undoable edits (docs/model-format.md "Semantics",
 * domain reference §9, §11, §3.5): `model:edit` takes `set-semantics` and `set-factory` with the
 * model file's own option schemas, refuses a bad value with a specific message and changes nothing,
 * `model:options` reports them, undo puts them back, and a what-if of a switch compares answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectInfo } from '../../../shared/contract';
import type { SummaryPage } from '../../../shared/whatif';
import { createHandlers, openDefaultProject } from '../../../main/api';
import type { HandlerMap } from '../../../main/api';

let dir: string;
let api: HandlerMap;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-sem-'));
  const s = openDefaultProject(dir);
  if (!s.ok) throw new Error(s.error.message);
  api = createHandlers({ session: s.value, dataDir: dir });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const options = async () => {
  const r = await api.dispatch('model:options', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { semantics: { precedence: string }; factory: { usersInEveryone: boolean } };
};

describe('semantics options as edits', () => {
  it('switches precedence and a factory setting, each undoable', async () => {
    expect((await options()).semantics.precedence).toBe('level');
    const r = await api.dispatch('model:edit', {
      edit: { type: 'set-semantics', semantics: { precedence: 'global-deny' } },
    });
    expect(r.ok).toBe(true);
    expect((r.ok && (r.value as ProjectInfo).canUndo) || false).toBe(true);
    expect((await options()).semantics.precedence).toBe('global-deny');
    const f = await api.dispatch('model:edit', {
      edit: { type: 'set-factory', factory: { usersInEveryone: true } },
    });
    expect(f.ok).toBe(true);
    expect((await options()).factory.usersInEveryone).toBe(true);
    await api.dispatch('model:undo', {});
    await api.dispatch('model:undo', {});
    expect(await options()).toMatchObject({
      semantics: { precedence: 'level' },
      factory: { usersInEveryone: false },
    });
  });

  it('refuses an unknown option or value with where and what was expected', async () => {
    const bad = await api.dispatch('model:edit', {
      edit: { type: 'set-semantics', semantics: { precedence: 'deny-wins' } },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/precedence/);
    const unknown = await api.dispatch('model:edit', {
      edit: { type: 'set-factory', factory: { usersEverywhere: true } },
    });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toMatch(/usersEverywhere/);
    expect((await options()).semantics.precedence).toBe('level');
  });

  it('"what changes if I switch this" is a what-if of the one change', async () => {
    const r = await api.dispatch('whatif:summary', {
      scenario: {
        name: 'no admin bypass',
        changes: [{ type: 'set-semantics', semantics: { adminBypass: false } }],
      },
      limit: 5,
    });
    if (!r.ok) throw new Error(r.error.message);
    const page = r.value as SummaryPage;
    expect(page.changes).toEqual(['set semantics adminBypass=false']);
    expect(page.counts.revoked).toBeGreaterThan(0);
    expect(page.cells.every(c => c.caller.name === 'Administrator')).toBe(true);
  });
});
