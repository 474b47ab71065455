import { expect, type Locator } from '@playwright/test';

/**
 * Picks an option of a type-to-search combobox (renderer/src/components/Combobox.tsx) as a user
 * does: types the exact name and presses Enter, then checks that the field shows it.
 */
export async function pick(combobox: Locator, name: string, shown: string = name): Promise<void> {
  // Cleared first: typing the name it already shows would change nothing, and Enter would then
  // submit the form around it, as in a plain text field.
  await combobox.fill('');
  await combobox.fill(name);
  await combobox.press('Enter');
  await expect(combobox).toHaveValue(shown);
}
