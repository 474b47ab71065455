/**
 * Real project files for the end-to-end specs, written through the real store before the app opens
 * them: a model as a new `.permsim` file, a bundled demo as one, or a generated deployment
 * (bench/generator.ts) in a temporary folder that the spec's `serveProject` then serves.
 *
 * @example
 * const project = generatedProject('S', 42, 'permsim-e2e-large-');
 * test.use({ serveProject: project.file });
 * await app.openProject(writeDemoProject(path.join(server.dataDir, 'f.permsim'), SMART_FACTORY));
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateModel } from '../../bench/generator';
import type { ModelSize } from '../../bench/params';
import { readModelFile } from '../../main/api/model-file';
import { openProject } from '../../main/store';
import type { Model } from '../../shared/model/types';
import { test } from './fixtures';

/** The smart-factory demo (ThingWorx Apps contexts), as a path the model-file reader takes. */
export const SMART_FACTORY = path.resolve('assets/demos/smart-factory.yaml');

/** Writes `model` as a new project file at `file` and closes it again; returns `file`. */
export function writeProject(file: string, model: Model): string {
  const created = openProject(file, { create: true, model });
  if (!created.ok) throw new Error(created.error.message);
  created.value.close();
  return file;
}

/** Writes the model file at `modelPath` (a demo) as a new project file at `file`; returns `file`. */
export function writeDemoProject(file: string, modelPath: string): string {
  const model = readModelFile(modelPath);
  if (!model.ok) throw new Error(model.error.message);
  return writeProject(file, model.value);
}

/**
 * A generated deployment of `size` written as a project file before the spec file's tests (in a
 * temporary folder removed after them). Hooks run in the order they are declared, so a spec's own
 * `beforeAll` declared after this call sees the file written.
 */
export function generatedProject(
  size: ModelSize,
  seed: number,
  prefix: string,
): { file: string; model: Model } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, `generated-${size}.permsim`);
  const model = generateModel(size, seed);
  test.beforeAll(() => writeProject(file, model));
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { file, model };
}
