// A lesson run end to end (docs/lessons.md) against the real server, handler map, engine and SQLite
// project: the Lessons panel lists the course, starting lesson 8 puts its model into the project,
// a prediction is answered only once committed, the task is checked with a wrong answer (Read for
// the whole group, §7.8) and then a right one (Read for op1 only), the list keeps the score, and
// "Reset lesson" restores the starting model. Screenshots at 1440x900 and 1024x700.
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import { pick } from '../page-models/pick';
import type { AppPage } from '../page-models/app-page';

const LESSON = /ThingWorx Apps permissions and propagation/;

async function propagate(app: AppPage, target: 'group' | 'user', who: string): Promise<void> {
  const { page } = app;
  await page.getByRole('tab', { name: 'Equipment' }).click();
  await page.getByLabel('Context', { exact: true }).selectOption('DefaultContext');
  await pick(page.getByRole('combobox', { name: 'User or group' }), 'user:op1', 'op1');
  const form = page.getByRole('region', { name: 'Propagate permissions' });
  await form.getByLabel('Service').selectOption(target);
  await pick(
    form.getByRole('combobox', { name: target === 'group' ? 'Group' : 'User', exact: true }),
    who,
  );
  await form.getByLabel('Permission', { exact: true }).selectOption('Read');
  await form.getByLabel('From entity', { exact: true }).fill('Line3');
  await form.getByRole('button', { name: 'Preview' }).click();
  await app.waitIdle();
  await form.getByRole('button', { name: 'Apply' }).click();
  await app.waitIdle();
}

/** Opens the panel, starts lesson 8 and goes to its task (step 4) with the keyboard. */
async function startLesson(app: AppPage): Promise<Locator> {
  const { page } = app;
  await page.getByRole('button', { name: 'Lessons' }).click();
  const panel = page.getByRole('complementary', { name: 'Lessons' });
  await expect(panel.getByRole('listitem')).toHaveCount(8);
  await panel.getByRole('button', { name: LESSON }).click();
  await panel.getByRole('button', { name: 'Start lesson' }).click();
  await app.waitIdle();
  await expect(app.projectName).toHaveText('Lesson 8: ThingWorx Apps propagation');
  await expect(panel.getByRole('button', { name: 'Reset lesson' })).toBeVisible();
  return panel;
}

test('a lesson: a prediction, then a wrong and a right answer to its task', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1440, height: 900 });
  const panel = await startLesson(app);

  // The prediction: the answer shows only once committed.
  await panel.getByRole('button', { name: 'Next ›' }).click();
  await expect(panel.getByText('Step 2 of 5')).toBeVisible();
  await expect(panel.getByRole('status', { name: 'Prediction result' })).toHaveCount(0);
  await panel.getByRole('radio', { name: '403' }).check();
  await panel.getByRole('button', { name: 'Commit my prediction' }).click();
  await expect(panel.getByRole('status', { name: 'Prediction result' })).toHaveText(
    /Not quite: ThingWorx answers 200, not 403\./,
  );
  await expect(panel.getByRole('radio', { name: '200' })).toBeDisabled();

  // The keyboard moves through the steps.
  await panel.getByRole('button', { name: 'Next ›' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByText('Step 4 of 5')).toBeVisible();
  await expect(panel).toContainText('make op1 lose Write on Line3 without touching Line2');

  // Wrong: Read for the whole group takes Write from op2 too.
  await propagate(app, 'group', 'Operators');
  await panel.getByRole('button', { name: 'Check my model' }).click();
  const result = panel.getByRole('status', { name: 'Task result' });
  await expect(result).toContainText('Not yet');
  await expect(result).toContainText(
    'op2 keeps Write on Line3: expected op2 has Write on Line3 in DefaultContext; the model answers Read',
  );
  await app.screenshot('lessons-task-wrong-1440');

  // Right: undo, then Read for op1 only.
  await app.undo();
  await propagate(app, 'user', 'op1');
  await panel.getByRole('button', { name: 'Check my model' }).click();
  await expect(result).toContainText('Task met');
  await app.screenshot('lessons-task-met-1440');
});

test('the list keeps the score, a small window, and reset restores the starting model', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 700 });
  const panel = await startLesson(app);
  // In a small window, opening the panel folded the navigator so the view keeps its room.
  await expect(page.getByRole('button', { name: 'Show navigator' })).toBeVisible();
  await panel.getByRole('button', { name: 'Next ›' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(panel.getByText('Step 4 of 5')).toBeVisible();
  await propagate(app, 'user', 'op1');
  await panel.getByRole('button', { name: 'Check my model' }).click();
  await expect(panel.getByRole('status', { name: 'Task result' })).toContainText('Task met');
  await app.screenshot('lessons-task-met-1024');

  // The list keeps the score (the progress is kept in the project file).
  await panel.getByRole('button', { name: '← All lessons' }).click();
  await expect(panel.getByRole('button', { name: LESSON })).toContainText('1 of 1 task met');
  await app.screenshot('lessons-list-1024');

  // Reset: the starting model again, from the first step.
  await panel.getByRole('button', { name: LESSON }).click();
  await panel.getByRole('button', { name: 'Reset lesson' }).click();
  await app.waitIdle();
  await expect(panel.getByText('Step 1 of 5')).toBeVisible();
  await page.getByRole('tab', { name: 'Ask' }).click();
  await app.ask.askAs('op1', 'PUT /Thingworx/Things/Line3/Properties/speed');
  await expect(app.ask.status).toContainText('200');
});
