/**
 * Fixtures for the Electron specs (style.md §2 practice 14, after Actual's desktop-electron e2e):
 * a fresh data dir per test (honoured because the app runs unpackaged), the REAL app launched
 * from the repository (`args: ['.']` -> package.json main -> out/main/electron.cjs), closed and
 * cleaned up afterwards. playwright.config.ts includes this folder only where an Electron binary
 * exists, and prints why when it does not.
 *
 * @example
 * test('starts', async ({ appWindow }) => { await expect(appWindow).toHaveTitle('PermSim'); });
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, test as base, expect } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

type Fixtures = {
  dataDir: string;
  electronApp: ElectronApplication;
  appWindow: Page;
};

export const test = base.extend<Fixtures>({
  dataDir: async ({}, use, testInfo) => {
    const dir = await mkdtemp(
      path.join(os.tmpdir(), `permsim-electron-${testInfo.testId.slice(0, 12)}-`),
    );
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  electronApp: async ({ dataDir }, use) => {
    const main = path.join(repoRoot, 'out/main/electron.cjs');
    if (!existsSync(main))
      throw new Error(`${main} is missing: run npm run build before the Electron specs.`);
    const app = await electron.launch({
      args: ['.'],
      cwd: repoRoot,
      env: { ...process.env, PERMSIM_DATA_DIR: dataDir, PERMSIM_TEST_MODE: '1' },
    });
    await use(app);
    await app.close();
  },
  appWindow: async ({ electronApp }, use) => {
    const errors: string[] = [];
    const page = await electronApp.firstWindow();
    page.on('pageerror', e => errors.push(e.message));
    await page.waitForLoadState('domcontentloaded');
    await use(page);
    expect(errors, 'uncaught errors in the renderer').toEqual([]);
  },
});

export { expect };
