import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The What-if workbench and the fix suggestions panel of the Ask view, in the user's words
 * (roles and labels; see renderer/src/whatif/).
 *
 * @example
 * const w = new WhatIfPage(page);
 * await w.suggestFixes();
 * await w.suggestion(1).getByRole('button', { name: 'New scenario with this fix' }).click();
 */
export class WhatIfPage {
  readonly page: Page;
  readonly tab: Locator;
  readonly suggestFixesButton: Locator;
  readonly fixes: Locator;
  readonly suggestions: Locator;
  readonly scenarioName: Locator;
  readonly savedScenarios: Locator;
  readonly changeList: Locator;
  readonly changes: Locator;
  readonly counts: Locator;
  readonly goal: Locator;
  readonly diffTable: Locator;
  /** Body rows of the diff table (one per changed cell). */
  readonly diffRows: Locator;
  readonly blastRadius: Locator;
  readonly rectangles: Locator;
  readonly cellExplanation: Locator;
  readonly stepSlider: Locator;
  readonly stepLabel: Locator;
  readonly applyButton: Locator;
  readonly appliedNote: Locator;

  constructor(page: Page) {
    this.page = page;
    this.tab = page.getByRole('tab', { name: 'What-if' });
    this.suggestFixesButton = page
      .getByRole('region', { name: 'Answer' })
      .getByRole('button', { name: 'Suggest fixes' });
    this.fixes = page.getByRole('region', { name: 'Fix suggestions' });
    this.suggestions = this.fixes
      .getByRole('list', { name: 'Suggested changes' })
      .getByRole('listitem')
      .filter({ has: page.locator('.fix-main') });
    this.scenarioName = page.getByRole('textbox', { name: 'Scenario name' });
    this.savedScenarios = page.getByRole('combobox', { name: 'Saved scenarios' });
    this.changeList = page.getByRole('list', { name: 'Change list' });
    this.changes = this.changeList.getByRole('listitem');
    this.counts = page.getByLabel('Diff counts');
    this.goal = page.getByLabel('Goal');
    this.diffTable = page.getByRole('table', { name: 'Changed cells' });
    this.diffRows = this.diffTable.locator('tbody').getByRole('row');
    this.blastRadius = page.getByRole('list', { name: 'Blast radius' });
    this.rectangles = this.blastRadius.getByRole('listitem');
    this.cellExplanation = page.getByRole('region', { name: 'Cell explanation' });
    this.stepSlider = page.getByRole('slider', { name: 'Step' });
    this.stepLabel = page.getByRole('region', { name: 'Steps' }).locator('.step-label');
    this.applyButton = page.getByRole('button', { name: 'Apply to baseline' });
    this.appliedNote = page.getByRole('status', { name: 'Applied scenario' });
  }

  /** Suggestion n (1-based, best first). */
  suggestion(n: number): Locator {
    return this.suggestions.nth(n - 1);
  }

  async suggestFixes(): Promise<void> {
    await this.suggestFixesButton.click();
    await expect(this.fixes.getByRole('list', { name: 'Suggested changes' })).toBeVisible();
  }

  async open(): Promise<void> {
    await this.tab.click();
  }

  /** The diff rows' accessible names, e.g. 'alice POST /Thingworx/...: 403 to 200, gained'. */
  async rowNames(): Promise<string[]> {
    return this.diffRows.evaluateAll(rows => rows.map(r => r.getAttribute('aria-label') ?? ''));
  }

  async addChange(v: {
    what?: string;
    op?: 'Add' | 'Remove';
    level?: string;
    target?: string;
    effect?: 'Allow' | 'Deny';
    kind?: string;
    resource?: string;
    principal?: string;
    member?: string;
    group?: string;
  }): Promise<void> {
    await this.page.getByRole('button', { name: '+ Add change' }).click();
    const form = this.page.getByRole('form', { name: 'New change' });
    if (v.what) await form.getByLabel('Change type').selectOption({ label: v.what });
    if (v.op) await form.getByLabel('Operation').selectOption({ label: v.op });
    if (v.level) await form.getByLabel('Level').selectOption({ label: v.level });
    if (v.target !== undefined) await form.getByLabel('Target').fill(v.target);
    if (v.effect) await form.getByLabel('Effect').selectOption({ label: v.effect });
    if (v.kind) await form.getByLabel('Kind').selectOption(v.kind);
    if (v.resource !== undefined) await form.getByLabel('Resource').fill(v.resource);
    if (v.principal !== undefined) await form.getByLabel('Principal').fill(v.principal);
    if (v.member !== undefined) await form.getByLabel('Member').fill(v.member);
    if (v.group !== undefined) await form.getByLabel('Group').fill(v.group);
    await form.getByRole('button', { name: 'Add change' }).click();
  }

  /**
   * Removes the seed question's deciding entry (§9.6) on the demo: DataAnalysts' Deny of
   * GetDataStream on SensorDataStream.
   */
  async removeAnalystsDeny(): Promise<void> {
    await this.addChange({
      op: 'Remove',
      target: 'SensorDataStream',
      effect: 'Deny',
      kind: 'ServiceInvoke',
      resource: 'GetDataStream',
      principal: 'group:DataAnalysts',
    });
  }

  /** Downloads what the open "Export to ThingWorx" dialog offers: the file's name and text. */
  async downloadExport(): Promise<{ name: string; text: string }> {
    const dialog = this.page.getByRole('dialog', { name: 'Export to ThingWorx' });
    const [d] = await Promise.all([
      this.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download' }).click(),
    ]);
    return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
  }
}
