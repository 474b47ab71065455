import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api';
import type { HandlerMap } from '../../../main/api';

// The Open dialog of browser mode completes a typed path with `project:complete-path`.
let dir: string;
let api: HandlerMap;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-complete-'));
  mkdirSync(join(dir, 'projects'));
  mkdirSync(join(dir, '.secret-folder'));
  for (const f of [
    'plant.permsim',
    'plant.yaml',
    'Plan.yml',
    'model.json',
    'notes.txt',
    '.hidden.permsim',
  ])
    writeFileSync(join(dir, f), 'x');
  symlinkSync(join(dir, 'projects'), join(dir, 'linked'));
  symlinkSync(join(dir, 'gone'), join(dir, 'dangling.permsim'));
  api = createHandlers({ dataDir: join(dir, 'data') });
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const complete = (prefix: unknown) => api.dispatch('project:complete-path', { prefix });

describe('project:complete-path', () => {
  it('lists folders first, then project and model files, and nothing else', async () => {
    const r = await complete(`${dir}/`);
    expect(r).toEqual({
      ok: true,
      value: {
        folder: `${dir}/`,
        entries: [
          { name: 'linked', path: join(dir, 'linked') + '/', kind: 'folder' },
          { name: 'projects', path: join(dir, 'projects') + '/', kind: 'folder' },
          { name: 'model.json', path: join(dir, 'model.json'), kind: 'file' },
          { name: 'Plan.yml', path: join(dir, 'Plan.yml'), kind: 'file' },
          { name: 'plant.permsim', path: join(dir, 'plant.permsim'), kind: 'file' },
          { name: 'plant.yaml', path: join(dir, 'plant.yaml'), kind: 'file' },
        ],
        more: false,
      },
    });
  });

  it('keeps the names that start with the typed part, whatever their case', async () => {
    const r = await complete(join(dir, 'pla'));
    expect(r.ok && (r.value as { entries: { name: string }[] }).entries.map(e => e.name)).toEqual([
      'Plan.yml',
      'plant.permsim',
      'plant.yaml',
    ]);
  });

  it('shows hidden entries only when the typed name starts with a dot', async () => {
    const hidden = await complete(`${dir}/.`);
    expect(
      hidden.ok && (hidden.value as { entries: { name: string }[] }).entries.map(e => e.name),
    ).toEqual(['.secret-folder', '.hidden.permsim']);
  });

  it('refuses "." and ".." segments instead of listing another folder', async () => {
    for (const prefix of [`${dir}/projects/../`, `${dir}/../etc/pa`, `${dir}/./pl`]) {
      const r = await complete(prefix);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toMatch(/without "\." or "\.\."/);
    }
  });

  it('refuses a relative path and says what to type', async () => {
    const r = await complete('projects/pl');
    expect(!r.ok && r.error.message).toBe(
      'Type an absolute path such as /home/me/ (got "projects/pl").',
    );
  });

  it('says when the folder does not exist', async () => {
    const r = await complete(join(dir, 'nowhere', 'pl'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toEqual({
      code: 'not-found',
      message: `There is no folder ${join(dir, 'nowhere')}/.`,
    });
  });

  it('says when the folder part is a file', async () => {
    const r = await complete(join(dir, 'plant.yaml', 'x'));
    expect(!r.ok && r.error).toEqual({
      code: 'invalid-argument',
      message: `${join(dir, 'plant.yaml')}/ is a file, not a folder.`,
    });
  });

  it('validates its argument at the boundary', async () => {
    for (const prefix of [7, '', undefined]) {
      const r = await complete(prefix);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('invalid-argument');
    }
    const extra = await api.dispatch('project:complete-path', { prefix: '/', deep: true });
    expect(extra.ok).toBe(false);
  });
});

describe('project:demos', () => {
  it('lists the bundled demo models with what each shows', async () => {
    const r = await api.dispatch('project:demos', {});
    expect(r.ok).toBe(true);
    const demos = r.ok ? (r.value as { name: string; title: string; path: string }[]) : [];
    expect(demos.map(d => d.name)).toEqual(['sensor-datastream.yaml', 'smart-factory.yaml']);
    expect(demos.map(d => d.title)).toEqual([
      'Sensor data stream after a role change',
      'Smart factory (ThingWorx Apps contexts)',
    ]);
    const opened = await api.dispatch('project:open', { path: demos[0]?.path });
    expect(opened.ok && (opened.value as { readOnly?: true }).readOnly).toBe(true);
  });
});
