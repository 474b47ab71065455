/**
 * The desktop app's PDF printer (main/app/print-pdf.ts) with a fake window: the print window is
 * hidden, sandboxed, without preload or JavaScript; the page setup matches the CLI's headless
 * Chromium (title header, date and "Page N of M" footer, A4, mm margins in inches); the window and
 * the staged file are always cleaned up; failures and hangs come back in words, never as throws.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  createElectronPdfPrinter,
  isPdfRequestAllowed,
  mmToInches,
  pdfWindowOptions,
  printToPdfOptions,
  stageHtmlInTempDir,
} from '../../../main/app/print-pdf';
import type { PdfWindow, StagedHtml } from '../../../main/app/print-pdf';
import { createHandlers, openModelSession } from '../../../main/api';

const PDF = new TextEncoder().encode('%PDF-1.7 fake');

function fakes(opts: { load?: () => Promise<void>; print?: () => Promise<Uint8Array> } = {}) {
  const log: string[] = [];
  const windows: {
    options: BrowserWindowConstructorOptions;
    loaded?: string;
    printed?: PrintToPDFOptions;
    destroyed: boolean;
  }[] = [];
  const createWindow = (options: BrowserWindowConstructorOptions): PdfWindow => {
    const rec: (typeof windows)[number] = { options, destroyed: false };
    windows.push(rec);
    return {
      async loadURL(url) {
        rec.loaded = url;
        await (opts.load?.() ?? Promise.resolve());
      },
      webContents: {
        async printToPDF(o) {
          rec.printed = o;
          return opts.print?.() ?? PDF;
        },
      },
      isDestroyed: () => rec.destroyed,
      destroy: () => void (rec.destroyed = true),
    };
  };
  const stageHtml = async (html: string): Promise<StagedHtml> => {
    log.push(`stage ${html.length}`);
    return {
      url: 'file:///tmp/permsim-pdf-x/report.html',
      dispose: async () => void log.push('dispose'),
    };
  };
  return { log, windows, createWindow, stageHtml };
}

describe('the print window', () => {
  it('is hidden, sandboxed, isolated, without preload, Node or JavaScript, in a session of its own', () => {
    const o = pdfWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webviewTag: false,
      partition: 'permsim-pdf',
    });
    expect(o.webPreferences?.preload).toBeUndefined();
  });

  it('loads only the staged report and inline data: images', () => {
    const staged = 'file:///tmp/permsim-pdf-x/report.html';
    expect(isPdfRequestAllowed(staged, staged)).toBe(true);
    expect(isPdfRequestAllowed('data:image/png;base64,AAAA', staged)).toBe(true);
    expect(isPdfRequestAllowed('https://example.com/x.png', staged)).toBe(false);
    expect(isPdfRequestAllowed('file:///etc/passwd', staged)).toBe(false);
  });
});

describe('page setup shared with the CLI printer (pdf-options.ts)', () => {
  it('A4 with backgrounds, the escaped title in the header, date and page numbers in the footer', () => {
    const o = printToPdfOptions('PermSim report: <Plant>', '2026-05-01T10:00:00Z');
    expect(o).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      preferCSSPageSize: false,
    });
    expect(o.headerTemplate).toContain('PermSim report: &lt;Plant&gt;');
    expect(o.footerTemplate).toContain('2026-05-01T10:00:00Z');
    expect(o.footerTemplate).toContain(
      'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
    );
    // 16 mm top/bottom and 12 mm sides, in inches as Electron expects.
    expect(o.margins).toEqual({
      top: 0.63,
      bottom: 0.63,
      left: 0.472,
      right: 0.472,
    });
  });

  it('refuses a margin that is not in mm instead of printing with a wrong one', () => {
    expect(mmToInches('25.4mm')).toBe(1);
    expect(() => mmToInches('1in')).toThrow("expected a length in mm such as '12mm', got '1in'");
  });
});

describe('createElectronPdfPrinter', () => {
  it('stages the HTML, loads it, prints, and cleans up the window and the file', async () => {
    const f = fakes();
    const r = await createElectronPdfPrinter(f)('<p>403</p>', { title: 'T', date: 'D' });
    expect(r).toEqual({ ok: true, value: PDF });
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0]).toMatchObject({
      loaded: 'file:///tmp/permsim-pdf-x/report.html',
      destroyed: true,
    });
    expect(f.windows[0]?.printed?.headerTemplate).toContain('>T<');
    expect(f.log).toEqual(['stage 10', 'dispose']);
  });

  it('a failing load comes back as pdf-failed in words, and still cleans up', async () => {
    const f = fakes({
      load: () => Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6) loading file:///x\nstack')),
    });
    const r = await createElectronPdfPrinter(f)('<p/>', { title: 'T', date: 'D' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'pdf-failed',
        message:
          'PDF export failed while printing in the desktop app: ERR_FILE_NOT_FOUND (-6) loading file:///x',
      },
    });
    expect(f.windows[0]?.destroyed).toBe(true);
    expect(f.log).toContain('dispose');
  });

  it('a print that hangs times out in words and closes the window', async () => {
    const f = fakes({ print: () => new Promise<Uint8Array>(() => undefined) });
    const r = await createElectronPdfPrinter({ ...f, timeoutMs: 30 })('<p/>', {
      title: 'T',
      date: 'D',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'pdf-failed', message: expect.stringContaining('printing took longer than') },
    });
    expect(f.windows[0]?.destroyed).toBe(true);
    expect(f.log).toContain('dispose');
  });

  it('is what report:export uses for PDF when the app passes it (no headless Chromium involved)', async () => {
    const f = fakes();
    const s = openModelSession(
      fileURLToPath(new URL('../../../assets/demos/sensor-datastream.yaml', import.meta.url)),
    );
    if (!s.ok) throw new Error(s.error.message);
    const api = createHandlers({ session: s.value, printPdf: createElectronPdfPrinter(f) });
    const r = await api.call('report:export', {
      format: 'pdf',
      sections: ['requests'],
      title: 'Audit <1>',
    });
    if (!r.ok || !('base64' in r.value)) throw new Error(r.ok ? 'no base64' : r.error.message);
    expect(Buffer.from(r.value.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(f.windows[0]?.printed?.headerTemplate).toContain('Audit &lt;1&gt;');
    await api.close();
  });
});

describe('stageHtmlInTempDir', () => {
  it('writes the HTML to a private file URL and removes it on dispose', async () => {
    const s = await stageHtmlInTempDir('<p>Café</p>');
    const file = fileURLToPath(s.url);
    expect(readFileSync(file, 'utf8')).toBe('<p>Café</p>');
    await s.dispose();
    expect(existsSync(file)).toBe(false);
  });
});
