/**
 * Recently opened projects, remembered in `<dataDir>/recent.json` (most recent first, at most
 * RECENT_LIMIT). A missing or unreadable file means "no recent projects", never an error.
 *
 * @example
 * rememberRecent(dataDir, '/home/me/plant.permsim');
 * readRecent(dataDir); // ['/home/me/plant.permsim', ...]
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECENT_LIMIT = 10;

const recentFile = (dataDir: string): string => join(dataDir, 'recent.json');

export function readRecent(dataDir: string): string[] {
  try {
    const parsed = JSON.parse(readFileSync(recentFile(dataDir), 'utf8')) as unknown;
    const list = (parsed as { projects?: unknown }).projects;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** Existing files only, so the menu never offers a project that is gone. */
export const existingRecent = (dataDir: string): string[] =>
  readRecent(dataDir).filter(p => existsSync(p));

export function rememberRecent(dataDir: string, path: string): void {
  const list = [path, ...readRecent(dataDir).filter(p => p !== path)].slice(0, RECENT_LIMIT);
  mkdirSync(dataDir, { recursive: true });
  // Write then rename: a crash mid-write leaves the previous list, not half a JSON file.
  const tmp = `${recentFile(dataDir)}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ projects: list }, null, 2)}\n`);
  renameSync(tmp, recentFile(dataDir));
}
