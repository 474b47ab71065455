#!/usr/bin/env node
// `npm start`: build when out/ is missing or older than the sources, then start the desktop app.
// Where Electron cannot start (no binary: its download is blocked on our machines; no display;
// it crashes at once), say so plainly and start browser mode instead, printing the URL.
// Usage: npm start [-- PROJECT] [-- --port N] [-- --browser]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { electronBinary as findElectron } from './electron-binary.mjs';
import { staleReason } from './freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = [
  'out/main/electron.cjs',
  'out/main/preload.cjs',
  'out/main/serve.cjs',
  'out/main/backend-worker.cjs',
  'out/main/cli.mjs',
  'out/renderer/index.html',
];
// If Electron is still running after this long, it started; a broken start exits well before.
const STARTUP_GRACE_MS = 4000;

/** Why out/ needs a build, or undefined when it is up to date. */
export function buildReason() {
  return staleReason(root, outputs, [
    'main',
    'shared',
    'renderer',
    'package.json',
    'package-lock.json',
  ]);
}

/**
 * The Electron binary, or the reason there is none. Electron's package downloads its binary when
 * it is first required and the binary is missing (its install script is off here: package.json
 * "allowScripts"), so this looks for the binary itself and never triggers that download.
 */
function noDisplayReason() {
  if (process.platform !== 'linux') return undefined;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY
    ? undefined
    : 'no display (DISPLAY and WAYLAND_DISPLAY are not set)';
}

/** Resolves 'started' once Electron has survived the grace period, or { reason } when it failed to start. */
function tryElectron(bin, args) {
  return new Promise(resolve => {
    const child = spawn(bin, ['.', ...args], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'] });
    let stderrTail = '';
    let settled = false;
    child.stderr.on('data', chunk => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-2000);
    });
    const timer = setTimeout(() => {
      settled = true;
      resolve({ started: child });
    }, STARTUP_GRACE_MS);
    child.on('error', e => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ reason: `it could not be run (${e.message})` });
    });
    child.on('exit', (code, signal) => {
      if (settled) {
        process.exit(code ?? (signal ? 1 : 0));
        return;
      }
      settled = true;
      clearTimeout(timer);
      const lastLine = stderrTail.trim().split('\n').filter(Boolean).pop();
      resolve({
        reason: `it exited at once with ${signal ?? `code ${code}`}${lastLine ? `: ${lastLine}` : ''}`,
      });
    });
  });
}

function startBrowserMode(args) {
  const child = spawn(process.execPath, [path.join(root, 'out/main/serve.cjs'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  const forward = signal => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', code => process.exit(code ?? 0));
}

async function main() {
  const args = process.argv.slice(2);
  const browserOnly = args.includes('--browser');
  const serveArgs = args.filter(a => a !== '--browser');
  // Electron takes only the project path; --port belongs to browser mode.
  const portAt = serveArgs.indexOf('--port');
  const electronArgs = serveArgs.filter(
    (a, i) => !a.startsWith('--') && (portAt < 0 || i !== portAt + 1),
  );

  const reason = buildReason();
  if (reason) {
    console.log(`Building PermSim (${reason})...`);
    await buildAll();
  }

  if (browserOnly) {
    console.log('Starting PermSim in browser mode (--browser).');
    startBrowserMode(serveArgs);
    return;
  }
  const electron = findElectron(root);
  let why = 'reason' in electron ? electron.reason : noDisplayReason();
  if (!why) {
    const attempt = await tryElectron(electron.bin, electronArgs);
    if ('started' in attempt) return;
    why = attempt.reason;
  }
  console.log(`Electron could not start here (${why}); starting PermSim in browser mode instead.`);
  startBrowserMode(serveArgs);
}

main().catch(e => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
