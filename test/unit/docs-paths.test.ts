// Every repository file the documentation names exists: docs/*.md and README.md point readers at
// code, tests and demos, and a renamed file must not leave them pointing at nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOTS = ['shared', 'main', 'renderer', 'test', 'assets', 'scripts', 'bench', 'docs', 'bin'];
const PATH = new RegExp(`(?<![\\w./-])(?:${ROOTS.join('|')})/[\\w./-]*\\w`, 'g');

describe('documentation', () => {
  it('names only files and folders that exist in the repository', () => {
    const files = [
      ...readdirSync('docs')
        .filter(f => f.endsWith('.md'))
        .map(f => `docs/${f}`),
      'README.md',
    ];
    const missing: string[] = [];
    for (const f of files)
      for (const m of readFileSync(f, 'utf8').matchAll(PATH)) {
        // Paths a reader writes themselves (out/, generated reports) are not repository files.
        if (m[0].includes('*')) continue;
        if (!existsSync(m[0])) missing.push(`${f}: ${m[0]}`);
      }
    expect(missing).toEqual([]);
  });
});
