/**
 * kill -9 during edits and Save As (docs/security.md "The project file"): a real process saving
 * edits into a real project file is killed 20 times at random moments; after every kill the project
 * opens, holds the last state the process reported saved or the one being saved (never anything
 * else), and every Save As copy is a complete project or absent, with no half-made file left once
 * the next open has run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../../main/store';

const KILLS = 20;
let dir: string;
let editor: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-kill-'));
  editor = join(dir, 'editor.cjs');
  // One bundle, so each run of the editor starts in a fraction of a second (no TypeScript loader).
  await build({
    entryPoints: [join(__dirname, '../../fixtures/kill/editor.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: editor,
    external: ['better-sqlite3'],
    nodePaths: [join(__dirname, '../../../node_modules')],
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the editor until it has reported `steps` more lines, waits `extraMs`, then kills it with SIGKILL. */
function runAndKill(
  path: string,
  steps: number,
  extraMs: number,
): Promise<{ saved: number; copies: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [editor, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(__dirname, '../../../node_modules') },
    });
    let saved = -1;
    const copies: string[] = [];
    let lines = 0;
    let buffer = '';
    let errors = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const [word, arg] = line.split(' ');
        if (word === 'saved' || word === 'ready') saved = Number(arg);
        else if (word === 'saved-as' && arg) copies.push(arg);
        else if (word === 'error') reject(new Error(line));
        if (++lines >= steps && !killing) {
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), extraMs);
        }
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the editor ended by itself: ${errors}`));
      else resolve({ saved, copies });
    });
  });
}

describe('kill -9 during edits and Save As', () => {
  it(`the project always opens with the last saved state or the next (${KILLS} kills)`, async () => {
    const path = join(dir, 'project.permsim');
    for (let k = 0; k < KILLS; k++) {
      const { saved, copies } = await runAndKill(
        path,
        1 + Math.floor(Math.random() * 12),
        Math.floor(Math.random() * 8),
      );
      const r = openProject(path);
      if (!r.ok) throw new Error(`after kill ${k + 1}: ${r.error.message}`);
      const users = Object.keys(r.value.model().users);
      r.value.close();
      // Old or new: what was reported saved, or the edit that was being saved.
      expect([saved, saved + 1]).toContain(users.length);
      expect(users.sort()).toEqual(Array.from({ length: users.length }, (_, i) => `u${i}`).sort());
      for (const copy of copies) {
        const c = openProject(copy);
        if (!c.ok) throw new Error(`copy after kill ${k + 1}: ${c.error.message}`);
        c.value.close();
      }
    }
    // Every copy that exists opens; an interrupted one left no half-made file once opened there.
    for (const f of readdirSync(dir)) {
      if (!f.startsWith('copy-') || !f.endsWith('.permsim')) continue;
      const c = openProject(join(dir, f));
      expect(c.ok).toBe(true);
      if (c.ok) c.value.close();
    }
    // A Save As killed before its rename leaves `<target>.creating-<pid>`: the next open of that
    // target (or a New or Save As there) removes it, since its process is gone.
    for (const f of readdirSync(dir)) {
      const target = /^(.*\.permsim)\.creating-\d+$/.exec(f)?.[1];
      if (target) expect(openProject(join(dir, target)).ok).toBe(false);
    }
    expect(readdirSync(dir).filter(f => f.includes('.creating-'))).toEqual([]);
    expect(existsSync(path)).toBe(true);
  }, 60_000);
});
