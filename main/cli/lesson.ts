/**
 * `permsim lesson` (docs/lessons.md):
 * - `check LESSON MODEL [--json]`: checks a submitted model (a model file or a project) against
 *   every task of the lesson, with the checker the app uses (shared/lessons/check.ts); each unmet
 *   task is named with what is still wrong and why, in the words of Ask. Exit 0 when every task
 *   is met, 1 when one is not (or the lesson or model cannot be read), 2 bad usage.
 * - `start LESSON [-o FILE]`: writes the starting model, for a learner to change in an editor;
 * - `solve LESSON [-o FILE]`: writes the model the reference solutions give (every task's edits
 *   applied to the starting model), e.g. to check the course or to show a class the answer.
 * - `list [DIR]`: the lessons of a folder (default the bundled course), in order.
 *
 * @example
 * permsim lesson check assets/lessons/01-visibility.permsim-lesson.yaml my-answer.yaml
 */
import { writeFileSync } from 'node:fs';
import { checkLesson, lessonSolution, lessonTasks } from '../../shared/lessons/check';
import { modelToText } from '../../shared/model/decompile';
import { ok } from '../../shared/model/result';
import { openModelSession } from '../api';
import { lessonFiles, readLessonFile } from '../api/lesson-file';
import type { CliIo } from './io';
import { EXIT, refuse } from './io';

export type LessonCheckOptions = { json?: boolean };
export type LessonSolveOptions = { output?: string };

const indent = (lines: string[], pad: string) => lines.map(l => `${pad}${l}`).join('\n');

export function runLessonCheck(
  lessonPath: string,
  modelPath: string,
  opts: LessonCheckOptions,
  io: CliIo,
): number {
  const l = readLessonFile(lessonPath);
  if (!l.ok) return refuse(io, 'lesson check', opts.json, 'scenario-invalid', l.error.message);
  const s = openModelSession(modelPath);
  if (!s.ok) return refuse(io, 'lesson check', opts.json, 'model-invalid', s.error.message);
  let submitted;
  try {
    submitted = s.value.model();
  } finally {
    s.value.close?.();
  }
  const r = checkLesson(l.value.model, submitted, l.value.lesson);
  if (opts.json) {
    io.out(
      `${JSON.stringify({
        lesson: l.value.lesson.title,
        met: r.met,
        tasks: r.tasks.map(t => ({
          step: t.step + 1,
          goal: t.goal,
          met: t.met,
          problems: t.problems,
          expectations: t.expectations,
          keep: t.keep,
        })),
      })}\n`,
    );
    return r.met ? EXIT.ok : EXIT.failed;
  }
  const out: string[] = [
    `${l.value.lesson.title}: ${r.tasks.length} task${r.tasks.length === 1 ? '' : 's'}`,
  ];
  for (const t of r.tasks) {
    out.push(`${t.met ? 'MET  ' : 'UNMET'} step ${t.step + 1}: ${t.goal}`);
    if (t.met) continue;
    out.push(indent(t.problems, '  - '));
    for (const e of t.expectations.filter(x => !x.pass && x.explanation.length > 0)) {
      out.push(`    why (${e.name}):`);
      out.push(indent(e.explanation, '      '));
    }
  }
  const met = r.tasks.filter(t => t.met).length;
  out.push(`${met} met, ${r.tasks.length - met} unmet`);
  io.out(`${out.join('\n')}\n`);
  return r.met ? EXIT.ok : EXIT.failed;
}

/** `lesson start` writes the starting model, `lesson solve` the model the reference solutions give. */
export function runLessonModel(
  which: 'start' | 'solve',
  lessonPath: string,
  opts: LessonSolveOptions,
  io: CliIo,
): number {
  const command = `lesson ${which}`;
  const l = readLessonFile(lessonPath);
  if (!l.ok) return refuse(io, command, false, 'scenario-invalid', l.error.message);
  const m = which === 'start' ? ok(l.value.model) : lessonSolution(l.value.model, l.value.lesson);
  if (!m.ok) return refuse(io, command, false, 'scenario-invalid', m.error.message);
  const text = modelToText(m.value, opts.output?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  if (opts.output === undefined) {
    io.out(text);
    return EXIT.ok;
  }
  try {
    writeFileSync(opts.output, text);
  } catch (e) {
    return refuse(io, command, false, 'io', `cannot write ${opts.output}: ${(e as Error).message}`);
  }
  io.err(`wrote ${opts.output}\n`);
  return EXIT.ok;
}

export function runLessonList(dir: string | undefined, io: CliIo): number {
  const files = lessonFiles(dir);
  if (files.length === 0)
    return refuse(
      io,
      'lesson list',
      false,
      'not-found',
      `no lesson files (*.permsim-lesson.yaml) in ${dir ?? 'the bundled course'}`,
    );
  let bad = 0;
  for (const f of files) {
    const l = readLessonFile(f);
    if (!l.ok) {
      bad++;
      io.out(`${f}: invalid: ${l.error.message.split('\n')[0]}\n`);
      continue;
    }
    const n = lessonTasks(l.value.lesson).length;
    io.out(
      `${f}: ${l.value.lesson.title} (${l.value.lesson.steps.length} steps, ${n} task${n === 1 ? '' : 's'})\n`,
    );
  }
  return bad ? EXIT.failed : EXIT.ok;
}
