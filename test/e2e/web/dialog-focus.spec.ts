// Every dialog gives the keyboard back where it was: opened from a button, closed by Escape or its
// Cancel button, the focus is on that button again (DialogFrame, the one frame of every dialog).
// Keyboard users would otherwise land at the top of the page after each dialog.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { WhatIfPage } from '../page-models/whatif';

type Case = {
  dialog: string;
  opener: (page: Page) => Locator;
  /** Before opening: bring the opener on screen. */
  before?: (page: Page) => Promise<void>;
  close: 'Escape' | 'Cancel';
};

const banner = (page: Page) => page.getByRole('banner');
const CASES: Case[] = [
  {
    dialog: 'New project',
    opener: p => banner(p).getByRole('button', { name: 'New…' }),
    close: 'Escape',
  },
  {
    dialog: 'Open project',
    opener: p => banner(p).getByRole('button', { name: 'Open…' }),
    close: 'Cancel',
  },
  {
    dialog: 'Save project as',
    opener: p => banner(p).getByRole('button', { name: 'Save as…' }),
    close: 'Escape',
  },
  {
    dialog: 'Import',
    opener: p => banner(p).getByRole('button', { name: 'Import…' }),
    close: 'Escape',
  },
  {
    dialog: 'Export report',
    opener: p => banner(p).getByRole('button', { name: 'Export…' }),
    close: 'Escape',
  },
  {
    dialog: 'Semantics options',
    opener: p => banner(p).getByRole('button', { name: 'Semantics…' }),
    close: 'Escape',
  },
  {
    dialog: 'Add user',
    opener: p => p.getByRole('button', { name: 'Add user' }),
    close: 'Cancel',
  },
  {
    dialog: 'Rename user alice',
    opener: p => p.getByRole('button', { name: 'Rename…' }),
    before: async p => {
      await p.getByRole('button', { name: 'User alice', exact: true }).click();
    },
    close: 'Escape',
  },
  {
    dialog: 'Export to ThingWorx',
    opener: p => p.getByRole('button', { name: 'Export to ThingWorx…' }),
    before: async p => {
      await new WhatIfPage(p).open();
    },
    close: 'Escape',
  },
];

test('closing any dialog gives the focus back to the button that opened it', async ({
  app,
  page,
}) => {
  for (const c of CASES) {
    await c.before?.(page);
    const opener = c.opener(page);
    await opener.click();
    const dialog = page.getByRole('dialog', { name: c.dialog });
    await expect(dialog, c.dialog).toBeVisible();
    // Focus is inside the dialog while it is open.
    await expect
      .poll(() => dialog.evaluate(d => d.contains(document.activeElement)), { message: c.dialog })
      .toBe(true);
    if (c.close === 'Escape') await page.keyboard.press('Escape');
    else await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog, c.dialog).toBeHidden();
    await expect(opener, `${c.dialog}: focus back on its opener`).toBeFocused();
    await app.waitIdle();
  }
});
