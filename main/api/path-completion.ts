/**
 * Path completion for the Open dialog of browser mode: the entries of one folder, on the machine
 * that runs the loopback server, whose names start with what was typed. Only what the dialog can
 * open is listed (folders, and `.permsim` / `.yaml` / `.yml` / `.json` files); hidden entries only
 * when the typed name starts with a dot. The typed path must be absolute (or start with `~/`) and
 * may not contain `.` or `..` segments, so what is listed is exactly the folder that was typed.
 *
 * @example
 * completePath('/home/me/pl'); // ok({ folder: '/home/me/', entries: [{ name: 'plant.permsim', ... }], more: false })
 */
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { ApiResult, PathEntry, Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';

export type PathCompletion = ApiResult<'project:complete-path'>;

/** Files the Open dialog can open: projects and model files. */
const OPENABLE = /\.(permsim|ya?ml|json)$/i;
/** Enough for a dropdown; `more` says that the typed prefix should be longer. */
export const MAX_ENTRIES = 200;

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** The folder part (ending in the separator) and the name part of what was typed. */
function splitPrefix(typed: string): Result<{ folder: string; start: string }> {
  const expanded = typed === '~' || typed.startsWith('~/') ? homedir() + typed.slice(1) : typed;
  if (expanded.includes('\0')) return err('invalid-argument', 'The path contains a NUL character.');
  if (!isAbsolute(expanded))
    return err('invalid-argument', `Type an absolute path such as /home/me/ (got "${typed}").`);
  const parts = expanded.split(/[\\/]/);
  if (parts.slice(0, -1).some(p => p === '.' || p === '..'))
    return err('invalid-argument', `Type the folder without "." or ".." (got "${typed}").`);
  const cut = Math.max(expanded.lastIndexOf('/'), expanded.lastIndexOf('\\')) + 1;
  return ok({ folder: expanded.slice(0, cut), start: expanded.slice(cut) });
}

function kindOf(d: Dirent, path: string): 'folder' | 'file' | undefined {
  if (d.isDirectory()) return 'folder';
  if (d.isFile()) return 'file';
  if (!d.isSymbolicLink()) return undefined;
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : undefined;
  } catch {
    // A dangling link or one we may not follow: not offered.
    return undefined;
  }
}

export function completePath(typed: string): Result<PathCompletion> {
  const split = splitPrefix(typed);
  if (!split.ok) return split;
  const { folder, start } = split.value;
  let dirents: Dirent[];
  try {
    dirents = readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return err('not-found', `There is no folder ${folder}.`);
    if (code === 'ENOTDIR') return err('invalid-argument', `${folder} is a file, not a folder.`);
    if (code === 'EACCES' || code === 'EPERM')
      return err('io', `The folder ${folder} cannot be read (permission denied).`);
    return err('io', `The folder ${folder} cannot be read.`);
  }
  const lower = start.toLowerCase();
  const showHidden = start.startsWith('.');
  const entries: PathEntry[] = [];
  for (const d of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
    const name = d.name;
    if (!name.toLowerCase().startsWith(lower)) continue;
    if (name.startsWith('.') && !showHidden) continue;
    const path = join(folder, name);
    const kind = kindOf(d, path);
    if (kind === 'folder' || (kind === 'file' && OPENABLE.test(name)))
      entries.push({ name, path: kind === 'folder' ? `${path}/` : path, kind });
  }
  // Folders first, as a file dialog lists them.
  entries.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1));
  return ok({ folder, entries: entries.slice(0, MAX_ENTRIES), more: entries.length > MAX_ENTRIES });
}
