// `npm start` where Electron cannot start (no binary here): it must say so plainly and serve
// browser mode, printing a URL that works.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function electronMissing(): boolean {
  try {
    createRequire(path.resolve('package.json'))('electron');
    return false;
  } catch {
    return true;
  }
}

describe('scripts/start.mjs', () => {
  it('falls back to browser mode with a plain reason and a working URL', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'permsim-start-'));
    // Where Electron does exist, force browser mode so the test never opens a window.
    const args = electronMissing() ? [] : ['--browser'];
    const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
      env: { ...process.env, PERMSIM_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      for (let i = 0; i < 600 && !/secret=[0-9a-f]{64}/.test(out); i++)
        await new Promise(r => setTimeout(r, 100));
      if (electronMissing()) {
        expect(out).toMatch(
          /Electron could not start here \(the Electron binary is not installed \(.+\)\); starting PermSim in browser mode instead\./,
        );
      }
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?secret=[0-9a-f]{64}/.exec(out)?.[0];
      expect(url, out).toBeDefined();
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>PermSim</title>');
      const base = new URL(url!);
      const info = await fetch(`${base.origin}/api/project:info`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-permsim-secret': base.searchParams.get('secret')!,
        },
        body: '{}',
      });
      expect(await info.json()).toMatchObject({
        ok: true,
        value: { path: expect.stringContaining('demo.permsim') },
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
