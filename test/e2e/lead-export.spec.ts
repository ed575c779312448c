import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { hostPerTest } from './web-host.ts';

const hosts = hostPerTest('2026-11-23T15:00:00Z');

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Clicks a button that downloads one file; gives its name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the Reports screen exports leads, a call list or all of them, as CSV that Excel reads right and Nextcall reads back', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await host.call('leads.import', {
    fileName: 'webinar.csv',
    listName: 'Webinar',
    data: base64('Record ID,First Name,Last Name,Phone,Company\n1,José,Müller,+12125550100,"Acme;=2+3;Inc"\n2,Zoë,Ødegaard,+12125550101,Beta\n'),
  });
  await host.call('leads.import', { fileName: 'cold.csv', data: base64('Record ID,Name,Phone\n3,Cold Lead,+12125550102\n') });
  // A call finds José's number bad: the export says so.
  const next = await host.call<{ next: { card: { lead: { id: number; crmId: string } } } }>('queue.next', { consoleId: 'e2e-export' });
  await host.call('calls.disposition', { leadId: next.next.card.lead.id, code: 'bad-number', consoleId: 'e2e-export' });
  const badLead = next.next.card.lead.crmId;

  await page.goto(host.url);
  await page.getByRole('button', { name: 'Reports' }).click();
  const reports = page.getByRole('dialog', { name: 'Reports' });
  await reports.getByRole('tab', { name: 'Leads' }).click();
  const leads = reports.getByRole('tabpanel', { name: 'Leads' });
  await leads.getByRole('combobox', { name: 'Leads' }).selectOption('Webinar');
  await expect(leads.getByRole('combobox', { name: 'Leads' })).toHaveValue('Webinar');

  const csv = await download(page, () => leads.getByRole('button', { name: 'CSV' }).click());
  expect(csv.name).toBe('nextcall-leads-Webinar.csv');
  await expect(leads.getByRole('status')).toHaveText('Downloading nextcall-leads-Webinar.csv: 2 leads.');
  await page.screenshot({ path: testInfo.outputPath('reports-leads-export.png') });
  // The byte-order mark first, so Excel reads UTF-8 and shows José Müller, not JosÃ© MÃ¼ller.
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.bytes.toString('utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(text).toContain(',José,Müller,');
  expect(text).toContain(`"Acme;'=2+3;Inc"`);
  expect(lines[0]!.endsWith(',Bad Phone Numbers')).toBe(true);
  const badRow = lines.find((line) => line.startsWith(`${badLead},`))!;
  expect(badRow.endsWith(",'+12125550100") || badRow.endsWith(",'+12125550101")).toBe(true);
  // What a spreadsheet set to semicolons would make of it: no cell starts a formula.
  for (const cell of text.split(/[;\r\n]/)) expect(cell).not.toMatch(/^[ "]*[=+\-@]/);

  // Nextcall reads its own file back: the same two leads, nothing rejected, nothing new.
  const again = await host.call<{ created: number; updated: number; rejected: unknown[] }>('leads.import', { fileName: csv.name, data: csv.bytes.toString('base64'), dryRun: true });
  expect(again).toMatchObject({ created: 0, updated: 2, rejected: [] });

  await leads.getByRole('combobox', { name: 'Leads' }).selectOption('');
  const json = await download(page, () => leads.getByRole('button', { name: 'JSON' }).click());
  expect(json.name).toBe('nextcall-leads.json');
  const parsed = JSON.parse(json.bytes.toString('utf8')) as { schemaVersion: number; list: null; leads: { crmId: string; phones: { bad: boolean }[] }[] };
  expect(parsed.leads.map((l) => l.crmId)).toEqual(['1', '2', '3']);
  expect(parsed.leads.find((l) => l.crmId === badLead)!.phones[0]!.bad).toBe(true);
  await expect(leads.getByRole('status')).toHaveText('Downloading nextcall-leads.json: 3 leads.');
});
