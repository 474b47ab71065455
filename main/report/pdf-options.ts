/**
 * Page setup shared by both PDF printers (style.md §3.5): headless Chromium in the CLI and browser
 * mode (pdf.ts) and Electron's `webContents.printToPDF` in the desktop app. The header carries the
 * report title, the footer the date and "page N of M"; the templates escape the title, because it
 * contains the model name.
 *
 * @example
 * const { headerTemplate, footerTemplate } = pdfHeaderFooter('PermSim report: Plant', '2026-05-01T10:00:00Z');
 */
import { escapeHtml } from '../../shared/report/html-safe';

export type HeaderFooter = { headerTemplate: string; footerTemplate: string };

const STYLE =
  'font-size:8px;font-family:sans-serif;color:#555;width:100%;padding:0 12mm;display:flex;justify-content:space-between;';

export function pdfHeaderFooter(title: string, date: string): HeaderFooter {
  return {
    headerTemplate: `<div style="${STYLE}"><span>${escapeHtml(title)}</span><span>PermSim</span></div>`,
    // pageNumber/totalPages are filled in by Chromium's print engine.
    footerTemplate: `<div style="${STYLE}"><span>${escapeHtml(date)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

/** Margins leave room for the header and footer templates (A4, backgrounds on for status colours). */
export const PDF_MARGINS = { top: '16mm', bottom: '16mm', left: '12mm', right: '12mm' } as const;
