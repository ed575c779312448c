import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { REPORT_PRINT } from '../../main/sessions/report-pdf.ts';
import { teamSummaryHtml } from '../../main/sessions/team-report.ts';
import { mergeSummaries } from '../../main/sessions/team-summary.ts';
import type { CallingSummary } from '../../shared/summary.ts';
import { hostPerTest, type RunningHost } from './web-host.ts';

const hosts = hostPerTest('2026-11-23T15:00:00Z');

test('the printable summary report reads well in Chromium', async ({ page }, testInfo) => {
  const host = await hosts.start();
  // A session is a named rep's.
  await host.call('prefs.set', { repName: 'Ana' });
  const session = await workASession(host, 'console-report', ['no-answer', 'voicemail', 'busy', 'wrong-person', 'interested-not-yet', 'no-answer', 'qualified', 'do-not-call']);
  const [report] = await host.call<{ content: string }[]>('sessions.export', { sessionId: session.id, format: 'html', timeZone: 'America/New_York' });
  await page.setContent(report!.content);
  await expect(page.locator('h1')).toHaveText(`Session #${session.id} · Ana`);
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

const LEADS = ['Record ID,Name,Phone,Create Date,Recent Conversion,Recent Conversion Date'];
for (let i = 0; i < 12; i++) LEADS.push(`${i},Lead ${i},+1212555${String(1000 + i)},2026-11-2${i % 3} 10:00,${i % 4 === 0 ? 'Contact sales' : ''},${i % 4 === 0 ? '2026-11-23 12:00' : ''}`);

/** Twelve leads (imported once), then a session on a console logging these dispositions, one lead each. */
async function workASession(host: RunningHost, consoleId: string, codes: string[]): Promise<{ id: number }> {
  if ((await host.call<{ total: number }>('queue.next', {})).total === 0) {
    await host.call('leads.import', { fileName: 'l.csv', data: Buffer.from(LEADS.join('\n')).toString('base64') });
  }
  await host.call('sessions.start', { consoleId });
  for (const code of codes) {
    const next = await host.call<{ next: { card: { lead: { id: number } } } | null }>('queue.next', { consoleId });
    if (!next.next) break;
    const extra = code === 'qualified' ? { answers: { need: 'Too many spreadsheets', budget: 'yes', authority: 'You decide', timeline: '2026-12-20' } } : {};
    await host.call('calls.disposition', { leadId: next.next.card.lead.id, code, consoleId, ...extra });
  }
  return host.call<{ id: number }>('sessions.end', { consoleId });
}

/** Clicks a button that downloads files, and gives each file's name and text. */
async function downloads(page: Page, click: () => Promise<void>, count = 1): Promise<{ name: string; text: string }[]> {
  const files: Promise<{ name: string; text: string }>[] = [];
  const onDownload = (d: Download) => files.push(d.path().then(async (path) => ({ name: d.suggestedFilename(), text: await readFile(path, 'utf8') })));
  page.on('download', onDownload);
  await click();
  await expect.poll(() => files.length).toBe(count);
  page.off('download', onDownload);
  return Promise.all(files);
}

/** Ana's morning (3 dials, a SQL) and Ben's (2 dials), both Monday 10:00 in New York; the Reports screen open. */
async function reportsAfterAnaAndBen(page: Page) {
  const host = await hosts.start();
  await host.call('prefs.set', { repName: 'Ana' });
  await workASession(host, 'console-ana', ['no-answer', 'voicemail', 'qualified']);
  await host.call('prefs.set', { repName: 'Ben' });
  await workASession(host, 'console-ben', ['busy', 'no-answer']);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Reports' }).click();
  return { host, reports: page.getByRole('dialog', { name: 'Reports' }) };
}

test.describe('the Reports screen', () => {
  // The team lead sits in New York: Monday 23 November, 10:00 on the host's clock.
  test.use({ timezoneId: 'America/New_York' });

  test('a team lead reads today’s figures for everyone and for one rep, and takes them away', async ({ page }, testInfo) => {
    const { host, reports } = await reportsAfterAnaAndBen(page);
    await expect(reports).toBeVisible();
    const tile = (label: string) => reports.locator('.report-tile').filter({ has: page.getByText(label, { exact: true }) }).locator('.value');
    await expect(reports.getByLabel('From')).toHaveValue('2026-11-23');
    await expect(reports.getByLabel('Time zone')).toHaveValue('America/New_York');
    await expect(tile('Dials')).toHaveText('5');
    await expect(tile('Qualified (SQL)')).toHaveText('1');
    await expect(reports.getByRole('region', { name: 'Dispositions' })).toContainText('No answer2');
    await expect(reports.locator('.hour-bars li[title="10:00: 5 dials"]')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('reports-range.png') });

    await reports.getByLabel('Rep', { exact: true }).selectOption('Ben');
    await expect(tile('Dials')).toHaveText('2');
    await expect(tile('Qualified (SQL)')).toHaveText('0');
    const csv = await downloads(page, () => reports.getByRole('button', { name: 'CSV' }).click(), 2);
    const calls = csv.find((f) => f.name.endsWith('-calls.csv'))!;
    expect(calls.name).toBe('nextcall-summary-ben-2026-11-23-calls.csv');
    expect(calls.text.trim().split('\r\n').slice(1).map((line) => line.split(',')[6])).toEqual(['Ben', 'Ben']);
    const [json] = await downloads(page, () => reports.getByRole('button', { name: 'JSON' }).click());
    expect(JSON.parse(json!.text)).toMatchObject({ schemaVersion: 2, scope: { rep: 'Ben', timeZone: 'America/New_York' }, dials: 2 });
    // In a browser there is no PDF button: the page says how to print one.
    await expect(reports.getByRole('button', { name: 'PDF' })).toHaveCount(0);
    await expect(reports).toContainText('For a PDF, open the report and print it');

    await reports.getByRole('button', { name: 'Yesterday' }).click();
    await expect(tile('Dials')).toHaveText('0');
    await expect(reports).toContainText('No call in this range.');
    await reports.getByLabel('From').fill('2026-11-25');
    await expect(reports.getByRole('alert')).toHaveText('The last day comes before the first: pick the days again.');
    await expect(reports.getByRole('button', { name: 'CSV' })).toBeDisabled();
    await reports.getByRole('button', { name: 'Today' }).click();
    await reports.getByLabel('Time zone').fill('Mars/Olympus');
    await expect(reports.getByRole('alert')).toContainText('“Mars/Olympus” is not a time zone');
    await reports.getByLabel('Time zone').fill('Asia/Tokyo');
    await expect(reports.getByRole('alert')).toHaveCount(0);
    // Tokyo's Monday 23 November ended before New York's morning began.
    await expect(tile('Dials')).toHaveText('0');

    // The call screen's keys stay with the lead behind: 9 (do not call), S and U do nothing here.
    await reports.getByRole('button', { name: 'Close' }).focus();
    for (const key of ['u', 's', '9', 'c']) await page.keyboard.press(key);
    await page.keyboard.press('Escape');
    await expect(reports).toBeHidden();
    await expect(page.getByRole('button', { name: 'Reports' })).toBeFocused();
    expect(await host.call<unknown[]>('calls.recent', {})).toHaveLength(5);
  });

  test('a team lead merges reps’ JSON summaries into one team report, and a wrong file is named, not merged', async ({ page }, testInfo) => {
    const { host, reports } = await reportsAfterAnaAndBen(page);
    const export_ = async (rep: string, timeZone = 'America/New_York') => {
      const [file] = await host.call<{ content: string }[]>('sessions.export', { from: '2026-11-23T05:00:00Z', to: '2026-11-24T05:00:00Z', rep, timeZone, format: 'json' });
      return Buffer.from(file!.content);
    };
    await reports.getByRole('tab', { name: 'Team summary' }).click();
    const input = reports.getByTestId('team-input');
    // Picked together with a file that is not a summary: that one is named and left out, the two others merged.
    await input.setInputFiles([
      { name: 'ana.json', mimeType: 'application/json', buffer: await export_('Ana') },
      { name: 'leads.json', mimeType: 'application/json', buffer: Buffer.from('[{"name": "Ada"}]') },
      { name: 'ben.json', mimeType: 'application/json', buffer: await export_('Ben') },
    ]);
    await expect(reports.getByRole('alert')).toHaveText('leads.json is not a Nextcall summary: it has no schemaVersion.');
    const table = reports.getByRole('table', { name: 'Team summary' });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText('Ana3');
    await expect(rows.nth(2)).toContainText('Ben2');
    await expect(rows.nth(3)).toContainText('Team5');
    await expect(reports.locator('#reports-panel-team .hour-bars li[title="10:00: 5 dials"]')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('reports-team.png') });

    // Ben's summary again under another name is counted once.
    await input.setInputFiles({ name: 'ben (1).json', mimeType: 'application/json', buffer: await export_('Ben') });
    await expect(reports.getByRole('alert')).toHaveText('ben (1).json is the same summary as ben.json: counted once.');
    await expect(rows).toHaveCount(4);

    // Kenji counted his hours in Tokyo: the team keeps his figures but not a mix of clocks.
    await input.setInputFiles({ name: 'kenji.json', mimeType: 'application/json', buffer: await export_('Ben', 'Asia/Tokyo') });
    await expect(rows).toHaveCount(5);
    await expect(reports).toContainText('different zones');
    await reports.getByRole('button', { name: 'Remove kenji.json' }).click();
    await expect(rows).toHaveCount(4);

    const [html] = await downloads(page, () => reports.getByRole('button', { name: 'Report (HTML)' }).click());
    expect(html!.name).toBe('nextcall-team-summary.html');
    expect(html!.text).toContain('<th>Team</th><th>5</th>');
  });
});
