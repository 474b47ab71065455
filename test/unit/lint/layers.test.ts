/**
 * The layer boundaries of docs/architecture.md are lint errors: each forbidden direction below is
 * fed to ESLint with the project's own config (eslint.config.js) and must be refused, and the
 * allowed directions must pass.
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

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, {
    filePath: resolve(ROOT, file),
  });
  return (result?.messages ?? [])
    .filter(m => m.ruleId === 'layers/imports' || m.ruleId === 'no-restricted-imports')
    .map(m => m.message);
}

const FORBIDDEN: [string, string, RegExp][] = [
  ['shared/model/x.ts', "import '../apps/load';", /shared\/model is below/],
  ['shared/model/x.ts', "import '../engine/decider';", /shared\/model is below/],
  ['shared/model/x.ts', "import '../contract';", /shared\/model is below/],
  ['shared/rest/x.ts', "import '../engine/evaluate';", /shared\/rest is below/],
  ['shared/engine/x.ts', "import '../whatif/diff';", /shared\/engine is below/],
  ['shared/whatif/x.ts', "import '../contract';", /shared\/whatif is below/],
  ['shared/graph/x.ts', "import '../../main/api';", /may not import main\/ or renderer\//],
  ['shared/report/x.ts', "import 'node:fs';", /no Node built-ins/],
  ['shared/engine/x.ts', "import './reference/decide';", /test oracle/],
  ['main/api/x.ts', "import '../../shared/engine/reference';", /test oracle/],
  ['renderer/src/x.ts', "import '../../main/api/handlers';", /asks through the contract/],
  ['renderer/src/x.ts', "import type { Decider } from '../../shared/engine/decider';", /contract/],
  ['main/cli/x.ts', "import '../app/security';", /main\/app is imported by nothing else/],
  ['main/server/x.ts', "import '../app/protocol';", /main\/app is imported by nothing else/],
  ['main/server/x.ts', "import '../store/sql';", /used only by the handler map/],
  [
    'main/cli/x.ts',
    "import Database from 'better-sqlite3'; void Database;",
    /SQL lives in main\/store/,
  ],
  ['main/api/x.ts', "import '../host/backend';", /below the front doors/],
  ['main/mock/x.ts', "import '../server/checks';", /beside the front doors/],
  ['main/mock/x.ts', "import '../store/sql';", /used only by the handler map/],
];

const ALLOWED: [string, string][] = [
  ['shared/rest/x.ts', "import '../model/decision';"],
  ['shared/engine/x.ts', "import '../rest/parse';"],
  ['shared/engine/index2.ts', "import '../apps/rest-handler';"],
  ['shared/engine/reference/x.ts', "import './decide';"],
  ['shared/whatif/x.ts', "import '../apps/load';"],
  ['main/api/x.ts', "import '../store/sql';"],
  ['main/host/x.ts', "import '../api';"],
  ['main/app/x.ts', "import '../server/csp';"],
  ['main/api/x.ts', "import '../mock/server';"],
  ['test/unit/x.test.ts', "import '../../shared/engine/reference';"],
  ['bench/x.ts', "import '../shared/engine/reference';"],
  ['renderer/src/x.ts', "import type { Decision } from '../../shared/contract';"],
];

describe('lint refuses every forbidden import direction', () => {
  it.each(FORBIDDEN)('%s: %s', async (file, source, why) => {
    const errors = await layerErrors(file, source);
    expect(errors.join('\n')).toMatch(why);
  });

  it.each(ALLOWED)('%s may: %s', async (file, source) => {
    expect(await layerErrors(file, source)).toEqual([]);
  });
});
