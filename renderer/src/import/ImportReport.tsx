/**
 * The import report in the app: what was read (entities per collection, blocks and entries), what
 * was refused or conflicts, dropped credentials, unresolved references, skipped content and every
 * warning with its file:line. Long lists show their first rows and say how many more there are;
 * "Copy report" copies the whole report as text (the same text `permsim import` prints).
 */
import { useState } from 'react';
import type { ImportReport as Report } from '../../../shared/import/types';
import { importReportText } from '../../../shared/import/report-text';

const SHOWN = 200;

function More({ total }: { total: number }) {
  return total > SHOWN ? (
    <li className="muted">… and {total - SHOWN} more (Copy report for all of them)</li>
  ) : null;
}

const where = (file: string, line?: number, column?: number) =>
  `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}`;

export function ImportReport({ report, imported }: { report: Report; imported: boolean }) {
  const [copied, setCopied] = useState(false);
  const entities = Object.entries(report.entities);
  const blocks = Object.entries(report.blocks);
  return (
    <section className="import-report" aria-label="Import report">
      <p className={imported ? 'import-verdict ok' : 'import-verdict failed'} role="status">
        {imported
          ? `Imported ${report.files.read} file${report.files.read === 1 ? '' : 's'} (ThingWorx ${report.versions.join(', ') || 'unknown'}).`
          : report.refusals.length
            ? 'Nothing was imported: a file was refused.'
            : report.conflicts.length
              ? 'Nothing was imported: the files disagree (see Conflicts).'
              : 'Nothing was imported.'}
      </p>
      {report.refusals.length > 0 && (
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
      )}
      {report.conflicts.length > 0 && (
        <div className="import-group">
          <h4>Conflicts ({report.conflicts.length})</h4>
          <ul className="import-list">
            {report.conflicts.slice(0, SHOWN).map((c, i) => (
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
      )}
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
      {report.secretsDropped.length > 0 && (
        <div className="import-group">
          <h4>Credentials dropped</h4>
          <p>
            {report.secretsDropped.map(s => `${s.count} ${s.what}`).join(', ')}: never stored, shown
            or exported.
          </p>
        </div>
      )}
      {report.unresolved.length > 0 && (
        <div className="import-group">
          <h4>Unresolved ({report.unresolved.length})</h4>
          <p className="muted small">
            Referenced but not defined in the imported files: kept and marked unresolved.
          </p>
          <ul className="import-list">
            {report.unresolved.slice(0, SHOWN).map((u, i) => (
              <li key={i}>
                {u.kind} <strong className="mono">{u.name}</strong>{' '}
                <span className="muted mono small">first at {u.firstReference}</span>
              </li>
            ))}
            <More total={report.unresolved.length} />
          </ul>
        </div>
      )}
      {(report.skipped.length > 0 || report.files.skipped.length > 0) && (
        <div className="import-group">
          <h4>Skipped</h4>
          <ul className="import-list">
            {report.skipped.map((s, i) => (
              <li key={i}>
                {s.count} {s.what}: {s.reason}
                {s.first ? <span className="muted mono small"> (first at {s.first})</span> : null}
              </li>
            ))}
            {report.files.skipped.slice(0, SHOWN).map((f, i) => (
              <li key={`f${i}`}>
                <span className="mono">{f.file}</span>: {f.reason}
              </li>
            ))}
            <More total={report.files.skipped.length} />
          </ul>
        </div>
      )}
      {report.warnings.length > 0 && (
        <div className="import-group">
          <h4>Warnings ({report.warnings.length})</h4>
          <ul className="import-list import-warnings">
            {report.warnings.slice(0, SHOWN).map((w, i) => (
              <li key={i}>
                <span className="mono">{where(w.file, w.line)}</span> {w.message}
              </li>
            ))}
            <More total={report.warnings.length} />
          </ul>
        </div>
      )}
      <div>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(importReportText(report)).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          Copy report
        </button>
        {copied && <span className="muted small"> Copied.</span>}
      </div>
    </section>
  );
}
