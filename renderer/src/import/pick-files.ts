/**
 * Files from the browser: an `<input type=file>` (with `webkitdirectory` for a folder) or a drop,
 * where a dropped folder is walked through the entries API. Paths keep the folder structure
 * (`exports/Things/T1.xml`) so that the import report's file:line points somewhere a person can find.
 * Folders are read in sorted order, like `permsim import DIR`.
 *
 * @example
 * const files = await filesFromDrop(event.dataTransfer);
 */
import type { PickedFile } from './import-store';

const TAKEN = /\.(xml|json|twx)$/i;

export function filesFromInput(list: FileList | null, fromFolder: boolean): PickedFile[] {
  const out: PickedFile[] = [];
  for (const file of Array.from(list ?? [])) {
    const path = file.webkitRelativePath || file.name;
    // Inside a folder only export files are taken (as the CLI does); a file chosen by name always is.
    if (fromFolder && !TAKEN.test(path)) continue;
    if (fromFolder && path.split('/').some(p => p.startsWith('.'))) continue;
    out.push({ path, file });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

type Entry = {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (e: Entry[]) => void, fail: (e: unknown) => void): void };
};

async function walk(entry: Entry, out: PickedFile[], top: boolean): Promise<void> {
  if (entry.isFile && entry.file) {
    const path = entry.fullPath.replace(/^\//, '');
    if (!top && !TAKEN.test(entry.name)) return;
    const file = await new Promise<File>((ok, fail) => entry.file?.(ok, fail));
    out.push({ path, file });
    return;
  }
  if (!entry.isDirectory || !entry.createReader || (!top && entry.name.startsWith('.'))) return;
  const reader = entry.createReader();
  const children: Entry[] = [];
  // readEntries answers in batches until it answers an empty list.
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) break;
    children.push(...batch);
  }
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const c of children) await walk(c, out, false);
}

export async function filesFromDrop(dt: DataTransfer | null): Promise<PickedFile[]> {
  if (!dt) return [];
  const entries: Entry[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    const e = (item as { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.();
    if (e) entries.push(e);
  }
  if (!entries.length) return Array.from(dt.files ?? []).map(file => ({ path: file.name, file }));
  const out: PickedFile[] = [];
  for (const e of entries) await walk(e, out, true);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Base64 of a file's bytes. The browser encodes it natively (a data: URL), which is many times
 * faster than building a string in script for files of tens of megabytes.
 */
export function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read`));
    reader.readAsDataURL(file);
  });
}
