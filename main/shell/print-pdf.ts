import { app, BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { paperFor, REPORT_PRINT } from '../sessions/report-pdf.ts';

/**
 * A report printed to PDF by Electron's own Chromium: the page is written to a private temporary
 * folder (a data: URL would cap its size) and loaded in a hidden window with no script, no preload
 * and no node — the report has no script of its own — then printed and thrown away.
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const folder = await mkdtemp(join(app.getPath('temp'), 'nextcall-print-'));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false },
  });
  try {
    const file = join(folder, 'report.html');
    await writeFile(file, html, { mode: 0o600 });
    await window.loadFile(file);
    const margin = REPORT_PRINT.marginInches;
    return await window.webContents.printToPDF({
      pageSize: paperFor(app.getLocaleCountryCode()),
      printBackground: REPORT_PRINT.printBackground,
      margins: { top: margin, bottom: margin, left: margin, right: margin },
      generateTaggedPDF: true,
    });
  } finally {
    window.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}
