/**
 * The import report as plain text, for the CLI (`permsim import`) and for copying from the app.
 * Order: what was read, what was refused or conflicts, then dropped secrets, unresolved references,
 * skipped content and every warning with its file:line.
 *
 * @example
 * io.out(importReportText(result.report));
 */
import type { ImportReport } from './types';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function importReportText(r: ImportReport): string {
  const out: string[] = [];
  const entities = Object.entries(r.entities)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  out.push(
    `Read ${plural(r.files.read, 'file')} (ThingWorx ${r.versions.join(', ') || 'unknown'}): ${entities || 'no entities'}.`,
  );
  const blocks = Object.entries(r.blocks);
  if (blocks.length) {
    out.push('Permission blocks:');
    for (const [b, c] of blocks)
      out.push(`  ${b}: ${plural(c.blocks, 'block')}, ${plural(c.entries, 'entry', 'entries')}`);
  }
  if (r.refusals.length) {
    out.push(`Refused (${r.refusals.length}); nothing was imported:`);
    for (const x of r.refusals)
      out.push(
        `  ${x.file}${x.line ? `:${x.line}${x.column ? `:${x.column}` : ''}` : ''}: ${x.message}`,
      );
  }
  if (r.conflicts.length) {
    out.push(`Conflicts (${r.conflicts.length}):`);
    for (const c of r.conflicts) {
      const kept = c.kept ? ` (kept the ${c.kept === 'first' ? 'first' : 'last'} file's)` : '';
      out.push(`  ${c.entity}: ${c.part} differ${kept}`);
      c.places.forEach((p, i) => out.push(`    ${p}: ${c.values[i] ?? ''}`));
    }
  }
  if (r.secretsDropped.length)
    out.push(
      `Credentials dropped (never stored, shown or exported): ${r.secretsDropped.map(s => `${s.count} ${s.what}`).join(', ')}.`,
    );
  if (r.unresolved.length) {
    out.push(
      `Unresolved (referenced but not defined in the imported files; kept and flagged) (${r.unresolved.length}):`,
    );
    for (const u of r.unresolved) out.push(`  ${u.kind} ${u.name} (first at ${u.firstReference})`);
  }
  if (r.skipped.length || r.files.skipped.length) {
    out.push('Skipped:');
    for (const s of r.skipped)
      out.push(`  ${s.count} ${s.what}: ${s.reason}${s.first ? ` (first at ${s.first})` : ''}`);
    for (const f of r.files.skipped) out.push(`  ${f.file}: ${f.reason}`);
  }
  if (r.warnings.length) {
    out.push(`Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) out.push(`  ${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  }
  return `${out.join('\n')}\n`;
}
