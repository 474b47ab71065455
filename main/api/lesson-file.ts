/**
 * Lesson files on disk (docs/lessons.md): read, checked against the schema (shared/lessons/format.ts)
 * with each problem at its line, and their starting model loaded (a model file relative to the
 * lesson, or the model written inline). The bundled course is `assets/lessons/`.
 *
 * @example
 * const r = readLessonFile('assets/lessons/01-visibility.permsim-lesson.yaml');
 * if (r.ok) r.value.lesson.title; r.value.model; // the starting model
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { LessonFileSchema, isLessonFile } from '../../shared/lessons/format';
import type { LessonFile } from '../../shared/lessons/format';
import type { Model } from '../../shared/model/types';
import { loadModelText, readModelFile } from './model-file';

export type LoadedLesson = {
  /** The lesson's id: its file name without `.permsim-lesson.yaml`. */
  id: string;
  file: string;
  lesson: LessonFile;
  /** The starting model. */
  model: Model;
};

/** Where a path in the document is, for messages: `file:line: path: message`. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lc: LineCounter,
  path: PropertyKey[],
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

export const lessonId = (file: string): string =>
  basename(file).replace(/\.permsim-lesson\.(ya?ml|json)$/i, '');

/**
 * Reads and checks a lesson file and loads its starting model; every problem in one message.
 *
 * @example
 * readLessonFile('nope.permsim-lesson.yaml'); // err('not-found', 'No such lesson file: nope...')
 */
export function readLessonFile(file: string): Result<LoadedLesson> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(
      code === 'ENOENT' ? 'not-found' : 'io',
      code === 'ENOENT'
        ? `No such lesson file: ${file}`
        : `Cannot read ${file}: ${(e as Error).message}`,
    );
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length > 0)
    return err(
      'lesson-invalid',
      doc.errors
        .map(
          e =>
            `${file}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1}: ${e.message.split('\n')[0]}`,
        )
        .join('\n'),
    );
  const parsed = LessonFileSchema.safeParse(doc.toJS());
  if (!parsed.success)
    return err(
      'lesson-invalid',
      parsed.error.issues
        .map(i => {
          const line = lineOf(doc, lc, i.path);
          return `${file}${line !== undefined ? `:${line}` : ''}: ${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`;
        })
        .join('\n'),
    );
  const lesson = parsed.data;
  const model =
    typeof lesson.model === 'string'
      ? readModelFile(resolve(dirname(file), lesson.model))
      : loadModelText(JSON.stringify(lesson.model), file);
  if (!model.ok)
    return err('lesson-invalid', `the starting model of ${file}: ${model.error.message}`);
  return ok({ id: lessonId(file), file, lesson, model: model.value });
}

const COURSE_DIR = join('assets', 'lessons');

/** Where the bundled course lives: next to the sources, next to the bundle in out/main, else the working directory. */
export function courseDir(): string {
  const candidates: string[] = [];
  const url = import.meta.url;
  if (url) candidates.push(resolve(dirname(fileURLToPath(url)), '..', '..', COURSE_DIR));
  if (typeof __dirname === 'string') candidates.push(resolve(__dirname, '..', '..', COURSE_DIR));
  candidates.push(resolve(process.cwd(), COURSE_DIR));
  return candidates.find(p => existsSync(p)) ?? candidates[0]!;
}

/** The lesson files of a folder, in file-name order (the course numbers its files). */
export function lessonFiles(dir: string = courseDir()): string[] {
  try {
    return readdirSync(dir)
      .filter(isLessonFile)
      .sort()
      .map(f => join(dir, f));
  } catch {
    return [];
  }
}
