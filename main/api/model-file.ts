/**
 * Reading a model for a session: a YAML/JSON model file (read-only) or a `.permsim` project.
 * Load errors come back as one message listing `file:line:column: message` lines.
 *
 * @example
 * const r = openModelSession('/models/plant.yaml');
 * if (!r.ok) console.error(r.error.message);
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { ModelIssue } from '../../shared/apps/load';
import { loadModel } from '../../shared/apps/load';
import type { Model } from '../../shared/model/types';
import { openProject } from '../store';
import type { ProjectSession } from './session';
import { fileSession, projectSession } from './session';

export const isModelFileName = (path: string): boolean => /\.(ya?ml|json)$/i.test(path);

export const formatIssue = (i: ModelIssue): string =>
  `${i.file}:${i.line}:${i.column}: ${i.message}`;

/** Loads model text; invalid -> 'model-invalid' with every issue (details.issues keeps them structured). */
export function loadModelText(text: string, fileName: string): Result<Model> {
  const r = loadModel(text, fileName);
  if (r.ok) return ok(r.model);
  const n = r.errors.length;
  return err(
    'model-invalid',
    `${fileName} has ${n} error${n === 1 ? '' : 's'}:\n${r.errors.map(formatIssue).join('\n')}`,
    { issues: r.errors },
  );
}

export function readModelFile(path: string): Result<Model> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(
      code === 'ENOENT' ? 'not-found' : 'io',
      code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path}: ${(e as Error).message}`,
    );
  }
  return loadModelText(text, path);
}

/** A session for `path`: a model file read-only, anything else as a SQLite project (never created). */
export function openModelSession(path: string): Result<ProjectSession> {
  const abs = resolve(path);
  if (isModelFileName(abs)) {
    const m = readModelFile(path);
    return m.ok ? ok(fileSession(abs, m.value)) : m;
  }
  const p = openProject(abs);
  return p.ok ? ok(projectSession(p.value)) : p;
}
