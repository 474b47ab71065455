/**
 * The lesson checker (docs/lessons.md): is a task of a lesson met by the learner's model?
 * - every expectation of the task holds in the learner's model (the permission-test runner,
 *   shared/permtest/run.ts, with the engine's own answers and explanations);
 * - nothing the task says to keep has changed: the what-if diff (shared/whatif) between the
 *   starting model and the learner's over the kept entities or calls, and the equipment changes
 *   (§7.18) of the kept equipment.
 * What is still wrong is said as Ask says it: the expected vs actual answer and the sentences of
 * the explanation steps; for a kept cell that changed, the caller, the call, before and after and
 * the sentence of the step that decides now.
 *
 * @example
 * const r = checkTask(start, learner, lesson.steps[3].task);
 * r.met; r.problems; // ['op1 must have Read on Line3 in DefaultContext, has Write', ...]
 */
import { evaluate } from '../engine/index';
import type { Decision } from '../model/decision';
import { savedToRequest } from '../model/saved-request';
import type { Model } from '../model/types';
import type { Result } from '../model/result';
import { err, ok } from '../model/result';
import { runPermTest } from '../permtest/run';
import { affectedRegion } from '../whatif/affected';
import { applyChanges } from '../whatif/change';
import { callerLabel } from '../whatif/cells';
import { diffModels } from '../whatif/core';
import { equipmentChanges } from '../whatif/diff';
import type { DiffScope } from '../whatif/diff';
import type { Keep, LessonFile, LessonQuestion, LessonTask } from './format';
import { stepKind } from './format';

export type ExpectationCheck = {
  name: string;
  pass: boolean;
  expected: string;
  actual: string;
  /** The explanation steps of the answer, one sentence each (as Ask shows them). */
  explanation: string[];
  /** The expectation itself cannot be evaluated (an unknown user, a bad call line). */
  error?: string;
};

export type KeepCheck = {
  /** What was to be kept, in words. */
  what: string;
  pass: boolean;
  /** Each answer that changed, in words. */
  changes: string[];
  error?: string;
};

export type TaskCheck = {
  goal: string;
  met: boolean;
  expectations: ExpectationCheck[];
  keep: KeepCheck[];
  /** What is still wrong, one sentence each (empty when met). */
  problems: string[];
};

const MAX_CHANGES_SHOWN = 5;

function keepScope(k: Keep): { what: string; scope?: DiffScope; equipment?: string } {
  if ('thing' in k)
    return {
      what: `every answer on Thing ${k.thing}`,
      scope: { kind: 'entities', entities: [{ collection: 'Things', name: k.thing }] },
    };
  if ('entity' in k) {
    const slash = k.entity.indexOf('/');
    const target =
      slash < 0
        ? { collection: 'Things', name: k.entity }
        : { collection: k.entity.slice(0, slash), name: k.entity.slice(slash + 1) };
    return {
      what: `every answer on ${target.collection}/${target.name}`,
      scope: { kind: 'entities', entities: [target] },
    };
  }
  if ('call' in k)
    return { what: `every answer to ${k.call}`, scope: { kind: 'watch', calls: [k.call] } };
  return { what: `everyone's permission on equipment ${k.equipment}`, equipment: k.equipment };
}

function checkKeep(start: Model, learner: Model, k: Keep): KeepCheck {
  const { what, scope, equipment } = keepScope(k);
  if (equipment !== undefined) {
    const changes = equipmentChanges(start, learner, affectedRegion(start, learner), true)
      .filter(c => c.equipment === equipment)
      .map(c => `${c.user} had ${c.before} on ${c.equipment} in ${c.context}, now ${c.after}`);
    return { what, pass: changes.length === 0, changes };
  }
  const d = diffModels(start, learner, scope as DiffScope);
  if (!d.ok) return { what, pass: false, changes: [], error: d.error.message };
  const changes = d.value.cells.map(
    c =>
      `${callerLabel(c.caller)}: ${c.call} answered ${c.before.status}, now ${c.after.status} — ${c.after.deciding}`,
  );
  return { what, pass: changes.length === 0, changes };
}

/**
 * Checks one task against the learner's model; never throws.
 *
 * @example
 * checkTask(start, learner, task).met;
 */
export function checkTask(start: Model, learner: Model, task: LessonTask): TaskCheck {
  const expectations: ExpectationCheck[] = task.expect.map(t => {
    const r = runPermTest(learner, t);
    return {
      name: r.name,
      pass: r.pass,
      expected: r.expected,
      actual: r.actual,
      explanation: r.explanation,
      ...(r.error !== undefined ? { error: r.error } : {}),
    };
  });
  const keep = (task.keep ?? []).map(k => checkKeep(start, learner, k));
  const problems: string[] = [];
  for (const e of expectations) {
    if (e.pass) continue;
    problems.push(
      e.error !== undefined
        ? `${e.name}: cannot be checked: ${e.error}`
        : `${e.name}: expected ${e.expected}; the model answers ${e.actual}`,
    );
  }
  for (const k of keep) {
    if (k.pass) continue;
    if (k.error !== undefined) {
      problems.push(`${k.what} must stay the same: cannot be checked: ${k.error}`);
      continue;
    }
    const more = k.changes.length - MAX_CHANGES_SHOWN;
    problems.push(
      `${k.what} must stay the same, but ${k.changes.length} changed: ${k.changes.slice(0, MAX_CHANGES_SHOWN).join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    );
  }
  return { goal: task.goal, met: problems.length === 0, expectations, keep, problems };
}

/** The tasks of a lesson, by their step index. */
export function lessonTasks(lesson: LessonFile): { step: number; task: LessonTask }[] {
  return lesson.steps.flatMap((s, step) =>
    'task' in s && stepKind(s) === 'task' ? [{ step, task: s.task }] : [],
  );
}

export type LessonCheck = {
  met: boolean;
  tasks: ({ step: number } & TaskCheck)[];
};

/**
 * Checks every task of a lesson against one submitted model (`permsim lesson check`).
 *
 * @example
 * checkLesson(start, submitted, lesson).met;
 */
export function checkLesson(start: Model, learner: Model, lesson: LessonFile): LessonCheck {
  const tasks = lessonTasks(lesson).map(({ step, task }) => ({
    step,
    ...checkTask(start, learner, task),
  }));
  return { met: tasks.every(t => t.met), tasks };
}

/**
 * The model a task's reference solution gives: its edits applied to `model` in order.
 *
 * @example
 * const r = applySolution(start, task); if (r.ok) checkTask(start, r.value, task).met; // true
 */
export function applySolution(model: Model, task: LessonTask): Result<Model> {
  // The solution's edits are validated by applying them: each bad one is named by its position.
  const r = applyChanges(model, task.solution);
  return r.ok
    ? ok(r.model)
    : err('invalid-argument', `solution of "${task.goal}": ${r.error.message}`);
}

/**
 * Every task's reference solution applied in order: the model a learner has at the end of the lesson.
 *
 * @example
 * const end = lessonSolution(start, lesson);
 */
export function lessonSolution(model: Model, lesson: LessonFile): Result<Model> {
  let cur = model;
  for (const { task } of lessonTasks(lesson)) {
    const r = applySolution(cur, task);
    if (!r.ok) return r;
    cur = r.value;
  }
  return ok(cur);
}

/**
 * The answer of a question (ask or predict step) in a model, as Ask gives it.
 *
 * @example
 * const d = answerQuestion(model, { call: 'GET /Thingworx/Things/Press1/Properties/pressure', as: 'anna' });
 */
export function answerQuestion(model: Model, q: LessonQuestion): Result<Decision> {
  const req = savedToRequest({
    call: q.call,
    ...(q.as !== undefined ? { as: q.as } : {}),
    ...(q.appKey !== undefined ? { appKey: q.appKey } : {}),
    ...(q.noAuth ? { noAuth: true } : {}),
    ...(q.ip !== undefined ? { ip: q.ip } : {}),
    ...(q.body !== undefined ? { body: q.body } : {}),
  });
  if (!req.ok) return req;
  return ok(evaluate(model, req.value));
}
