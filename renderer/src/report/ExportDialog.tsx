import { REPORT_FORMATS, REPORT_TEMPLATES, TEMPLATE_LABELS } from '../../../shared/report/types';
import type { ReportTemplate } from '../../../shared/report/types';
import { DialogFrame } from '../components/DialogFrame';
import { TITLE_MAX } from './export-args';
import { FORMAT_LABELS } from './export-labels';
import { ExportPickers, ExportSections } from './ExportParts';
import { useExportDialog } from './export-store';
import { useExportForm } from './use-export-form';
import './report.css';

/** The report Export dialog (docs/reports.md): template, sections, scenario, users, Things, contexts, format. */
export function ExportDialog() {
  const open = useExportDialog(s => s.open);
  return open ? <ExportForm /> : null;
}

function ExportForm() {
  const f = useExportForm();
  const {
    close,
    modelName,
    template,
    pickTemplate,
    format,
    setFormat,
    title,
    setTitle,
    busy,
    error,
    done,
    submit,
  } = f;
  return (
    // The shared frame: Escape (not while exporting), the first field focused, focus back to the
    // opener on close.
    <DialogFrame
      title={<>Export report{modelName ? <span className="muted"> · {modelName}</span> : null}</>}
      label="Export report"
      className="export-dialog"
      onClose={close}
      canClose={busy === null}
    >
      <form
        onSubmit={e => {
          e.preventDefault();
          if (busy === null) void submit();
        }}
      >
        <label className="field">
          <span>Template</span>
          <select
            aria-label="Template"
            value={template}
            onChange={e => pickTemplate(e.target.value as ReportTemplate | 'custom')}
          >
            {REPORT_TEMPLATES.map(t => (
              <option key={t} value={t}>
                {TEMPLATE_LABELS[t]}
              </option>
            ))}
            <option value="custom">Custom (the sections ticked below)</option>
          </select>
        </label>

        <ExportSections f={f} />
        <ExportPickers f={f} />
        <label className="field">
          <span>Title (optional; also the file name)</span>
          <input
            type="text"
            aria-label="Report title"
            maxLength={TITLE_MAX}
            placeholder={`PermSim report: ${modelName}`}
            value={title}
            onChange={e => setTitle(e.target.value)}
          />
        </label>

        <fieldset className="segmented" aria-label="Format">
          <legend className="sr-only">Format</legend>
          {REPORT_FORMATS.map(f => (
            <label key={f} className={format === f ? 'on' : ''}>
              <input
                type="radio"
                name="report-format"
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
              />
              {FORMAT_LABELS[f]}
            </label>
          ))}
        </fieldset>

        {busy !== null && (
          <div className="export-progress" role="status" aria-live="polite">
            <progress aria-label="Exporting" />
            <span>
              Exporting {FORMAT_LABELS[busy]}…
              {busy === 'pdf' ? ' (printing takes a few seconds)' : ''}
            </span>
          </div>
        )}
        {busy === null && done && (
          <p className="export-done" role="status">
            {done}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close} disabled={busy !== null}>
            Close
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            Export {FORMAT_LABELS[format]}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
