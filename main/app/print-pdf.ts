/**
 * Report PDF in the desktop app (docs/reports.md, architecture.md §2): Electron's `webContents.printToPDF`
 * on a hidden, sandboxed window without preload or JavaScript, with the same page setup as the
 * headless-Chromium printer of the CLI and browser mode (main/report/pdf-options.ts). The window and
 * the staging of the HTML are injected, so the decisions are unit-tested without Electron.
 *
 * @example
 * const printPdf = createElectronPdfPrinter({ createWindow: o => new BrowserWindow(o), stageHtml });
 * createProjectBackend({ dataDir, printPdf }); // report:export { format: 'pdf' } now prints here
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { PDF_MARGINS, pdfHeaderFooter } from '../report/pdf-options';

/** The part of a BrowserWindow the printer uses. */
export type PdfWindow = {
  loadURL(url: string): Promise<void>;
  webContents: { printToPDF(options: PrintToPDFOptions): Promise<Uint8Array> };
  isDestroyed(): boolean;
  destroy(): void;
};

/** The HTML written where the window can load it (a temporary file), removed by `dispose`. */
export type StagedHtml = { url: string; dispose(): Promise<void> };

export type ElectronPdfDeps = {
  createWindow(options: BrowserWindowConstructorOptions): PdfWindow;
  stageHtml(html: string): Promise<StagedHtml>;
  timeoutMs?: number;
};

/** Same signature as the headless-Chromium printer (`printPdf` of main/api/report-handlers.ts). */
export type PdfPrinter = (
  html: string,
  options: { title: string; date: string },
) => Promise<Result<Uint8Array>>;

/** Every option the main window also pins, plus no preload, no JavaScript, never shown. */
export function pdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi: the layout the print engine paginates
    height: 1123,
    webPreferences: {
      // An in-memory session of its own: the app:// protocol and its permissions stay untouched.
      partition: PDF_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      javascript: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export const PDF_PARTITION = 'permsim-pdf';

/** `'16mm'` -> inches (Electron's `printToPDF` margins are in inches; pdf-options.ts speaks mm). */
export function mmToInches(value: string): number {
  const m = /^(\d+(?:\.\d+)?)mm$/.exec(value);
  if (!m) throw new Error(`expected a length in mm such as '12mm', got '${value}'`);
  return Math.round((Number(m[1]) / 25.4) * 1000) / 1000;
}

/** A4, backgrounds on (status colours), title header, date and "Page N of M" footer. */
export function printToPdfOptions(title: string, date: string): PrintToPDFOptions {
  return {
    pageSize: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    ...pdfHeaderFooter(title, date),
    // Inches; Electron 45 dropped `marginType` (explicit numbers are custom margins).
    margins: {
      top: mmToInches(PDF_MARGINS.top),
      bottom: mmToInches(PDF_MARGINS.bottom),
      left: mmToInches(PDF_MARGINS.left),
      right: mmToInches(PDF_MARGINS.right),
    },
    preferCSSPageSize: false,
  };
}

/**
 * Only the staged file itself (and inline `data:` images) may load in the print window; the report's
 * CSP forbids everything else anyway, this is the second lock.
 */
export function isPdfRequestAllowed(url: string, stagedUrl: string): boolean {
  return url === stagedUrl || url.startsWith('data:');
}

/** A printer that never throws: failures come back as `pdf-failed` with the reason in words. */
export function createElectronPdfPrinter(deps: ElectronPdfDeps): PdfPrinter {
  const timeoutMs = deps.timeoutMs ?? 60_000;
  return async (html, options) => {
    let staged: StagedHtml | undefined;
    let win: PdfWindow | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Set once the call has answered: staging that finishes after a timeout must not leave a file
    // or a hidden window behind.
    let finished = false;
    try {
      const work = (async () => {
        const s = await deps.stageHtml(html);
        if (finished) {
          await s.dispose();
          throw new Error('abandoned');
        }
        staged = s;
        win = deps.createWindow(pdfWindowOptions());
        await win.loadURL(s.url);
        return win.webContents.printToPDF(printToPdfOptions(options.title, options.date));
      })();
      work.catch(() => undefined); // its failure is reported through the race below, or not at all after a timeout
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`printing took longer than ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
      });
      const pdf = await Promise.race([work, timeout]);
      return ok(new Uint8Array(pdf));
    } catch (e) {
      return err(
        'pdf-failed',
        `PDF export failed while printing in the desktop app: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    } finally {
      finished = true;
      if (timer) clearTimeout(timer);
      if (win && !win.isDestroyed()) win.destroy();
      await staged?.dispose().catch(() => undefined);
    }
  };
}

/**
 * Writes the report HTML to a fresh private temporary directory (a file, not a data: URL: Chromium
 * caps URLs at 2 MB and large reports exceed that); `dispose` removes the directory.
 */
export async function stageHtmlInTempDir(html: string): Promise<StagedHtml> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'permsim-pdf-'));
  const file = path.join(dir, 'report.html');
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  return {
    url: pathToFileURL(file).href,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
