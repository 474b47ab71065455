/**
 * Contract calls of the Open dialog in browser mode that read no project: the bundled demo models
 * (`project:demos`) and path completion (`project:complete-path`, main/api/path-completion.ts).
 *
 * @example
 * const h = filesHandlers();
 * h['project:complete-path']({ prefix: '/home/me/pl' });
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiResult, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { defaultDemoPath } from './default-project';
import type { Handler } from './handlers';
import { completePath } from './path-completion';

export type FilesApiName = 'project:demos' | 'project:complete-path';

export type DemoModel = ApiResult<'project:demos'>[number];

/** A demo's model name (its `name:` line), else its first comment line, else its file name. */
function demoTitle(text: string, fallback: string): string {
  const named = /^name:\s*(.+?)\s*$/m.exec(text)?.[1]?.replace(/^["']|["']$/g, '');
  if (named) return named;
  const first = text.split('\n').find(l => l.startsWith('#'));
  const title = first?.replace(/^#+\s*/, '').trim();
  return title ? title : fallback;
}

/** The bundled demo models (assets/demos), by file name. */
export function listDemos(folder: string = dirname(defaultDemoPath())): Result<DemoModel[]> {
  let names: string[];
  try {
    names = readdirSync(folder).filter(n => /\.ya?ml$/i.test(n));
  } catch {
    return err('io', 'The bundled demo models cannot be found next to the application.');
  }
  const demos: DemoModel[] = [];
  for (const name of names.sort()) {
    const path = join(folder, name);
    try {
      demos.push({ name, title: demoTitle(readFileSync(path, 'utf8'), name), path });
    } catch {
      // An unreadable demo is not offered; the others still are.
    }
  }
  return ok(demos);
}

export function filesHandlers(opts: { demoFolder?: string } = {}): {
  [K in FilesApiName]: Handler<K>;
} {
  return {
    'project:demos': () => listDemos(opts.demoFolder),
    'project:complete-path': ({ prefix }) => completePath(prefix),
  };
}
