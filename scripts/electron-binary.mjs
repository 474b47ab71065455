// Where the Electron binary is, or why there is none, without requiring the electron package:
// from Electron 45 on, requiring it starts a download of the binary when it is missing, which
// fails on machines without network access (ours). Used by `npm start` and the Playwright config.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @param {string} root the repository root (where package.json is) */
export function electronBinary(root) {
  let dir;
  try {
    dir = path.dirname(
      createRequire(path.join(root, 'package.json')).resolve('electron/package.json'),
    );
  } catch (e) {
    const first = String(e instanceof Error ? e.message : e).split('\n')[0];
    return { reason: `the Electron binary is not installed (${first})` };
  }
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(bin) ? { bin } : { reason: `no Electron binary at ${bin}` };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        'the Electron binary is not installed (run "npx install-electron" where it can be downloaded)',
    };
  }
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? { bin } : { reason: `no Electron binary at ${bin}` };
}
