import type { Locator, Page } from '@playwright/test';

/** The inspector of the selected element: its data, permission sets (editable) and effective permissions. */
export class InspectorPage {
  readonly root: Locator;
  readonly name: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('complementary', { name: 'Inspector' });
    this.name = this.root.getByLabel('Selected element');
  }

  permissionSet(title: string): Locator {
    return this.root.getByRole('region', { name: title });
  }

  /** `label` as the remove button names it, e.g. 'Deny ServiceInvoke on GetDataStream for group:DataAnalysts'. */
  removeButton(label: string): Locator {
    return this.root.getByRole('button', { name: `Remove ${label}`, exact: true });
  }

  async addRuntimeEntry(
    set: string,
    e: { allow: boolean; kind: string; resource: string; principal: string },
  ): Promise<void> {
    const region = this.permissionSet(set);
    await region.getByRole('button', { name: `Add entry to ${set}` }).click();
    const form = region.getByRole('form', { name: `New entry in ${set}` });
    const family = form.getByLabel('Family');
    if ((await family.count()) > 0) await family.selectOption('runtime');
    await form.getByLabel('Effect').selectOption(e.allow ? 'allow' : 'deny');
    await form.getByLabel('Kind').selectOption(e.kind);
    await form.getByLabel('Resource').fill(e.resource);
    await form.getByLabel('Principal').fill(e.principal);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
  }
}
