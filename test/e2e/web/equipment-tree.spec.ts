// The Equipment view (domain reference §7) against the real server, handler map, engine and SQLite project:
// assets/demos/smart-factory.yaml is imported into the fresh default project. Values are the stored
// run-time entries read back as the context-manager view services read them (§7.14, §7.18).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { pick } from '../page-models/pick';
import type { AppPage } from '../page-models/app-page';

async function importModel(app: AppPage, text: string, fileName: string): Promise<void> {
  const r = await app.page.evaluate(
    async ({ text, fileName }) => {
      const res = await fetch('/api/project:import-model', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, fileName }),
      });
      return (await res.json()) as { ok: boolean; error?: { message: string } };
    },
    { text, fileName },
  );
  expect(r.error?.message ?? '', 'project:import-model').toBe('');
  await app.waitIdle();
}

const node = (page: Page, name: string) => page.getByRole('treeitem', { name, exact: true });

async function openEquipment(app: AppPage, context: string, principal: string): Promise<void> {
  await app.page.getByRole('tab', { name: 'Equipment' }).click();
  await app.page.getByLabel('Context', { exact: true }).selectOption(context);
  await pick(
    app.page.getByRole('combobox', { name: 'User or group' }),
    principal,
    principal.replace(/^(user|group):/, ''),
  );
  await app.waitIdle();
}

test('shows effective permissions with provenance, previews a propagation and applies it (§7.6, §7.17, §7.18)', async ({
  app,
}) => {
  const { page } = app;
  await importModel(
    app,
    readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
    'smart-factory.yaml',
  );
  await expect(app.projectName).toContainText('Smart factory');
  await openEquipment(app, 'DefaultContext', 'user:op1');

  // Filler1: Read for op1 via Operators, written by the propagation from PackLine (§10.23).
  await expect(node(page, 'Filler1')).toContainText('Read');
  await expect(node(page, 'Filler1')).toContainText('via Operators · propagated from PackLine');
  // Capper1: Operators' later None replaced the propagated Read (§7.8).
  await expect(node(page, 'Capper1')).toContainText('None');
  // Mixer1: never granted to op1 or its groups: None, no row (§7.18).
  await expect(node(page, 'Mixer1')).toContainText('no grant');
  await expect(page.getByLabel('Context permission')).toContainText('Read');
  await app.screenshot('equipment-tree-op1');

  // The details of a node name the deciding principal, the membership path and the grant.
  await node(page, 'Filler1').click();
  const details = page.getByRole('region', { name: 'Node details' });
  await expect(details).toContainText('group Operators');
  await expect(details).toContainText(
    'PropagateUserGroupPermissionsOnEntities #2: Read propagated from PackLine',
  );

  const revision = page.getByRole('banner').getByTitle('Saved revision of the project file');
  const savedRevision = (await revision.textContent()) ?? '';
  // Preview: Read for Operators from MixLine reaches MixLine and Mixer1, not the siblings (§10.23).
  const form = page.getByRole('region', { name: 'Propagate permissions' });
  await pick(form.getByRole('combobox', { name: 'Group', exact: true }), 'Operators');
  await form.getByLabel('Permission', { exact: true }).selectOption('Read');
  await form.getByLabel('From entity', { exact: true }).fill('MixLine');
  await form.getByRole('button', { name: 'Preview' }).click();
  await app.waitIdle();
  const preview = form.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('2 nodes change');
  await expect(preview.getByRole('listitem').filter({ hasText: 'user op1' })).toContainText(
    'gains MixLine (None → Read), Mixer1 (None → Read)',
  );
  // lead already holds Read on MixLine (own entry, §10.19): only Mixer1 changes for lead.
  await expect(preview.getByRole('listitem').filter({ hasText: 'user lead' })).toContainText(
    'gains Mixer1 (None → Read)',
  );
  await expect(node(page, 'Mixer1')).toHaveClass(/changed/);
  await expect(node(page, 'Mixer1').getByLabel('after: Read')).toBeVisible();
  await expect(node(page, 'Chiller')).not.toHaveClass(/changed/);
  // Nothing is saved by a preview: the project revision is unchanged.
  await expect(revision).toHaveText(savedRevision);
  await app.screenshot('equipment-tree-preview');
  await preview.scrollIntoViewIfNeeded();
  await app.screenshot('equipment-tree-preview-list');

  // Apply: saved as an undoable edit; the tree now shows the new value and where it came from.
  await form.getByRole('button', { name: 'Apply' }).click();
  await app.waitIdle();
  await expect(node(page, 'Mixer1')).toContainText('Read');
  await expect(node(page, 'Mixer1')).toContainText('propagated from MixLine');
  await expect(node(page, 'Mixer1')).not.toHaveClass(/changed/);
  await app.screenshot('equipment-tree-applied');

  // The same change is visible as a platform answer: op1 may now read Mixer1's properties (§7.14).
  await app.page.getByRole('tab', { name: 'Ask' }).click();
  await app.ask.askAs('op1', 'GET /Thingworx/Things/Mixer1/Properties/temperature');
  await expect(app.ask.status).toContainText('200');

  // Undo restores the previous state in the tree as well.
  await app.undo();
  await app.page.getByRole('tab', { name: 'Equipment' }).click();
  await expect(node(page, 'Mixer1')).toContainText('no grant');
});

test('a group as principal, collapse and expand, and a context without Read (§7.3, §10.17)', async ({
  app,
}) => {
  const { page } = app;
  await importModel(
    app,
    readFileSync('assets/demos/smart-factory.yaml', 'utf8'),
    'smart-factory.yaml',
  );
  await openEquipment(app, 'DefaultContext', 'user:visitor');
  await expect(node(page, 'Chiller')).toContainText('Read');
  await expect(node(page, 'Chiller')).toContainText('not shown: no Read on the context');
  await expect(page.getByLabel('Context permission')).toContainText(
    'has no Read on context DefaultContext',
  );

  await pick(page.getByRole('combobox', { name: 'User or group' }), 'group:Operators', 'Operators');
  await app.waitIdle();
  await expect(node(page, 'PackLine')).toContainText('own entry · propagated from PackLine');
  // By keyboard, as in any tree: the focused item collapses with ArrowLeft, expands with ArrowRight.
  await node(page, 'PackLine').focus();
  await page.keyboard.press('ArrowLeft');
  await app.waitIdle();
  await expect(node(page, 'Filler1')).toHaveCount(0);
  await expect(page.getByText('5 of 7 nodes shown')).toBeVisible();
  await expect(node(page, 'PackLine')).toHaveAttribute('aria-expanded', 'false');
  // The pointer way: the node's ▸ button.
  await node(page, 'PackLine').locator('.eq-toggle').click();
  await app.waitIdle();
  await expect(node(page, 'Filler1')).toContainText('Read');
});

test('a few hundred visible nodes are laid out in the worker and drawn with React Flow (style.md §3.4)', async ({
  app,
}) => {
  const { page } = app;
  const lines = [
    'permsim: 1',
    'name: Wide site',
    'users:',
    '  w1: {}',
    'apps:',
    '  contexts:',
    '    Wide:',
    '      equipment:',
    '        Site0:',
    '          type: Site',
    '          children:',
  ];
  for (let a = 0; a < 300; a++) lines.push(`            A${a}: { type: Asset }`);
  await importModel(app, lines.join('\n'), 'wide.yaml');
  await openEquipment(app, 'Wide', 'user:w1');
  // More than 200 nodes: the context opens with its roots only.
  await expect(page.getByText('1 of 301 nodes shown')).toBeVisible();
  const worker = page.waitForEvent('worker');
  await node(page, 'Site0').locator('.eq-toggle').click();
  expect((await worker).url()).toContain('layout.worker');
  const flow = page.getByRole('tree', { name: 'Equipment tree' });
  await expect(flow.getByRole('treeitem')).toHaveCount(301);
  await app.screenshot('equipment-tree-300-flow');
  await expect(node(page, 'A299')).toContainText('no grant');
  await expect(page.getByText('301 of 301 nodes shown')).toBeVisible();
});

test('a 100,000-node context switches to the virtualised list and stays responsive (performance.md §4)', async ({
  app,
}) => {
  const { page } = app;
  const lines: string[] = [
    'permsim: 1',
    'name: Big plant',
    'users:',
    '  w1: { groups: [Workers] }',
    'groups:',
    '  Workers: {}',
    'apps:',
    '  contexts:',
    '    Big:',
    '      equipment:',
    '        Site0:',
    '          type: Site',
    '          children:',
  ];
  const LINES = 100;
  const ASSETS = 999; // 1 site + 100 lines + 99,900 assets = 100,001 nodes
  for (let l = 0; l < LINES; l++) {
    lines.push(`            L${l}:`, '              type: Line', '              children:');
    for (let a = 0; a < ASSETS; a++) lines.push(`                A${l}_${a}: { type: Asset }`);
  }
  lines.push(
    '  grants:',
    '    - { principal: group:Workers, permission: Read, entities: [{ name: Big, type: Context }] }',
    '    - { principal: group:Workers, permission: Read, context: Big, propagateFrom: L7 }',
  );
  await importModel(app, lines.join('\n'), 'big.yaml');
  await page.getByRole('tab', { name: 'Equipment' }).click();
  await app.waitIdle();
  await pick(page.getByRole('combobox', { name: 'User or group' }), 'user:w1', 'w1');
  await app.waitIdle();
  // Large contexts open with their roots only; expanding everything gives the list.
  await expect(node(page, 'Site0')).toBeVisible();
  const started = Date.now();
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(page.getByText('100,001 of 100,001 nodes shown · list view')).toBeVisible();
  const list = page.getByRole('tree', { name: 'Equipment tree (list)' });
  // Only the rows on screen are in the DOM.
  expect(await list.getByRole('treeitem').count()).toBeLessThan(100);
  // Scroll to the middle: the rows there are fetched and drawn.
  await list.evaluate(el => {
    el.scrollTop = 7 * 1000 * 30 + 30;
  });
  await expect(node(page, 'A7_0')).toContainText('Read');
  await expect(node(page, 'A7_0')).toContainText('propagated from L7');
  expect(Date.now() - started, 'expand all and scroll to the middle').toBeLessThan(15_000);
  await app.screenshot('equipment-tree-100k-list');
});
