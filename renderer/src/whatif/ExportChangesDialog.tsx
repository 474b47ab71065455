/**
 * "Export to ThingWorx…" in the what-if workbench (docs/export-changes.md): the scenario on screen
 * (saved or not) as a shell script of REST calls, entity XML or a Postman collection, or the export
 * that undoes it. The dialog shows the export's header and a preview, then saves the file. Built
 * by the `whatif:export-changes` contract call, like `permsim export-changes`.
 */
import './export-changes.css';
import { useEffect, useState } from 'react';
import { DialogFrame } from '../components/DialogFrame';
import type { ExportChangesResult, ExportFormat } from '../../../shared/export';
import { useAppStore } from '../stores/app-store';
import { scenarioRefOf, useWhatIfStore } from './whatif-store';

const FORMATS: { id: ExportFormat; label: string; hint: string }[] = [
  {
    id: 'script',
    label: 'Shell script',
    hint: 'curl calls to the permission services; reads TWX_URL and TWX_APPKEY, stops at the first failure',
  },
  {
    id: 'xml',
    label: 'Entity XML',
    hint: 'the changed entities, for Composer import; review before importing',
  },
  { id: 'postman', label: 'Postman', hint: 'a collection (v2.1) of the same calls' },
];

/**
 * Saves text as a download. As for reports (../report/save-report.ts), Electron turns the download
 * into its native Save dialog, so the desktop app needs no extra call.
 */
function download(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The toolbar button and, while open, the dialog. */
export function ExportChangesButton() {
  const [open, setOpen] = useState(false);
  // The export's header states the diff's effect: not while it is computed or once cancelled (a
  // change that does not apply is for the export to report).
  const unfinished = useWhatIfStore(
    s =>
      s.draft.changes.length > 0 &&
      (s.running || s.error?.cancelled === true || (s.result === null && s.error === null)),
  );
  return (
    <>
      <button
        type="button"
        className="small-btn"
        onClick={() => setOpen(true)}
        disabled={unfinished}
        title={unfinished ? 'Available once the diff is computed' : undefined}
      >
        Export to ThingWorx…
      </button>
      {open && <ExportChangesDialog onClose={() => setOpen(false)} />}
    </>
  );
}

export function ExportChangesDialog({ onClose }: { onClose: () => void }) {
  const run = useAppStore(s => s.run);
  const draft = useWhatIfStore(s => s.draft);
  const applied = useWhatIfStore(s => s.applied);
  const [format, setFormat] = useState<ExportFormat>('script');
  const [inverse, setInverse] = useState(false);
  const [result, setResult] = useState<ExportChangesResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError(null);
    setSaved(null);
    void run(
      'whatif:export-changes',
      // An applied scenario is exported against the baseline it was applied to.
      { scenario: scenarioRefOf({ draft, applied }), format, inverse },
      { quiet: true, label: 'Building the export' },
    ).then(r => {
      if (!live) return;
      setBusy(false);
      if (r.ok) setResult(r.value);
      else {
        setResult(null);
        setError(r.error.message);
      }
    });
    return () => {
      live = false;
    };
  }, [run, draft, applied, format, inverse]);

  const notExported = result?.notExported.length ?? 0;
  const n = result?.items ?? 0;
  const unit =
    result?.format === 'xml' ? (n === 1 ? 'entity' : 'entities') : n === 1 ? 'call' : 'calls';
  return (
    <DialogFrame
      title={
        <>
          Export to ThingWorx<span className="muted"> · {draft.name}</span>
        </>
      }
      label="Export to ThingWorx"
      className="export-dialog export-changes"
      onClose={onClose}
    >
      <form
        onSubmit={e => {
          e.preventDefault();
          if (!result) return;
          try {
            download(result.fileName, result.mimeType, result.text);
            setSaved(`Saved ${result.fileName}.`);
          } catch (x) {
            setError(`The file could not be saved: ${x instanceof Error ? x.message : String(x)}`);
          }
        }}
      >
        <fieldset className="segmented" aria-label="Format">
          <legend className="sr-only">Format</legend>
          {FORMATS.map(f => (
            <label key={f.id} className={format === f.id ? 'on' : ''} title={f.hint}>
              <input
                type="radio"
                name="export-changes-format"
                value={f.id}
                checked={format === f.id}
                onChange={() => setFormat(f.id)}
              />
              {f.label}
            </label>
          ))}
        </fieldset>
        <p className="muted small">{FORMATS.find(f => f.id === format)?.hint}</p>
        <label className="check">
          <input type="checkbox" checked={inverse} onChange={e => setInverse(e.target.checked)} />
          Inverse: the export that undoes this scenario on the server
        </label>

        {busy && (
          <div className="export-progress" role="status" aria-live="polite">
            <progress aria-label="Building the export" />
            <span>Building the export…</span>
            <button type="button" className="link" onClick={onClose}>
              Cancel
            </button>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {result && !busy && (
          <>
            <p className="export-summary" aria-label="Export summary">
              <b>{result.fileName}</b> · {n} {unit}
              {notExported > 0 ? (
                <span className="tag warn">
                  {' '}
                  {notExported} change{notExported === 1 ? '' : 's'} not exported
                </span>
              ) : null}
            </p>
            <pre className="export-preview" aria-label="Export preview" tabIndex={0}>
              {result.text}
            </pre>
          </>
        )}
        {saved && (
          <p className="export-done" role="status">
            {saved}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={!result || busy}>
            Download
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
