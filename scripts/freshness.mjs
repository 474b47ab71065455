// Is a build output up to date with its sources? Shared by `npm start` (scripts/start.mjs) and the
// `permsim` command (bin/permsim.mjs), which both build on first use and after a source edit, so
// neither ever runs a stale bundle. Plain Node, no dependencies: it runs on every `permsim` call,
// so it only stats files (a few milliseconds for the whole tree).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Why `outputs` need a build, or undefined when every one exists and is newer than every file
 * under `sources` (folders or files, relative to `root`; missing ones are skipped).
 * @example staleReason(root, ['out/main/cli.cjs'], ['main', 'shared', 'package.json'])
 */
export function staleReason(root, outputs, sources) {
  const outs = outputs.map(p => path.join(root, p));
  const missing = outs.find(p => !existsSync(p));
  if (missing) return `${path.relative(root, missing)} is missing`;
  const oldestOutput = Math.min(...outs.map(p => statSync(p).mtimeMs));
  const newestSource = Math.max(
    0,
    ...sources
      .map(p => path.join(root, p))
      .filter(existsSync)
      .map(p => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)),
  );
  return newestSource > oldestOutput ? 'the sources changed since the last build' : undefined;
}
