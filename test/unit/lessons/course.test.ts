/**
 * The bundled course (assets/lessons, docs/lessons.md): at least eight lessons covering the
 * layers, each valid against the schema; every prediction's stated answer is the starting model's
 * answer; every task is unmet on the starting model (with what is wrong said) and met once its
 * reference solution is applied; the whole lesson is met by the model its solutions give.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonFiles, readLessonFile } from '../../../main/api/lesson-file';
import {
  answerQuestion,
  applySolution,
  checkLesson,
  checkTask,
  lessonSolution,
  lessonTasks,
} from '../../../shared/lessons/check';
import { lessonJsonSchemaText, stepKind } from '../../../shared/lessons/format';

const ROOT = resolve(__dirname, '..', '..', '..');
const files = lessonFiles(join(ROOT, 'assets', 'lessons'));

describe('the bundled course', () => {
  it('has at least eight lessons, each with a task', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      const l = readLessonFile(f);
      if (!l.ok) throw new Error(l.error.message);
      expect(lessonTasks(l.value.lesson).length, f).toBeGreaterThan(0);
    }
  });

  it('the committed JSON Schema is the one the zod schema gives (npm run schema)', () => {
    expect(readFileSync(join(ROOT, 'assets/schema/permsim-lesson.schema.json'), 'utf8')).toBe(
      lessonJsonSchemaText(),
    );
  });

  describe.each(files.map(f => [f.slice(f.lastIndexOf('/') + 1), f]))('%s', (_name, file) => {
    const loaded = readLessonFile(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { lesson, model } = loaded.value;

    it("each prediction's answer is the starting model's answer", () => {
      for (const s of lesson.steps) {
        if (stepKind(s) !== 'predict' || !('predict' in s)) continue;
        const d = answerQuestion(model, s.predict);
        if (!d.ok) throw new Error(d.error.message);
        expect(d.value.status, `${s.predict.as ?? ''} ${s.predict.call}`).toBe(s.predict.answer);
        expect(s.predict.choices).toContain(s.predict.answer);
      }
    });

    it('each question can be asked', () => {
      for (const s of lesson.steps) {
        if (!('ask' in s)) continue;
        expect(answerQuestion(model, s.ask).ok).toBe(true);
      }
    });

    it('each task is unmet on the starting model and met by its reference solution', () => {
      let cur = model;
      for (const { task } of lessonTasks(lesson)) {
        const before = checkTask(model, cur, task);
        expect(before.met, `${task.goal}: already met before the change`).toBe(false);
        expect(before.problems.length).toBeGreaterThan(0);
        expect(before.expectations.every(e => e.error === undefined)).toBe(true);
        const r = applySolution(cur, task);
        if (!r.ok) throw new Error(r.error.message);
        cur = r.value;
        const after = checkTask(model, cur, task);
        expect(after.problems, task.goal).toEqual([]);
        expect(after.met).toBe(true);
      }
      const end = lessonSolution(model, lesson);
      if (!end.ok) throw new Error(end.error.message);
      expect(checkLesson(model, end.value, lesson).met).toBe(true);
    });
  });
});
