import { expect, test, type Page } from '@playwright/test';
import { hostPerTest } from './web-host.ts';

// A Monday, 10:00 in New York.
const hosts = hostPerTest('2026-11-23T15:00:00Z');

// Two leads asked for a call this morning (20 and 5 minutes ago), two are on the list: four leads, none reached yet.
const LEADS = [
  'Record ID,Name,Phone,Time Zone,Recent Conversion,Recent Conversion Date',
  '1,Dana Whitfield,+12125550100,America/New_York,Contact sales,2026-11-23 14:40',
  '2,Eli Moss,+12125550101,America/New_York,Request a demo,2026-11-23 14:55',
  '3,Fay Lin,+12125550102,America/New_York,,',
  '4,Gus Roy,+12125550103,America/New_York,,',
].join('\n');

const repRow = (floor: Page, name: string) => floor.getByRole('table', { name: 'Reps' }).getByRole('row').filter({ has: floor.getByRole('rowheader', { name }) });
const tile = (floor: Page, label: string) => floor.getByRole('list', { name: 'The team today' }).getByRole('listitem').filter({ has: floor.getByText(label, { exact: true }) });
const figure = (floor: Page, label: string) => tile(floor, label).locator('.value');

test('calls made in the console appear on the floor as they happen, without a reload', async ({ browser }, testInfo) => {
  const host = await hosts.start();
  await host.call('leads.import', { fileName: 'leads.csv', data: Buffer.from(LEADS).toString('base64') });
  // Ben started earlier on another console and logged a no-answer; his session is still open.
  await host.call('prefs.set', { repName: 'Ben' });
  await host.call('sessions.start', { consoleId: 'console-ben' });
  await host.call('calls.disposition', { leadId: 4, code: 'no-answer' });
  await host.call('prefs.set', { repName: 'Ana' });

  // The rep's console, in a window of its own.
  const rep = await (await browser.newContext()).newPage();
  await rep.goto(host.url);
  await expect(rep.locator('main.call-screen')).toBeVisible();
  // Headless Chromium has no softphone for tel: links; the page keeps the click to itself.
  await rep.evaluate(() =>
    document.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('a[href^="tel:"]')) event.preventDefault();
    }),
  );

  // The team lead's wall screen: F from the console.
  const floor = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: 'America/New_York' })).newPage();
  await floor.goto(host.url);
  await expect(floor.locator('main.call-screen')).toBeVisible();
  await floor.keyboard.press('f');
  await expect(floor.getByRole('dialog', { name: 'The floor' })).toBeVisible();
  await floor.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));
  await expect(repRow(floor, 'Ana')).toContainText('Not in session');
  await expect(repRow(floor, 'Ben')).toContainText('In session');
  await expect(floor.getByText('Today since 12:00 AM (America/New_York)')).toBeVisible();
  await expect(figure(floor, 'Hand-raisers waiting')).toHaveText('2');
  await expect(tile(floor, 'Hand-raisers waiting')).toContainText('oldest waiting 20 min');
  await expect(figure(floor, 'Never contacted')).toHaveText('100%');

  await rep.getByRole('button', { name: 'Start session' }).click();
  await expect(repRow(floor, 'Ana')).toContainText('In session');

  // C dials the hand-raiser on screen: on the floor, Ana is on a call, its clock running.
  await rep.keyboard.press('c');
  await expect(rep.getByRole('timer', { name: 'Time on this call' })).toBeVisible();
  await expect(repRow(floor, 'Ana')).toContainText(/On a call · 0:0\d/);
  await expect(repRow(floor, 'Ana').locator('.floor-state')).toHaveCSS('background-color', 'rgb(227, 244, 234)');

  // Someone answers (5, wrong person): a dial and a contact, the request answered, its speed to lead measured.
  await rep.keyboard.press('5');
  await expect(repRow(floor, 'Ana')).toContainText('In session');
  await expect(repRow(floor, 'Ana').getByRole('cell').nth(1)).toHaveText('1');
  await expect(figure(floor, 'Dials')).toHaveText('2');
  await expect(figure(floor, 'Contacts')).toHaveText('1');
  await expect(repRow(floor, 'Ben').getByRole('cell').nth(1)).toHaveText('1');
  await expect(figure(floor, 'Hand-raisers waiting')).toHaveText('1');
  await expect(figure(floor, 'Never contacted')).toHaveText('75%');
  await expect(figure(floor, 'Speed to lead')).toHaveText(/^\d+ (s|min)$/);
  await expect(tile(floor, 'Speed to lead')).toContainText('2 requests today');

  await rep.keyboard.press('1');
  await expect(repRow(floor, 'Ana').getByRole('cell').nth(1)).toHaveText('2');
  await rep.getByTestId('session-strip').getByRole('button', { name: 'Pause' }).click();
  await expect(repRow(floor, 'Ana')).toContainText('Paused');

  // All of it arrived on the page the team lead opened: no reload.
  expect(await floor.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await floor.screenshot({ path: testInfo.outputPath('floor-1920x1080.png') });
  await floor.setViewportSize({ width: 1366, height: 768 });
  await expect(repRow(floor, 'Ana')).toBeVisible();
  await floor.screenshot({ path: testInfo.outputPath('floor-1366x768.png') });

  // Esc goes back to calling. The floor's console let its lead go when the floor opened, so Ana
  // worked every lead: the one still due is on her screen, and this console asks the queue again.
  await floor.keyboard.press('Escape');
  await expect(floor.getByRole('dialog', { name: 'The floor' })).toBeHidden();
  await expect(floor.getByRole('region', { name: 'Nothing to call now' })).toContainText('All 4 leads are called');
  await expect(rep.locator('main.call-screen')).toContainText('Fay Lin');
});
