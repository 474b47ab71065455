/**
 * Report HTML to PDF with headless Chromium (playwright-core driving the system `/usr/bin/chromium`,
 * architecture.md §2): used by the CLI and browser mode; the desktop app prints the same HTML with
 * Electron's printToPDF. The page runs offline: every network request is aborted (the report is
 * self-contained and its CSP forbids loading anything anyway).
 *
 * @example
 * const r = await htmlToPdf(reportToHtml(data), { title: data.title, date: data.exportedAt });
 * if (r.ok) writeFileSync('report.pdf', r.value);
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Result } from '../../shared/contract';
import { err, ok } from '../../shared/contract';
import { PDF_MARGINS, pdfHeaderFooter } from './pdf-options';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags from the brief: no sandbox (containers, CI), no background traffic, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
] as const;

export type PdfOptions = {
  title: string;
  date: string;
  /** Default: $PERMSIM_CHROMIUM or /usr/bin/chromium. */
  chromiumPath?: string;
  timeoutMs?: number;
};

/** Chromium to use: an explicit path, then $PERMSIM_CHROMIUM, then the Debian package's binary. */
export function chromiumPath(explicit?: string): string {
  return explicit ?? process.env['PERMSIM_CHROMIUM'] ?? DEFAULT_CHROMIUM;
}

/**
 * Prints `html` to an A4 PDF with the title in the header and date and page numbers in the footer.
 * Never throws: a missing or failing Chromium gives `pdf-unavailable` with the reason.
 */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Result<Buffer>> {
  const executablePath = chromiumPath(options.chromiumPath);
  if (!existsSync(executablePath)) {
    return err(
      'pdf-unavailable',
      `PDF export needs Chromium at ${executablePath} (Debian: apt-get install chromium, or set PERMSIM_CHROMIUM); HTML, CSV and JSON work without it.`,
    );
  }
  const timeout = options.timeoutMs ?? 60_000;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [...CHROMIUM_ARGS],
      headless: true,
      timeout,
    });
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route('**/*', route => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      ...pdfHeaderFooter(options.title, options.date),
      margin: PDF_MARGINS,
      preferCSSPageSize: false,
    });
    return ok(pdf);
  } catch (e) {
    return err(
      'pdf-failed',
      `PDF export failed while running Chromium (${executablePath}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  } finally {
    await browser?.close().catch(() => undefined);
  }
}
