import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { CallLog, LeadCard, WhyNot } from '../../shared/leads.ts';
import { importFile } from './console-actions.ts';
import { hostPerTest } from './web-host.ts';

const DEMO_FIXTURE = fileURLToPath(new URL('../fixtures/demo-leads.csv', import.meta.url));
// A Monday, 10:00 in New York: the demo list's leads are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';

const hosts = hostPerTest(CLOCK);

const leadOnScreen = (page: Page) => page.locator('main.call-screen');

async function currentLeadId(page: Page): Promise<number> {
  return Number(await leadOnScreen(page).getAttribute('data-lead-id'));
}

/** Presses a disposition's key and waits for a different lead to be on screen. */
async function dispose(page: Page, key: string): Promise<number> {
  const before = await currentLeadId(page);
  await page.keyboard.press(key);
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(before));
  return before;
}

test('a rep imports the demo list, dispositions three leads by keyboard, and finds them after a restart', async ({ page }, testInfo) => {
  let host = await hosts.start();
  await page.goto(host.url);

  await expect(page.getByRole('heading', { name: 'No leads yet' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);
  await page.screenshot({ path: testInfo.outputPath('empty-store.png') });

  await importFile(page, DEMO_FIXTURE);
  await expect(page.getByTestId('import-report')).toContainText('Imported 300 rows: 300 new, 0 updated, 0 merged, 0 rejected.');

  // The first lead is a hand-raiser, with its activity, the opener and the disposition buttons.
  await expect(page.getByLabel('Why this lead is next')).toContainText('Asked for a call');
  await expect(page.getByTestId('timeline').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('opener')).toContainText(/asked (us to give you a call|for a demo)/);
  await expect(page.getByRole('button', { name: /Qualified/ })).toBeVisible();

  const noAnswer = await dispose(page, '1');

  await page.keyboard.press('n');
  await expect(page.locator('#notes')).toBeFocused();
  await page.keyboard.type('Budget approved for Q1; wants a demo with the CFO');
  await page.keyboard.press('Escape');
  await expect(page.locator('#notes')).not.toBeFocused();
  const qualified = await dispose(page, '8');
  const interested = await dispose(page, '7');

  // A callback asks for a time in the lead's own clock; Enter takes the first quick choice (in 1 h).
  const callbackLead = await currentLeadId(page);
  await page.keyboard.press('0');
  const picker = page.getByRole('dialog', { name: 'Call back at' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('button', { name: /In 1 h/ })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('callback-picker.png') });
  await page.keyboard.press('Enter');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(callbackLead));

  // S skips: the lead goes back into the queue for a few minutes.
  const skipped = await currentLeadId(page);
  await page.keyboard.press('s');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(skipped));

  await page.screenshot({ path: testInfo.outputPath('console-1366x768.png') });
  await page.screenshot({ path: join(fileURLToPath(new URL('../../test-results', import.meta.url)), 'console-1366x768.png') });

  // Restart the host on the same data folder: everything the rep did is still there.
  await host.stop();
  host = await hosts.start();
  await page.goto(host.url);
  await expect(leadOnScreen(page)).toBeVisible();
  const shownAfterRestart = await currentLeadId(page);

  const calls = await host.call<CallLog[]>('calls.recent', { limit: 10 });
  expect(calls.map((c) => [c.leadId, c.dispositionCode])).toEqual([
    [callbackLead, 'callback'],
    [interested, 'interested-not-yet'],
    [qualified, 'qualified'],
    [noAnswer, 'no-answer'],
  ]);
  expect(calls.find((c) => c.leadId === qualified)?.notes).toBe('Budget approved for Q1; wants a demo with the CFO');

  const stageOf = async (leadId: number) => (await host.call<LeadCard>('leads.get', { leadId })).lead;
  expect(await stageOf(noAnswer)).toMatchObject({ attempts: 1, lastDisposition: 'No answer' });
  expect((await stageOf(qualified)).stage).toBe('SQL');
  expect((await stageOf(interested)).stage).toBe('MQL');
  const held = async (leadId: number) => (await host.call<WhyNot>('queue.whyNot', { leadId })).blockers.map((b) => b.rule);
  expect(await held(callbackLead)).toEqual(['callback-later']);
  expect(await held(skipped)).toEqual(['snoozed']);
  expect([noAnswer, qualified, interested, callbackLead, skipped]).not.toContain(shownAfterRestart);
});

test('a note being typed is kept by main as the rep types, and survives a restart of the host', async ({ page }) => {
  let host = await hosts.start();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load demo list' }).click();
  const lead = await currentLeadId(page);
  await page.keyboard.press('n');
  await page.keyboard.type('Gatekeeper says call back after lunch');
  await expect.poll(async () => (await host.call<LeadCard>('leads.get', { leadId: lead })).draft).toBe('Gatekeeper says call back after lunch');
  await host.stop();
  host = await hosts.start();
  expect((await host.call<LeadCard>('leads.get', { leadId: lead })).draft).toBe('Gatekeeper says call back after lunch');
});

test('Load demo list, focused on an empty store, fills it with Enter and shows the first lead', async ({ page }) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await expect(page.getByRole('button', { name: 'Load demo list' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-report')).toContainText('Imported 300 rows: 300 new');
  await expect(page.getByTestId('queue-count')).toContainText('300 leads');
  await expect(page.getByLabel('Lead').getByRole('link', { name: /^\+\d+$/ }).first()).toHaveAttribute('href', /^tel:\+\d+$/);
});

test('a team lead downloads the rejected rows of an import, then undoes it', async ({ page }) => {
  const host = await hosts.start();
  await page.goto(host.url);
  const file = 'Record ID,Name,Phone\n1,Ada Lovelace,+12125550100\n2,No Number,\n';
  await importFile(page, { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Imported 2 rows: 1 new, 0 updated, 0 merged, 1 rejected.');

  const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Download rejected rows' }).click()]);
  expect(download.suggestedFilename()).toBe('list-rejected.csv');
  const saved = test.info().outputPath('list-rejected.csv');
  await download.saveAs(saved);
  // Every CSV Nextcall writes starts with the UTF-8 byte-order mark, for Excel.
  expect(readFileSync(saved, 'utf8')).toBe('\uFEFFRecord ID,Name,Phone,Rejected at line,Reason\r\n2,No Number,,3,no phone number\r\n');

  await report.getByRole('button', { name: 'Undo import' }).click();
  await expect(page.getByTestId('notice')).toContainText('Import undone: 1 leads removed');
  await expect(page.getByRole('heading', { name: 'No leads yet' })).toBeVisible();
});

test('a file with no phone column is caught before anything is written', async ({ page }) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await page.getByTestId('import-input').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Email\nAda,ada@example.com\n') });
  const wizard = page.getByRole('dialog', { name: 'Import contacts.csv' });
  await expect(wizard.getByRole('alert')).toContainText('Choose the column that holds the phone number');
  await expect(wizard.getByRole('button', { name: /Import/ })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  await expect(page.getByRole('heading', { name: 'No leads yet' })).toBeVisible();
});

test('the import wizard shows how a file is read and lets the team lead change a column', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  const csv = 'Ref;Nom;Tél;Société\nA1;Zoë Lefèvre;+33 1 99 00 12 34;Atelier Nord\n';
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
  await page.getByTestId('import-input').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: bytes });
  const wizard = page.getByRole('dialog', { name: 'Import export.csv' });
  await expect(page.getByTestId('wizard-format')).toContainText('Read as UTF-16LE, columns separated by semicolons');
  await expect(wizard.getByLabel('What Société fills')).toHaveValue('company');
  await expect(wizard.getByLabel('What Nom fills')).toHaveValue('lastName');
  await wizard.getByLabel('What Nom fills').selectOption('fullName');
  await wizard.getByLabel('What Tél fills').selectOption('phone');
  await wizard.getByLabel('What Ref fills').selectOption('crmId');
  await wizard.getByLabel('Add to the call list').fill('Paris');
  await page.screenshot({ path: testInfo.outputPath('import-wizard.png') });
  await wizard.getByRole('button', { name: /Import/ }).click();
  await expect(page.getByTestId('import-report')).toContainText('Imported 1 rows: 1 new');
  await expect(page.locator('.lead-name')).toHaveText('Zoë Lefèvre');
  const [list] = await host.call<{ name: string; leads: number }[]>('lists.list', {});
  expect(list).toMatchObject({ name: 'Paris', leads: 1 });
});

test('the page refuses to work without the token the host printed', async ({ page }) => {
  const host = await hosts.start();
  await page.goto(host.origin);
  await expect(page.getByText('This page needs the link the web host printed')).toBeVisible();
});

test('? shows every key, Q the next leads, and an empty queue says when the next lead comes', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await importFile(page, {
    name: 'two.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Record ID,Name,Phone,Lifecycle Stage\n1,Ada Lovelace,+12125550100,marketingqualifiedlead\n2,Bob Marley,+12125550101,lead\n'),
  });
  await expect(leadOnScreen(page)).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Log “Qualified”');
  await expect(help).toContainText('Skip: back into the queue');
  // A dial link hands the call to another app: no hang-up, mute or hold keys to promise.
  await expect(help).not.toContainText('Hang up');
  await page.screenshot({ path: testInfo.outputPath('keys.png') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('q');
  const drawer = page.getByRole('complementary', { name: 'Next leads' });
  await expect(drawer).toContainText('Bob Marley');
  await page.keyboard.press('q');
  await expect(drawer).toBeHidden();

  await dispose(page, '1');
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();
  await expect(page.getByTestId('next-eligible')).toContainText('the first retry comes due');
  await page.screenshot({ path: testInfo.outputPath('nothing-to-call.png') });
  // U takes the last call back even from the empty screen.
  await page.keyboard.press('u');
  await expect(leadOnScreen(page)).toBeVisible();
});

test('a team lead sets the calling hours and the rep’s name in Settings, and they hold', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Your name (on the calls you log)').fill('Jordan');
  await settings.getByLabel('Sat').check();
  await settings.getByLabel('until').fill('18:30');
  await settings.getByLabel('Attempts per lead, in all').fill('4');
  await page.screenshot({ path: testInfo.outputPath('settings.png') });
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('notice')).toContainText('Settings saved.');
  const prefs = await host.call<{ repName: string; queueRules: { window: { days: number[]; end: number }; lifetimeAttemptCap: number } }>('prefs.get', {});
  expect(prefs).toMatchObject({ repName: 'Jordan', queueRules: { window: { days: [1, 2, 3, 4, 5, 6], end: 18 * 60 + 30 }, lifetimeAttemptCap: 4 } });
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
});

test('a rep’s hour in miniature: a list through the wizard, five leads by keyboard, a restart, every outcome in place', async ({ page }, testInfo) => {
  let host = await hosts.start();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Your name (on the calls you log)').fill('Jordan');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.keyboard.press('Escape');
  await importFile(page, DEMO_FIXTURE);
  await expect(page.getByTestId('import-report')).toContainText('300 new');

  // 1. A callback, at the time offered, in the lead's own clock.
  const callback = await currentLeadId(page);
  await page.keyboard.press('0');
  await expect(page.getByRole('dialog', { name: 'Call back at' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(callback));

  // 2. Qualified with BANT: every answer from the keyboard.
  const qualified = await currentLeadId(page);
  // Typed answers take Enter; a choice takes its number key (1 yes; 1 You decide).
  const answer = async (value: string) => {
    await page.keyboard.press('a');
    await page.locator('.question input').first().fill(value);
    await page.keyboard.press('Enter');
  };
  await answer('Their reps dial from spreadsheets');
  await page.keyboard.press('1');
  await page.keyboard.press('1');
  await answer('2027-01-10');
  await expect(page.getByTestId('recommendation')).toContainText('Qualified');
  await page.keyboard.press('8');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(qualified));

  // 3. Do not call, confirmed with Enter. 4. Voicemail. 5. A busy line, undone.
  const dnc = await currentLeadId(page);
  await page.keyboard.press('9');
  await expect(page.getByRole('alertdialog', { name: 'Confirm Do not call' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(dnc));
  const voicemail = await dispose(page, '2');
  const undone = await dispose(page, '3');
  await page.keyboard.press('u');
  await expect(leadOnScreen(page)).toHaveAttribute('data-lead-id', String(undone));
  await page.screenshot({ path: testInfo.outputPath('hour-1366x768.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: testInfo.outputPath('hour-1920x1080.png') });

  await host.stop();
  host = await hosts.start();
  const calls = await host.call<CallLog[]>('calls.recent', { limit: 10 });
  expect(calls.map((c) => [c.leadId, c.dispositionCode, c.rep])).toEqual([
    [voicemail, 'voicemail', 'Jordan'],
    [dnc, 'do-not-call', 'Jordan'],
    [qualified, 'qualified', 'Jordan'],
    [callback, 'callback', 'Jordan'],
  ]);
  const lead = async (leadId: number) => (await host.call<LeadCard>('leads.get', { leadId })).lead;
  expect((await lead(qualified)).stage).toBe('SQL');
  expect((await lead(dnc)).doNotCall).toBe(true);
  expect((await lead(undone)).attempts).toBe(0);
  expect((await host.call<WhyNot>('queue.whyNot', { leadId: callback })).blockers.map((b) => b.rule)).toEqual(['callback-later']);
  expect(await host.call<{ leadId: number }[]>('handoffs.list', {})).toEqual([expect.objectContaining({ leadId: qualified, rep: 'Jordan' })]);
});

test('a session shows its live figures as the rep works, and its report is one click away', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load demo list' }).click();
  await expect(leadOnScreen(page)).toBeVisible();
  await page.getByRole('button', { name: 'Start session' }).click();
  // A first session asks who is calling.
  await page.getByLabel(/Your name goes on every call/).fill('Jordan');
  await page.keyboard.press('Enter');
  const strip = page.getByTestId('session-strip');
  await expect(strip).toContainText('0 dials');
  await dispose(page, '1');
  await dispose(page, '5');
  await expect(strip).toContainText('2 dials');
  // Two dials are too few for a rate: the strip waits for 10 minutes or 10 dials.
  await expect(strip).toContainText('1 contacts');
  await expect(strip).not.toContainText('%');
  await expect(strip).toContainText('— dials/h');
  await strip.getByRole('button', { name: 'End' }).click();
  await expect(page.getByTestId('notice')).toContainText('Session ended: 2 dials, 1 contacts, 0 qualified.');
  await expect(page.getByRole('button', { name: 'Start session' })).toBeVisible();

  // The session just ended is one click from its printable report.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Session Report' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^nextcall-session-\d+-jordan\.html$/);
  const report = await readFile((await download.path())!, 'utf8');
  expect(report).toContain('<div class="label">Dials</div><div class="value">2</div>');
  const csv: string[] = [];
  page.on('download', (d) => csv.push(d.suggestedFilename()));
  await page.getByRole('button', { name: 'Session CSV' }).click();
  await expect.poll(() => csv.sort()).toEqual([expect.stringMatching(/^nextcall-session-\d+-jordan-calls\.csv$/), expect.stringMatching(/-totals\.csv$/)]);
  await page.screenshot({ path: testInfo.outputPath('session-ended.png') });
});
