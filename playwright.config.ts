// Playwright: one suite, two targets (style.md §2 practice 14). `web` drives the built renderer in
// Debian's Chromium against the real loopback server, handler map, engine and SQLite project
// (test/e2e/fixtures.ts). `electron` runs test/e2e/electron/ only where an Electron binary exists;
// where it does not (the team's build and CI machines, architecture.md §2), the project is left out
// and the reason is printed once at startup.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import { electronBinary as findElectron } from './scripts/electron-binary.mjs';

const CHROMIUM = '/usr/bin/chromium';

const electron = findElectron(path.dirname(fileURLToPath(import.meta.url)));
const projects: NonNullable<PlaywrightTestConfig['projects']> = [
  {
    name: 'web',
    testDir: './test/e2e/web',
    use: {
      browserName: 'chromium',
      viewport: { width: 1280, height: 800 },
      launchOptions: {
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-gpu',
        ],
      },
    },
  },
];

if ('bin' in electron) {
  projects.push({ name: 'electron', testDir: './test/e2e/electron' });
} else if (!process.env.PERMSIM_QUIET_E2E_NOTICE) {
  // Printed by the main process and every worker would repeat it; the env flag marks it as said.
  process.env.PERMSIM_QUIET_E2E_NOTICE = '1';
  console.log(
    `[playwright] electron project excluded: ${electron.reason}. Only the web project runs.`,
  );
}

if (!existsSync(CHROMIUM)) {
  console.log(
    `[playwright] ${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run the web project.`,
  );
}

export default defineConfig({
  projects,
  globalSetup: './test/e2e/web/global-setup.ts',
  outputDir: 'test-results',
  workers: 2,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
  },
});
