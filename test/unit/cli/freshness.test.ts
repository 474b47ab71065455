/**
 * The `permsim` command and `npm start` rebuild their bundles when these say so: a missing output,
 * or a source newer than the oldest output, must never run stale code.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { staleReason } from '../../../scripts/freshness.mjs';

const stale = staleReason as (
  root: string,
  outputs: string[],
  sources: string[],
) => string | undefined;

let root: string;
const file = (rel: string, seconds: number) => {
  const full = join(root, rel);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, rel);
  utimesSync(full, seconds, seconds);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'permsim-fresh-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('staleReason', () => {
  it('names the missing output', () => {
    file('main/a.ts', 1000);
    expect(stale(root, ['out/main/cli.cjs'], ['main'])).toBe('out/main/cli.cjs is missing');
  });

  it('is undefined when every output is newer than every source, nested folders included', () => {
    file('main/cli/a.ts', 1000);
    file('shared/model/b.ts', 1100);
    file('out/main/cli.cjs', 2000);
    expect(stale(root, ['out/main/cli.cjs'], ['main', 'shared', 'absent-folder'])).toBeUndefined();
  });

  it('says the sources changed when one nested source is newer than the oldest output', () => {
    file('out/main/cli.cjs', 2000);
    file('out/renderer/index.html', 1500);
    file('renderer/src/deep/c.tsx', 1600);
    expect(stale(root, ['out/main/cli.cjs', 'out/renderer/index.html'], ['renderer'])).toBe(
      'the sources changed since the last build',
    );
  });

  it('counts a single file as a source (the lockfile after a dependency change)', () => {
    file('out/main/cli.cjs', 2000);
    file('package-lock.json', 3000);
    expect(stale(root, ['out/main/cli.cjs'], ['package-lock.json'])).toBe(
      'the sources changed since the last build',
    );
  });
});
