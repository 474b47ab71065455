/**
 * Collects the files of an import from paths given by a person (files and folders): folders are
 * walked in sorted order (so "later file wins" is reproducible), hidden folders (`.git`) are not
 * entered, and inside folders only `.xml`, `.json` and `.twx` files are taken (a `.twx` to refuse it
 * with advice); everything else is listed as skipped. A file named explicitly is always read.
 *
 * @example
 * const r = collectImportFiles(['exports/']);
 * if (r.ok) importSources(r.value.sources, { onConflict: 'fail' });
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import type { ImportSource } from '../../shared/import';

export type CollectedFiles = {
  sources: ImportSource[];
  skipped: { file: string; reason: string }[];
};

const TAKEN = /\.(xml|json|twx)$/i;

/** Display path: relative to the working directory when inside it. */
const shown = (abs: string, cwd: string): string => {
  const r = relative(cwd, abs);
  return r && !r.startsWith('..') ? r : abs;
};

export function collectImportFiles(
  paths: readonly string[],
  cwd: string = process.cwd(),
): Result<CollectedFiles> {
  const sources: ImportSource[] = [];
  const skipped: CollectedFiles['skipped'] = [];
  const read = (abs: string): Result<void> => {
    try {
      sources.push({ path: shown(abs, cwd), bytes: readFileSync(abs) });
      return ok(undefined);
    } catch (e) {
      return err(
        'unreadable',
        `${shown(abs, cwd)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      );
    }
  };
  const walk = (dir: string): Result<void> => {
    let entries: Dirent[];
    try {
      // withFileTypes: no stat call per file (a source-control tree has tens of thousands).
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    } catch (e) {
      return err(
        'unreadable',
        `${shown(dir, cwd)}: cannot be listed (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      );
    }
    for (const d of entries) {
      const abs = join(dir, d.name);
      let isDir = d.isDirectory();
      if (d.isSymbolicLink()) {
        try {
          isDir = statSync(abs).isDirectory();
        } catch {
          skipped.push({ file: shown(abs, cwd), reason: 'a broken link' });
          continue;
        }
      }
      if (isDir) {
        if (d.name.startsWith('.')) continue;
        const r = walk(abs);
        if (!r.ok) return r;
      } else if (TAKEN.test(d.name)) {
        const r = read(abs);
        if (!r.ok) return r;
      } else skipped.push({ file: shown(abs, cwd), reason: 'not an .xml, .json or .twx file' });
    }
    return ok(undefined);
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      return err('unreadable', `${p}: no such file or folder`);
    }
    const r = st.isDirectory() ? walk(abs) : read(abs);
    if (!r.ok) return r;
  }
  if (!sources.length)
    return err(
      'unreadable',
      `no .xml, .json or .twx file found in ${paths.join(', ')}; nothing to import`,
    );
  return ok({ sources, skipped });
}
