/**
 * The import report in the app: what was read (entities per collection, blocks and entries), what
 * was refused or conflicts, dropped credentials, unresolved references, skipped content and every
 * warning with its file:line. Long lists show their first rows and say how many more there are;
 * "Copy report" copies the whole report as text (the same text `permsim import` prints).
 */
import { useState } from 'react';
import type { ImportReport as Report } from '../../../shared/import/types';
import { importReportText } from '../../../shared/import/report-text';
import {
  ConflictList,
  More,
  ReadCounts,
  RefusedList,
  SkippedList,
  shown,
  where,
} from './ImportReportParts';

export function ImportReport({ report, imported }: { report: Report; imported: boolean }) {
  const [copied, setCopied] = useState(false);
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
      {report.refusals.length > 0 && <RefusedList report={report} />}
      {report.conflicts.length > 0 && <ConflictList report={report} />}
      <ReadCounts report={report} />
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
            {shown(report.unresolved).map((u, i) => (
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
        <SkippedList report={report} />
      )}
      {report.warnings.length > 0 && (
        <div className="import-group">
          <h4>Warnings ({report.warnings.length})</h4>
          <ul className="import-list import-warnings">
            {shown(report.warnings).map((w, i) => (
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
