/**
 * Page models of the PermSim renderer: tests speak in the user's words (roles and labels) and never
 * reach into the DOM structure.
 *
 * @example
 * const app = new AppPage(page);
 * await app.navigator.select('Thing', 'SensorDataStream');
 * await app.inspector.removeEntry('Deny ServiceInvoke on GetDataStream for group:DataAnalysts');
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { AskPage } from './ask-page';
import { InspectorPage } from './inspector-page';
import { NavigatorPage } from './navigator-page';

export class AppPage {
  readonly page: Page;
  readonly navigator: NavigatorPage;
  readonly inspector: InspectorPage;
  readonly ask: AskPage;
  readonly projectName: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly openButton: Locator;
  readonly errors: Locator;

  constructor(page: Page) {
    this.page = page;
    this.navigator = new NavigatorPage(page);
    this.inspector = new InspectorPage(page);
    this.ask = new AskPage(page);
    const banner = page.getByRole('banner');
    this.projectName = banner.getByLabel('Project name');
    this.undoButton = banner.getByRole('button', { name: /Undo/ });
    this.redoButton = banner.getByRole('button', { name: /Redo/ });
    this.openButton = banner.getByRole('button', { name: 'Open…' });
    this.errors = page.getByRole('alert');
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.page.locator('.app')).toHaveAttribute('aria-busy', 'false');
    await this.waitIdle();
  }

  /** Waits until no contract call is in flight (the progress bar is idle). */
  async waitIdle(): Promise<void> {
    await expect(this.page.getByRole('progressbar', { name: 'Working' })).toHaveAttribute(
      'aria-valuetext',
      'Idle',
    );
  }

  async undo(): Promise<void> {
    await this.undoButton.click();
    await this.waitIdle();
  }

  async openProject(path: string): Promise<void> {
    await this.openButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Open project' });
    await dialog.getByLabel('Project file path').fill(path);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await this.waitIdle();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png` });
  }
}
