/**
 * PermSim's permission-model reference (docs/permission-model.md) for the reports: each section chip
 * of an exported explanation links to its topic, copied into the report (shared/report/reference-html.ts).
 * The renderer bundles the same file for its side panel; here it is read once from disk, found like
 * the bundled demo (main/api/default-project.ts). A missing file leaves the chips as plain text.
 *
 * @example
 * reportToHtml(data, { reference: referenceDoc() });
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReferenceDoc } from '../../shared/reference/parse-reference';
import { parseReference } from '../../shared/reference/parse-reference';

const REFERENCE_FILE = join('docs', 'permission-model.md');

/** Next to the sources (main/api -> repo root), next to a bundle in out/main, else the working directory. */
export function referencePath(): string {
  const candidates: string[] = [];
  const url = import.meta.url;
  if (url) candidates.push(resolve(dirname(fileURLToPath(url)), '..', '..', REFERENCE_FILE));
  if (typeof __dirname === 'string')
    candidates.push(resolve(__dirname, '..', '..', REFERENCE_FILE));
  candidates.push(resolve(process.cwd(), REFERENCE_FILE));
  return candidates.find(p => existsSync(p)) ?? candidates[0]!;
}

let cached: ReferenceDoc | null | undefined;

/** The parsed reference, or undefined when the file cannot be read (reports then cite as plain text). */
export function referenceDoc(): ReferenceDoc | undefined {
  if (cached === undefined) {
    try {
      cached = parseReference(readFileSync(referencePath(), 'utf8'));
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
