import type { Locator, Page } from '@playwright/test';
import { pick } from './pick';

/** The Ask view: credentials, the REST call, and the answer with its explanation. */
export class AskPage {
  readonly page: Page;
  readonly form: Locator;
  readonly user: Locator;
  readonly call: Locator;
  readonly askButton: Locator;
  readonly answer: Locator;
  readonly status: Locator;
  readonly body: Locator;
  readonly steps: Locator;
  readonly decidingEntries: Locator;
  readonly losingEntries: Locator;
  readonly suggestions: Locator;

  constructor(page: Page) {
    this.page = page;
    this.form = page.getByRole('form', { name: 'Ask' });
    this.user = this.form.getByRole('combobox', { name: 'User', exact: true });
    this.call = this.form.getByRole('combobox', { name: 'REST call' });
    this.askButton = this.form.getByRole('button', { name: 'Ask', exact: true });
    this.answer = page.getByRole('region', { name: 'Answer' });
    this.status = this.answer.getByRole('status', { name: 'HTTP status' });
    this.body = this.answer.getByLabel('Response body');
    this.steps = this.answer
      .getByRole('list', { name: 'Explanation' })
      .getByRole('listitem')
      .filter({ has: page.locator('.step-head') });
    this.decidingEntries = this.answer.getByLabel('Deciding entries');
    this.losingEntries = this.answer.getByLabel('Losing entries');
    this.suggestions = page.getByRole('listbox', { name: 'Suggested calls' });
  }

  /** One explanation step by its title, e.g. 'Run-time check', 'Visibility', 'Authentication'. */
  step(title: string): Locator {
    return this.answer.getByRole('listitem', { name: new RegExp(`^Step \\d+: ${title},`) });
  }

  /** The entries that decided the run-time check (§9.6). */
  get runtimeDeciding(): Locator {
    return this.step('Run-time check').getByLabel('Deciding entries');
  }

  get runtimeLosing(): Locator {
    return this.step('Run-time check').getByLabel('Losing entries');
  }

  async askAs(user: string, call: string): Promise<void> {
    await this.page.getByRole('tab', { name: /Ask/ }).click();
    await this.form.getByRole('radio', { name: 'User' }).check();
    await pick(this.user, user);
    await this.call.fill(call);
    await this.call.press('Escape');
    await this.askButton.click();
  }
}
