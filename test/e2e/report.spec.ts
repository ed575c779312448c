import { expect, test } from '@playwright/test';
import { REPORT_PRINT } from '../../main/sessions/report-pdf.ts';
import { teamSummaryHtml } from '../../main/sessions/team-report.ts';
import { mergeSummaries } from '../../main/sessions/team-summary.ts';
import type { CallingSummary } from '../../shared/summary.ts';
import { hostPerTest } from './web-host.ts';

const hosts = hostPerTest('2026-11-23T15:00:00Z');

test('the printable summary report reads well in Chromium', async ({ page }, testInfo) => {
  const host = await hosts.start();
  const rows = ['Record ID,Name,Phone,Create Date,Recent Conversion,Recent Conversion Date'];
  for (let i = 0; i < 12; i++) rows.push(`${i},Lead ${i},+1212555${String(1000 + i)},2026-11-2${i % 3} 10:00,${i % 4 === 0 ? 'Contact sales' : ''},${i % 4 === 0 ? '2026-11-23 12:00' : ''}`);
  await host.call('leads.import', { fileName: 'l.csv', data: Buffer.from(rows.join('\n')).toString('base64') });
  const consoleId = 'console-report';
  await host.call('sessions.start', { consoleId });
  const codes = ['no-answer', 'voicemail', 'busy', 'wrong-person', 'interested-not-yet', 'no-answer', 'qualified', 'do-not-call'];
  for (const code of codes) {
    const next = await host.call<{ next: { card: { lead: { id: number } } } | null }>('queue.next', { consoleId });
    if (!next.next) break;
    const extra = code === 'qualified' ? { answers: { need: 'Too many spreadsheets', budget: 'yes', authority: 'You decide', timeline: '2026-12-20' } } : {};
    await host.call('calls.disposition', { leadId: next.next.card.lead.id, code, consoleId, ...extra });
  }
  const session = await host.call<{ id: number }>('sessions.end', { consoleId });
  const [report] = await host.call<{ content: string }[]>('sessions.export', { sessionId: session.id, format: 'html', timeZone: 'America/New_York' });
  await page.setContent(report!.content);
  await expect(page.locator('h1')).toHaveText(`Session #${session.id}`);
  await expect(page.locator('.tile').first()).toHaveText('Dials8');
  await expect(page.locator('svg')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('summary-report.png'), fullPage: true });

  // On paper, as the desktop app prints it (Electron's printToPDF is this Chromium's): one A4 page
  // for a manager, and the same on Letter.
  const margin = `${REPORT_PRINT.marginInches}in`;
  const print = (format: 'A4' | 'Letter') => page.pdf({ format, printBackground: REPORT_PRINT.printBackground, margin: { top: margin, bottom: margin, left: margin, right: margin } });
  const a4 = await print('A4');
  await testInfo.attach('summary-report.pdf', { body: a4, contentType: 'application/pdf' });
  expect(a4.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdfPages(a4)).toBe(1);
  expect(pdfPages(await print('Letter'))).toBe(1);

  // The team lead's page: two reps' exports side by side, on one clock.
  const summary = await host.call<CallingSummary>('sessions.summary', { sessionId: session.id, timeZone: 'America/New_York' });
  const ben = { ...summary, scope: { ...summary.scope, rep: 'Ben' } };
  await page.setContent(teamSummaryHtml(mergeSummaries([{ source: 'ana.json', summary }, { source: 'ben.json', summary: ben }])));
  await expect(page.locator('tbody tr')).toHaveCount(3);
  await expect(page.locator('tbody tr').last().locator('th').nth(1)).toHaveText('16');
  await expect(page.locator('svg')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('team-report.png'), fullPage: true });
});

/** How many pages a PDF has: Chromium writes one /Type /Page object per page. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
}
