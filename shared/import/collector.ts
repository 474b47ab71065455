/**
 * What the readers accumulate across files: fragments, collection blocks, warnings, counts of
 * blocks, skipped content and dropped secrets. The build step turns it into a model and a report.
 *
 * @example
 * const c = new Collector(); c.skip('collection Roles', 'not modelled', 'a.xml:3');
 */
import type { CollectionFragment, Fragment, ImportReport, ImportWarning, Loc } from './types';
import { locText } from './types';

export class Collector {
  fragments: Fragment[] = [];
  collections: CollectionFragment[] = [];
  warnings: ImportWarning[] = [];
  versions = new Set<string>();
  blocks = new Map<string, { blocks: number; entries: number }>();
  private skipped = new Map<string, { count: number; reason: string; first?: string }>();
  private secrets = new Map<string, number>();

  warn(loc: Loc, message: string): void {
    this.warnings.push({ file: loc.file, line: loc.line, message });
  }

  block(name: string, entries: number): void {
    const b = this.blocks.get(name) ?? { blocks: 0, entries: 0 };
    b.blocks += 1;
    b.entries += entries;
    this.blocks.set(name, b);
  }

  /** Content read but not modelled; counted per `what`, the first place kept for the report. */
  skip(what: string, reason: string, first?: Loc): void {
    const s = this.skipped.get(what);
    if (s) s.count += 1;
    else this.skipped.set(what, { count: 1, reason, ...(first ? { first: locText(first) } : {}) });
  }

  /** A credential was present and was not read (only counted: its value never leaves the file). */
  secret(what: string): void {
    this.secrets.set(what, (this.secrets.get(what) ?? 0) + 1);
  }

  reportParts(): Pick<ImportReport, 'blocks' | 'skipped' | 'secretsDropped' | 'versions'> {
    return {
      blocks: Object.fromEntries([...this.blocks.entries()].sort(([a], [b]) => a.localeCompare(b))),
      skipped: [...this.skipped.entries()].map(([what, s]) => ({ what, ...s })),
      secretsDropped: [...this.secrets.entries()].map(([what, count]) => ({ what, count })),
      versions: [...this.versions].sort(),
    };
  }
}
