/**
 * Saves an exported report as a file. Browser mode: a download (Blob, object URL, `a[download]`).
 * The desktop app takes the same path: Electron turns the download into its native Save dialog
 * (no `will-download` handler sets a path), so no extra contract call is needed.
 *
 * @example
 * const r = await api.call('report:export', { format: 'pdf' });
 * if (r.ok) saveReport(r.value);
 */
import type { ReportExportResult } from '../../../shared/report/export-types';

/** The file's content: text as UTF-8, PDF decoded from base64 to its bytes. */
export function reportBlob(result: ReportExportResult): Blob {
  if (result.format === 'pdf') {
    const raw = atob(result.base64);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return new Blob([bytes], { type: result.mimeType });
  }
  return new Blob([result.text], { type: `${result.mimeType};charset=utf-8` });
}

export function saveReport(result: ReportExportResult, doc: Document = document): void {
  const url = URL.createObjectURL(reportBlob(result));
  const a = doc.createElement('a');
  a.href = url;
  a.download = result.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
