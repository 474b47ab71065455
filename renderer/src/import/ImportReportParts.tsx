/**
 * The longer parts of the import report (ImportReport.tsx): refusals, conflicts with each file's
 * value, the counts of what was read, and what was skipped. Long lists show their first rows and
 * say how many more there are.
 *
 * @example
 * <ConflictList report={report} />
 */
import type { ImportReport as Report } from '../../../shared/import/types';

const SHOWN = 200;

export function More({ total }: { total: number }) {
  return total > SHOWN ? (
    <li className="muted">… and {total - SHOWN} more (Copy report for all of them)</li>
  ) : null;
}

export const where = (file: string, line?: number, column?: number) =>
  `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}`;

/** The first rows of a long list (the rest is in the copied report). */
export const shown = <T,>(list: T[]): T[] => list.slice(0, SHOWN);

export function RefusedList({ report }: { report: Report }) {
  return (
    <div className="import-group">
      <h4>Refused</h4>
      <ul className="import-list">
        {report.refusals.map((r, i) => (
          <li key={i}>
            <span className="mono">{where(r.file, r.line, r.column)}</span> {r.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ConflictList({ report }: { report: Report }) {
  return (
    <div className="import-group">
      <h4>Conflicts ({report.conflicts.length})</h4>
      <ul className="import-list">
        {shown(report.conflicts).map((c, i) => (
          <li key={i}>
            <strong className="mono">{c.entity}</strong>: {c.part} differ
            {c.kept ? ` (kept the ${c.kept} file's)` : ''}
            <ul>
              {c.places.map((p, j) => (
                <li key={j}>
                  <span className="mono">{p}</span>:{' '}
                  <span className="mono small">{c.values[j]}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
        <More total={report.conflicts.length} />
      </ul>
    </div>
  );
}

/** Entities per collection and permission blocks with their entries. */
export function ReadCounts({ report }: { report: Report }) {
  const entities = Object.entries(report.entities);
  const blocks = Object.entries(report.blocks);
  return (
    <>
      {entities.length > 0 && (
        <div className="import-group">
          <h4>Entities read</h4>
          <table className="import-counts">
            <tbody>
              {entities.map(([k, n]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {blocks.length > 0 && (
        <div className="import-group">
          <h4>Permission blocks</h4>
          <table className="import-counts">
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Blocks</th>
                <th scope="col">Entries</th>
              </tr>
            </thead>
            <tbody>
              {blocks.map(([b, c]) => (
                <tr key={b}>
                  <th scope="row" className="mono">
                    {b}
                  </th>
                  <td>{c.blocks}</td>
                  <td>{c.entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function SkippedList({ report }: { report: Report }) {
  return (
    <div className="import-group">
      <h4>Skipped</h4>
      <ul className="import-list">
        {report.skipped.map((s, i) => (
          <li key={i}>
            {s.count} {s.what}: {s.reason}
            {s.first ? <span className="muted mono small"> (first at {s.first})</span> : null}
          </li>
        ))}
        {shown(report.files.skipped).map((f, i) => (
          <li key={`f${i}`}>
            <span className="mono">{f.file}</span>: {f.reason}
          </li>
        ))}
        <More total={report.files.skipped.length} />
      </ul>
    </div>
  );
}
