/**
 * Names are data (docs/architecture.md): a lookup of a model name on a plain record (`model.things[name]`)
 * would find Object.prototype's `constructor`, `toString` or `__proto__` for an element of that name.
 * The lint rule of eslint.config.js refuses the bare form in shared/, main/ and the renderer; this
 * feeds it probes with the project's own config.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');
// The probed files do not exist, so the type-aware rules (which need a TypeScript program) are off.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

async function nameErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? [])
    .filter(m => m.ruleId === 'no-restricted-syntax' && m.message.startsWith('Names are data'))
    .map(m => m.message);
}

const UNSAFE = `
declare const model: { things: Record<string, { name: string }>; units: Record<string, string[]> };
declare const org: { units: Record<string, string[]> };
export const a = (name: string) => model.things[name];
export const b = (c: string) => org.units[c];
export const c = (name: string) => name in model.things;
`;
const SAFE = `
import { own } from '../../../shared/model/own';
declare const model: { things: Record<string, { name: string }> };
declare const axes: { users: string[] };
export const a = (name: string) => own(model.things, name);
export const b = (r: number) => axes.users.at(r);
export const c = () => model.things['T1'];
`;

describe('names are data: no record[name] on the model records', () => {
  it.each([
    'shared/model/probe.ts',
    'main/api/probe.ts',
    'renderer/src/components/Probe.tsx',
    'renderer/src/lib/probe.ts',
  ])('refuses the bare lookup and `in` in %s', async file => {
    expect(await nameErrors(file, UNSAFE)).toHaveLength(3);
  });

  it.each(['shared/model/probe.ts', 'renderer/src/components/Probe.tsx'])(
    'accepts own(), Array.at and literal keys in %s',
    async file => {
      expect(await nameErrors(file, SAFE)).toEqual([]);
    },
  );
});
