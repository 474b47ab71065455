/**
 * The Lessons panel's contract calls (`lesson:*`, docs/lessons.md) through `dispatch`: the course,
 * a lesson's steps without the answers, starting a lesson as one undoable edit, a prediction whose
 * answer comes only once committed, a task checked against the project's model (wrong, then right),
 * progress kept in the project file across a reopen, and bad arguments refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LessonProgress, LessonView, ProjectInfo, TaskCheck } from '../../../shared/contract';
import { createHandlers } from '../../../main/api';
import type { HandlerMap } from '../../../main/api';

const LESSON = '08-apps-propagation';
let dir: string;
let api: HandlerMap;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'permsim-lessons-'));
  api = createHandlers({ dataDir: join(dir, 'data') });
  const r = await api.dispatch('project:new', { path: join(dir, 'class.permsim') });
  expect(r.ok).toBe(true);
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(name: string, args: unknown): Promise<T> {
  const r = await api.dispatch(name, args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('lesson calls', () => {
  it('lists the course and gives a lesson without its answers or solutions', async () => {
    const list = await call<{ id: string; tasks: number }[]>('lesson:list', {});
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list.map(l => l.id)).toContain(LESSON);
    const view = await call<LessonView>('lesson:get', { id: LESSON });
    const predict = view.steps.find(s => s.kind === 'predict');
    expect(predict?.choices).toEqual([200, 403, 404]);
    expect(JSON.stringify(view)).not.toMatch(/"answer"|"solution"|"type":"apps-invoke"/);
    const task = view.steps.find(s => s.kind === 'task');
    expect(task?.goal).toBe('make op1 lose Write on Line3 without touching Line2');
    expect(task?.keep).toEqual([
      "everyone's permission on equipment Line2",
      'every answer on Thing Line2',
    ]);
  });

  it('runs a lesson: start, predict, a wrong then a right answer, progress kept in the project', async () => {
    const started = await call<{ info: ProjectInfo; progress: LessonProgress }>('lesson:start', {
      id: LESSON,
    });
    expect(started.info.modelName).toBe('Lesson 8: ThingWorx Apps propagation');
    expect(started.info.canUndo).toBe(true);
    expect(started.progress.current).toBe(LESSON);

    const p = await call<{ correct: boolean; answer: number }>('lesson:predict', {
      id: LESSON,
      step: 1,
      choice: 403,
    });
    expect(p).toMatchObject({ correct: false, answer: 200 });

    // Wrong: take Write from the whole group on Line3 (op2 loses it too).
    const wrong = await call<ProjectInfo>('apps:apply', {
      service: 'GrantUserGroupPermissionsOnEntities',
      params: {
        entities: { rows: [{ Name: 'Line3', Type: 'Equipment' }] },
        permissionType: 'Read',
        userGroupNames: { rows: [{ UserGroupName: 'Operators' }] },
      },
    });
    expect(wrong.revision).toBeGreaterThan(started.info.revision);
    const c1 = await call<{ check: TaskCheck }>('lesson:check', { id: LESSON, step: 3 });
    expect(c1.check.met).toBe(false);
    expect(c1.check.problems).toEqual([
      'op2 keeps Write on Line3: expected op2 has Write on Line3 in DefaultContext; the model answers Read',
    ]);

    // Right: undo, then Read for the user op1 only.
    await call('model:undo', {});
    await call('apps:apply', {
      service: 'GrantUserPermissionsOnEntities',
      params: {
        entities: { rows: [{ Name: 'Line3', Type: 'Equipment' }] },
        permissionType: 'Read',
        userNames: { rows: [{ UserName: 'op1' }] },
      },
    });
    const c2 = await call<{ check: TaskCheck; progress: LessonProgress }>('lesson:check', {
      id: LESSON,
      step: 3,
    });
    expect(c2.check.met).toBe(true);
    expect(c2.progress.lessons[0]).toMatchObject({
      id: LESSON,
      tasksMet: [3],
      predictions: [{ step: 1, choice: 403, correct: false }],
    });
    await call('lesson:goto', { id: LESSON, step: 4 });

    // Reopen the project file: the progress is still there.
    await call('project:open', { path: join(dir, 'class.permsim') });
    const again = await call<LessonProgress>('lesson:progress', {});
    expect(again.current).toBe(LESSON);
    expect(again.lessons[0]).toMatchObject({ step: 4, tasksMet: [3] });

    // Reset: the starting model again, the record cleared.
    const reset = await call<{ progress: LessonProgress }>('lesson:start', { id: LESSON });
    expect(reset.progress.lessons[0]).toMatchObject({ step: 0, tasksMet: [], predictions: [] });
    const c3 = await call<{ check: TaskCheck }>('lesson:check', { id: LESSON, step: 3 });
    expect(c3.check.met).toBe(false);
  });

  it('refuses bad arguments with a specific message and changes nothing', async () => {
    const bad = await api.dispatch('lesson:start', { id: '../etc/passwd' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/lesson id/);
    const missing = await api.dispatch('lesson:get', { id: 'no-such-lesson' });
    expect(missing.ok || missing.error.message).toBe("There is no lesson 'no-such-lesson'.");
    await call('lesson:start', { id: LESSON });
    const notTask = await api.dispatch('lesson:check', { id: LESSON, step: 0 });
    expect(notTask.ok || notTask.error.message).toBe(`step 0 of lesson '${LESSON}' is not a task`);
    const far = await api.dispatch('lesson:goto', { id: LESSON, step: 99 });
    expect(far.ok || far.error.message).toBe(`lesson '${LESSON}' has steps 0 to 4, not 99`);
  });
});
