// Lint: strict TypeScript everywhere, and the boundaries of docs/architecture.md ("Folders and
// what each may import"): every forbidden direction is an error here, not a reviewer's memory.
// Relative imports are resolved to folders by the local rule in scripts/eslint-layers.mjs; bare
// package names are checked by `no-restricted-imports`.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint-layers.mjs';

const forbiddenInShared = [
  {
    group: ['node:*'],
    message: 'shared/ is pure TypeScript: no Node built-ins (architecture.md §1).',
  },
  { group: ['electron', 'electron/*'], message: 'shared/ must not import Electron.' },
  {
    group: ['react', 'react-dom', 'react-dom/*', 'zustand', '@xyflow/*'],
    message: 'shared/ must not import React or UI libraries.',
  },
  { group: ['better-sqlite3'], message: 'shared/ must not touch the store.' },
  {
    group: ['**/main/**', '../main/*', '../../main/*', '**/renderer/**'],
    message: 'shared/ must not import main/ or renderer/.',
  },
  {
    group: [
      'fs',
      'path',
      'os',
      'child_process',
      'http',
      'https',
      'net',
      'url',
      'crypto',
      'worker_threads',
    ],
    message: 'shared/ is pure: no Node built-ins.',
  },
];

// shared/, lowest layer first. A layer may import the layers before it, never those after it.
const SHARED_LAYERS = [
  'shared/model',
  'shared/rest',
  'shared/engine',
  'shared/apps',
  // These four sit side by side on top of the apps layer.
  ['shared/whatif', 'shared/graph', 'shared/report', 'shared/import'],
  // Lessons check a learner's model with the what-if engine.
  'shared/lessons',
  'shared/contract',
];
const above = i => SHARED_LAYERS.slice(i + 1).flat();
// The one planned exception: the engine's default service handlers (shared/engine/index.ts) plug
// in the context manager's REST services, which implement the engine's ServiceHandler interface.
const LAYER_EXCEPTIONS = { 'shared/engine': ['shared/apps/rest-handler'] };
const layerZones = SHARED_LAYERS.flatMap((layer, i) =>
  (Array.isArray(layer) ? layer : [layer]).map(folder => ({
    files: [folder],
    forbid: above(i),
    allow: LAYER_EXCEPTIONS[folder] ?? [],
    message: `${folder} is below ${above(i).join(', ')}: it may not import them`,
  })),
);

const ZONES = [
  {
    files: ['shared'],
    forbid: ['main', 'renderer'],
    message: 'shared/ is pure and runs everywhere: it may not import main/ or renderer/',
  },
  ...layerZones,
  {
    files: ['shared', 'main', 'renderer', 'scripts'],
    forbid: ['shared/engine/reference'],
    message: 'the reference evaluator is the test oracle: only test/ and bench/ may import it',
  },
  {
    files: ['renderer'],
    forbid: ['main', 'shared/engine'],
    message: 'the renderer asks through the contract (shared/contract): no main/ and no engine',
  },
  {
    files: ['main/server', 'main/cli', 'main/host', 'main/api', 'main/store', 'main/mock'],
    forbid: ['main/app'],
    message: 'only the desktop app needs Electron: main/app is imported by nothing else',
  },
  {
    files: ['main/api', 'main/store'],
    forbid: ['main/host', 'main/server', 'main/cli'],
    message: 'the handler map and the store are below the front doors and the engine host',
  },
  {
    files: ['main/store'],
    forbid: ['main/api'],
    message: 'the store is below the handler map',
  },
  {
    files: ['main/mock'],
    forbid: ['main/host', 'main/server', 'main/cli'],
    message:
      'the stand-in server sits beside the front doors: the CLI and the handler map start it',
  },
  {
    files: [
      'main/server',
      'main/cli',
      'main/app',
      'main/report',
      'main/mock',
      'shared',
      'renderer',
    ],
    forbid: ['main/store'],
    message: 'the project store is used only by the handler map (main/api) and the engine host',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'assets/**',
      'docs/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'No focused tests.',
        },
        {
          selector:
            "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]",
          message: 'No skipped tests.',
        },
      ],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (an unhandled rejection, or a
    // failure the user never sees). Types come from the nearest tsconfig.json.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    plugins: { layers },
    rules: { 'layers/imports': ['error', ZONES] },
  },
  {
    // SQL lives in main/store (its sql.ts makes every connection); tests may open files to inspect them.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/store/**', 'test/**', 'bench/**', 'shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'better-sqlite3', message: 'SQL lives in main/store (docs/architecture.md).' },
          ],
        },
      ],
    },
  },
  {
    // Names are data: a lookup by name in one of the model's records must not find
    // Object.prototype's members (`constructor`, `toString`, `__proto__`): use own()/setOwn() of
    // shared/model/own.ts, a Map, or a literal key.
    files: ['shared/**/*.ts', 'main/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ":not(UnaryExpression[operator='delete']) > MemberExpression[computed=true][property.type!='Literal'][object.type='MemberExpression'][object.property.name=/^(users|groups|things|templates|shapes|others|organizations|appKeys|units|equipment|contexts|collections|params)$/]",
          message:
            'Names are data: look a name up with own(record, name) / setOwn(record, name, value) from shared/model/own.ts (or a Map), never record[name].',
        },
        {
          selector:
            "BinaryExpression[operator='in'][left.type!='Literal'][right.type='MemberExpression']",
          message: "Names are data: use hasOwn(record, name), not 'name in record'.",
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInShared }],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'require',
        'Buffer',
        'localStorage',
        'navigator',
      ],
    },
  },
);
