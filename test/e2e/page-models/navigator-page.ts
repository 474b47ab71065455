import type { Locator, Page } from '@playwright/test';

/** The project navigator: sections of users, groups, Things, ... with a search box. */
export class NavigatorPage {
  readonly root: Locator;
  readonly search: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('navigation', { name: 'Project navigator' });
    this.search = this.root.getByLabel('Search the model');
  }

  /** `kind` is the singular label: 'User', 'Group', 'Thing', 'Template', 'Shape', 'Organization'. */
  item(kind: string, name: string): Locator {
    return this.root.getByRole('button', { name: `${kind} ${name}`, exact: true });
  }

  async select(kind: string, name: string): Promise<void> {
    await this.item(kind, name).click();
  }

  section(title: string): Locator {
    return this.root.getByRole('list', { name: title });
  }
}
