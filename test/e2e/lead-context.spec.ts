import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { CallLog } from '../../shared/leads.ts';
import { startHost, type RunningHost } from './web-host.ts';

// A Monday, 10:00 in New York; the rep sits in Paris, so "their time" and "your time" differ.
const CLOCK = '2026-11-23T15:00:00Z';
test.use({ timezoneId: 'Europe/Paris' });

const CLI = fileURLToPath(new URL('../../main/cli/index.ts', import.meta.url));

// Ada first (an MQL), then Bob (the higher score), then Cy.
const WEBINAR = `Record ID,First Name,Last Name,Company Name,Job Title,Email,Phone Number,Time Zone,Lifecycle Stage,HubSpot Score
1,Ada,Lovelace,Acme,CTO,ada@acme.example,+1 212 555 0100,America/New_York,marketingqualifiedlead,50
2,Bob,Stone,Acme,CFO,bob@acme.example,+1 212 555 0101,America/New_York,lead,90
3,Cy,Young,Globex,VP Sales,cy@globex.example,+1 212 555 0102,America/New_York,lead,10
`;
const EVENT = `Record ID,First Name,Last Name,Company Name,Phone Number,Time Zone,Lifecycle Stage
4,Dee,Event,Initech,+1 212 555 0103,America/New_York,lead
5,Eve,Event,Initech,+1 212 555 0104,America/New_York,lead
`;

let dataDir = '';
let host: RunningHost | null = null;
test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nextcall-e2e-context-'));
  host = await startHost(dataDir, CLOCK);
  await host.call('leads.import', { fileName: 'webinar.csv', data: Buffer.from(WEBINAR).toString('base64'), listName: 'Webinar' });
});
test.afterEach(async () => {
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const leadOnScreen = (page: Page) => page.locator('main.call-screen');
const nameOnScreen = (page: Page) => leadOnScreen(page).locator('.lead-name');

async function openSearch(page: Page) {
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Find a lead' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Name, company, email or number')).toBeFocused();
  return dialog;
}

test('the account beside the lead; a disqualify reason from the list; the closed lead found by its number in another format, with its history; why not now', async ({ page }, testInfo) => {
  await page.goto(host!.url);
  await expect(nameOnScreen(page)).toHaveText('Ada Lovelace');

  // The account: the other person at Acme, where they stand.
  const account = page.getByTestId('account-panel');
  await expect(account).toContainText('Others at Acme');
  await expect(account).toContainText('Bob Stone');
  await expect(account).toContainText('CFO');
  await expect(account).toContainText('Never called');
  await page.screenshot({ path: testInfo.outputPath('account-1366x768.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: testInfo.outputPath('account-1920x1080.png') });
  await page.setViewportSize({ width: 1366, height: 768 });

  // Disqualified asks why, offering the team lead's list: 1 picks the first.
  await page.keyboard.press('d');
  const reason = page.getByRole('dialog', { name: 'Reason' });
  await expect(reason).toContainText('Why "Disqualified"?');
  await expect(reason.getByRole('button', { name: /No budget/ })).toBeVisible();
  await expect(reason.getByRole('button', { name: /Other/ })).toBeVisible();
  await page.keyboard.press('1');
  await expect(nameOnScreen(page)).not.toHaveText('Ada Lovelace');
  const [call] = await host!.call<CallLog[]>('calls.recent', { limit: 1 });
  expect(call).toMatchObject({ leadName: 'Ada Lovelace', dispositionCode: 'disqualified', reason: 'No budget' });

  // Not interested asks too (Bob); "Other" takes the rep's own words.
  await expect(nameOnScreen(page)).toHaveText('Bob Stone');
  await page.keyboard.press('6');
  await expect(reason).toContainText('Why "Not interested"?');
  await reason.getByRole('button', { name: /Other/ }).click();
  await page.getByLabel('Other reason').fill('Moving to a new job');
  await page.keyboard.press('Enter');
  await expect(nameOnScreen(page)).toHaveText('Cy Young');
  expect((await host!.call<CallLog[]>('calls.recent', { limit: 1 }))[0]).toMatchObject({ dispositionCode: 'not-interested', reason: 'Other: Moving to a new job' });
  // Cy does not answer: the list is worked through for now.
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();

  // Ada calls back: her number written another way finds her, closed, with her history.
  const search = await openSearch(page);
  await page.keyboard.type('(212) 555-0100');
  const hit = search.getByRole('button', { name: /Ada Lovelace/ });
  await expect(hit).toContainText('Disqualified');
  await expect(hit).toContainText('Last call');
  await page.screenshot({ path: testInfo.outputPath('search-1366x768.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: testInfo.outputPath('search-1920x1080.png') });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('Enter');
  const details = page.getByTestId('lead-details');
  await expect(details).toContainText('Ada Lovelace');
  await expect(page.getByTestId('lead-history')).toContainText('Call: Disqualified');
  await expect(page.getByTestId('lead-history')).toContainText('No budget');
  await expect(details.getByRole('button', { name: 'Bob Stone' })).toBeVisible();
  await details.getByRole('button', { name: 'Why not now?' }).click();
  const whyNot = page.getByTestId('why-not');
  await expect(whyNot).toContainText('Disqualified');
  await expect(whyNot).toContainText('a rule holds it until something changes');
  await page.screenshot({ path: testInfo.outputPath('lead-details-1366x768.png') });

  // Cy, by the last digits of his number: the queue waits four hours, read in both clocks.
  await page.keyboard.press('Escape');
  await page.getByLabel('Name, company, email or number').fill('0102');
  await search.getByRole('button', { name: /Cy Young/ }).click();
  await details.getByRole('button', { name: 'Why not now?' }).click();
  await expect(whyNot).toContainText('Waiting before the next attempt');
  // 10:00 + 4 h in New York is 20:00 in Paris.
  await expect(whyNot).toContainText(/2:00\sPM their time \(America\/New_York\) · Mon, Nov 23, 8:00\sPM your time/);

  // Escape steps back to the results, then closes; the console's keys work again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  await page.keyboard.press('/');
  await expect(search).toBeVisible();
});

test('a lead edited from the search: its number re-read and the change in its history, on the call screen at once', async ({ page }) => {
  await page.goto(host!.url);
  await expect(nameOnScreen(page)).toHaveText('Ada Lovelace');
  const search = await openSearch(page);
  await page.keyboard.type('ada@acme');
  await expect(search.getByRole('button', { name: /Ada Lovelace/ })).toBeVisible();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('lead-details');
  await details.getByRole('button', { name: 'Edit lead' }).click();
  const form = page.getByRole('form', { name: 'Edit lead' });
  await form.getByLabel('Number 1', { exact: true }).fill('(646) 555-0142');
  await form.getByLabel('Title').fill('Chief Technology Officer');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByLabel('Phone numbers')).toContainText('+16465550142');
  await expect(details.getByLabel('Phone numbers')).toContainText('as written: (646) 555-0142');
  await expect(page.getByTestId('lead-history')).toContainText('Edited');
  await expect(page.getByTestId('lead-history')).toContainText('number: +1 212 555 0100 (+12125550100), work → (646) 555-0142 (+16465550142), work');
  await expect(page.getByTestId('lead-history')).toContainText('title: CTO → Chief Technology Officer');

  // A bad email is refused in words and the form keeps what was typed.
  await details.getByRole('button', { name: 'Edit lead' }).click();
  await form.getByLabel('Email').fill('ada at acme');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('notice')).toContainText('"ada at acme" is not an email address.');
  await expect(form.getByLabel('Email')).toHaveValue('ada at acme');
  await form.getByRole('button', { name: 'Cancel' }).click();

  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(search).toBeHidden();
  // The lead on screen is the one edited: its new number is the one offered.
  await expect(leadOnScreen(page).getByLabel('Phone numbers')).toContainText('+16465550142');
  await expect(leadOnScreen(page).locator('.call-button')).toContainText('+16465550142');
  // The old number finds nobody; the new one finds her.
  await openSearch(page);
  await page.keyboard.type('2125550100');
  await expect(page.getByRole('status').filter({ hasText: 'No lead matches' })).toBeVisible();
});

test('the call list from the top bar with its waiting count; a CLI import and undo while the page is open update the counts', async ({ page }) => {
  await page.goto(host!.url);
  await expect(nameOnScreen(page)).toHaveText('Ada Lovelace');
  const picker = page.getByTestId('list-picker');
  await expect(picker.locator('option')).toHaveText([/Every lead · \d+ waiting/, /Webinar · \d+ waiting/]);
  await expect(page.getByTestId('queue-count')).toContainText('3 leads');

  // Another process (the CLI) imports a list into the same store: the open console hears of it.
  const file = join(dataDir, 'event.csv');
  writeFileSync(file, EVENT);
  const cli = (...args: string[]) => {
    const run = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  };
  cli('import', file, '--list', 'Event');
  await expect(page.getByTestId('queue-count')).toContainText('5 leads', { timeout: 10_000 });
  await expect(picker.locator('option')).toHaveText([/Every lead · \d+ waiting/, 'Event · 2 waiting', /Webinar · \d+ waiting/]);
  // The lead on screen stays: the rep may be talking to her.
  await expect(nameOnScreen(page)).toHaveText('Ada Lovelace');

  // And takes it back: the counts follow again.
  cli('undo-import', '2');
  await expect(page.getByTestId('queue-count')).toContainText('3 leads', { timeout: 10_000 });
  await expect(picker.locator('option')).toHaveText([/Every lead · \d+ waiting/, 'Event · 0 waiting', /Webinar · \d+ waiting/]);

  // Imported again, then worked from the console: its first lead comes, the count is the list's.
  cli('import', file, '--list', 'Event');
  await expect(picker.locator('option').nth(1)).toHaveText('Event · 2 waiting', { timeout: 10_000 });
  await picker.selectOption('Event');
  await expect(page.getByTestId('notice')).toContainText('Working the list "Event".');
  await expect(nameOnScreen(page)).toHaveText(/(Dee|Eve) Event/);
  await expect(picker.locator('option:checked')).toHaveText('Event · 1 waiting');
  const first = await leadOnScreen(page).getAttribute('data-lead-id');
  await page.keyboard.press('1');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', first!);
  await expect(nameOnScreen(page)).toHaveText(/(Dee|Eve) Event/);
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();
  await expect(picker.locator('option:checked')).toHaveText('Event · 0 waiting');

  // The choice is kept: after a reload the console still works the Event list.
  await page.reload();
  await expect(picker).toHaveValue('Event');
  await picker.selectOption('');
  await expect(nameOnScreen(page)).toHaveText(/Ada Lovelace|Bob Stone|Cy Young/);
});

test('the team lead edits the reasons; the rep picks one; the Reports screen groups the calls by them', async ({ page }) => {
  await page.goto(host!.url);
  await expect(nameOnScreen(page)).toHaveText('Ada Lovelace');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Disqualified', { exact: true }).fill('No budget\nStudent\n');
  await settings.getByRole('button', { name: 'Update reasons for Disqualified' }).click();
  await expect(page.getByTestId('notice')).toContainText('Reasons for "Disqualified" saved.');
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();

  await page.keyboard.press('d');
  const reason = page.getByRole('dialog', { name: 'Reason' });
  await expect(reason.getByRole('button')).toHaveText([/1\s*No budget/, /2\s*Student/, /3\s*Other/, /Back/]);
  await page.keyboard.press('2');
  await expect(nameOnScreen(page)).toHaveText('Bob Stone');
  await page.keyboard.press('d');
  await page.keyboard.press('1');
  await expect(nameOnScreen(page)).toHaveText('Cy Young');

  await page.getByRole('button', { name: 'Reports' }).click();
  const groups = page.getByRole('dialog', { name: 'Reports' }).getByTestId('reason-groups');
  await expect(groups.locator('tr')).toHaveText([/Disqualified: No budget\s*1/, /Student\s*1/]);
});
