#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) on the Electron code: main/app/*.ts and
// the page it loads (renderer/index.html, for its Content-Security-Policy), with the project's
// Electron version. Every finding must be listed with its reason in docs/security.md
// ("Electronegativity findings") and every listed finding must still be found, so the page stays
// true. Prints one JSON line { found, justified, unjustified, stale }; exit 1 when either list is
// not empty. The check of available Electron security fixes is left out: it needs the network.
// Run by test/unit/app/electronegativity.test.ts.
// Usage: node scripts/electronegativity.mjs
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

// The scanner fetches translations from the network on start (and gives up after a second); offline
// that fetch ends in an unhandled rejection of its HTTP client, which says nothing about the scan.
process.on('unhandledRejection', () => {});
process.on('uncaughtException', e => {
  if (e && /** @type {{ code?: string }} */ (e).code === 'ENOTFOUND') return;
  throw e;
});
const log = console.log;
console.log = () => {}; // the scanner's own chatter; the result is the one JSON line below

function justified() {
  const doc = readFileSync(path.join(root, 'docs/security.md'), 'utf8');
  const section = doc.split(/^## /m).find(s => s.startsWith('Electronegativity findings')) ?? '';
  return [...section.matchAll(/^\| `([A-Z_]+)` +\| `([^`]+)` +\|/gm)].map(m => `${m[1]} ${m[2]}`);
}

const dir = mkdtempSync(path.join(tmpdir(), 'permsim-electronegativity-'));
try {
  for (const f of readdirSync(path.join(root, 'main/app')))
    if (f.endsWith('.ts')) cpSync(path.join(root, 'main/app', f), path.join(dir, f));
  cpSync(path.join(root, 'renderer/index.html'), path.join(dir, 'index.html'));
  const run = require('@doyensec/electronegativity');
  const result = await run({
    input: dir,
    electronVersionOverride: electronVersion,
    isRelative: true,
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  const found = [...new Set(result.issues.map(i => `${i.id} ${i.file}`))].sort();
  const listed = [...new Set(justified())].sort();
  const out = {
    electronVersion,
    checks: result.atomicChecks + result.globalChecks,
    errors: result.errors,
    found,
    unjustified: found.filter(f => !listed.includes(f)),
    stale: listed.filter(f => !found.includes(f)),
  };
  log(JSON.stringify(out));
  process.exitCode =
    out.errors.length || out.unjustified.length || out.stale.length || out.checks < 20 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
