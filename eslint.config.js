// Lint: strict TypeScript everywhere, and the purity rule of architecture.md §1:
// shared/ may not import node:*, electron, react, better-sqlite3, the DOM, main/ or renderer/.
import tseslint from 'typescript-eslint';

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
    // Names are data: a lookup by name in one of the model's records must not find
    // Object.prototype's members (`constructor`, `toString`, `__proto__`): use own()/setOwn() of
    // shared/model/own.ts, a Map, or a literal key.
    files: ['shared/**/*.ts', 'main/**/*.ts'],
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
