/**
 * Electronegativity on the Electron code (scripts/electronegativity.mjs, in a child process: the
 * scanner reaches for the network on start): every finding is justified in docs/security.md and
 * every justification is still a finding.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('electronegativity on main/app', () => {
  it('finds nothing that docs/security.md does not justify', () => {
    const child = spawnSync(process.execPath, [resolve(ROOT, 'scripts/electronegativity.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en-US' },
      timeout: 50_000,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    const out = JSON.parse(line) as {
      checks: number;
      errors: unknown[];
      found: string[];
      unjustified: string[];
      stale: string[];
    };
    expect(out.errors).toEqual([]);
    expect(out.checks).toBeGreaterThan(20);
    expect({ unjustified: out.unjustified, stale: out.stale }).toEqual({
      unjustified: [],
      stale: [],
    });
    expect(child.status).toBe(0);
  });
});
