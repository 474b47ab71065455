/**
 * First start: open the most recent project that still opens, else `<dataDir>/demo.permsim`,
 * creating it from the bundled demo model `assets/demos/sensor-datastream.yaml` when it does not exist.
 *
 * @example
 * const r = openDefaultProject(app.getPath('userData'));
 * if (r.ok) createHandlers({ session: r.value, dataDir });
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { openProject } from '../store';
import { loadModelText } from './model-file';
import { existingRecent, rememberRecent } from './recent';
import type { ProjectSession } from './session';
import { projectSession } from './session';

export const DEMO_PROJECT_FILE = 'demo.permsim';
const DEMO_ASSET = join('assets', 'demos', 'sensor-datastream.yaml');

/**
 * Where the bundled demo lives: next to the sources (tsx, vitest: main/api -> repo root) or next to
 * an esbuild bundle in out/main (CJS, where import.meta.url is empty), else the working directory.
 */
export function defaultDemoPath(): string {
  const candidates: string[] = [];
  const url = import.meta.url;
  if (url) candidates.push(resolve(dirname(fileURLToPath(url)), '..', '..', DEMO_ASSET));
  if (typeof __dirname === 'string') candidates.push(resolve(__dirname, '..', '..', DEMO_ASSET));
  candidates.push(resolve(process.cwd(), DEMO_ASSET));
  return candidates.find(p => existsSync(p)) ?? candidates[0]!;
}

export function openDefaultProject(
  dataDir: string,
  opts: { demoPath?: string } = {},
): Result<ProjectSession> {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    return err('io', `Cannot create the data directory ${dataDir}: ${(e as Error).message}`);
  }
  for (const path of existingRecent(dataDir)) {
    const r = openProject(path);
    if (r.ok) {
      rememberRecent(dataDir, path);
      return ok(projectSession(r.value));
    }
  }
  const demo = join(dataDir, DEMO_PROJECT_FILE);
  if (!existsSync(demo)) {
    const demoPath = opts.demoPath ?? defaultDemoPath();
    let text: string;
    try {
      text = readFileSync(demoPath, 'utf8');
    } catch (e) {
      return err('io', `Cannot read the demo model ${demoPath}: ${(e as Error).message}`);
    }
    const model = loadModelText(text, demoPath);
    if (!model.ok) return model;
    const created = openProject(demo, { create: true, model: model.value });
    if (!created.ok) return created;
    rememberRecent(dataDir, demo);
    return ok(projectSession(created.value));
  }
  const r = openProject(demo);
  if (!r.ok) return r;
  rememberRecent(dataDir, demo);
  return ok(projectSession(r.value));
}
