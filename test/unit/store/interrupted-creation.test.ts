/**
 * A New or Save As killed mid-way leaves `<target>.creating-<pid>` (with SQLite's -wal, -shm or
 * -journal) beside the target; the next open or creation there removes them once that process is
 * gone, and never touches the files of a process still running.
 */
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject } from '../../../main/store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-creating-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has already ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;

describe('leftovers of an interrupted New or Save As', () => {
  it('are removed on the next open, except those of a live process', async () => {
    const target = join(dir, 'plant.permsim');
    const dead = deadPid();
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const leftovers = ['', '-wal', '-shm', '-journal'].map(
        s => `plant.permsim.creating-${dead}${s}`,
      );
      const running = `plant.permsim.creating-${live.pid}`;
      for (const f of [...leftovers, running, 'other.permsim.creating-1'])
        writeFileSync(join(dir, f), 'half-written');
      const r = openProject(target, { create: true });
      expect(r.ok).toBe(true);
      if (r.ok) r.value.close();
      expect(readdirSync(dir).sort()).toEqual(
        ['other.permsim.creating-1', 'plant.permsim', running].sort(),
      );
    } finally {
      live.kill();
    }
  });
});
