// The boundaries of docs/architecture.md ("Folders and what each may import"), checked by ESLint.
// A tiny local rule instead of a plugin: it resolves every relative import (static, re-export,
// dynamic) to a path from the repository root and refuses it when the importing file's zone
// forbids that folder. Bare package names are checked by `no-restricted-imports` in
// eslint.config.js.
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** `shared/model/x.ts` inside `shared/model`? Works for folders and for files without extension. */
const under = (rel, prefix) => rel === prefix || rel.startsWith(`${prefix}/`);

/**
 * One zone: files matching `files` (prefixes) but none of `except` may not import anything under
 * `forbid` (prefixes) unless it is also under `allow`.
 * @typedef {{ files: string[], except?: string[], forbid: string[], allow?: string[], message: string }} Zone
 */

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers of docs/architecture.md' },
    schema: [{ type: 'array' }],
  },
  create(context) {
    /** @type {Zone[]} */
    const zones = context.options[0] ?? [];
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const active = zones.filter(
      z => z.files.some(p => under(file, p)) && !(z.except ?? []).some(p => under(file, p)),
    );
    if (active.length === 0) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source.value))
        .split(path.sep)
        .join('/')
        .replace(/\.(tsx?|mjs|cjs|js)$/, '');
      for (const z of active) {
        if (
          z.forbid.some(p => under(target, p)) &&
          !(z.allow ?? []).some(p => under(target, p)) &&
          // A folder may always use its own files (the oracle's modules import each other).
          !z.forbid.some(p => under(target, p) && under(file, p))
        ) {
          context.report({ node: source, message: `${z.message} (${file} -> ${target})` });
          return;
        }
      }
    };
    return {
      ImportDeclaration: node => check(node, node.source),
      ExportNamedDeclaration: node => check(node, node.source),
      ExportAllDeclaration: node => check(node, node.source),
      ImportExpression: node => check(node, node.source),
    };
  },
};

export default { rules: { imports: rule } };
