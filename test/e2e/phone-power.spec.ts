import { expect, test, type Page } from '@playwright/test';
import type { LeadSearchResult } from '../../shared/lead-context.ts';
import type { LeadCard } from '../../shared/leads.ts';
import type { CallingSession } from '../../shared/sessions.ts';
import type { CallingSummary } from '../../shared/summary.ts';
import { openLeadPhone, type LeadPhoneHandle } from '../sip/lead-phone.ts';
import { openConsoleWithPhone, phonePerTest } from '../sip/phone-console.ts';

// A Monday, 10:00 in New York: inside every lead's calling hours.
const { hosts, sip } = phonePerTest('2026-11-23T15:00:00Z');

const LEADS = [
  ['1', 'Ada Lovelace', '+12125550101'],
  ['2', 'Bob Marley', '+12125550102'],
  ['3', 'Cy Twombly', '+12125550103'],
  ['4', 'Dee Dee Ramone', '+12125550104'],
  ['5', 'Eve Arden', '+12125550105'],
] as const;
const base64 = (lines: string[]) => Buffer.from(lines.join('\n')).toString('base64');
const onScreen = (page: Page, name: string) => page.getByRole('heading', { name });
const countdown = (page: Page) => page.getByTestId('power-dial-countdown');

test('power dialing five leads: each dialled after its countdown, P pauses (counted in the session), S skips, a lead made do-not-call mid-run is never dialled', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  // Every lead's phone is busy: the network's 486 logs Busy at once and the next lead comes up, as a run of voicemails and busy lines would.
  const host = await openConsoleWithPhone(hosts, sip(), page, LEADS.map(([id, name, number]) => `${id},${name},${number},lead`), { outcomes: 'log', powerDialSeconds: 3 });
  const phones = new Map<string, LeadPhoneHandle>();
  for (const [, name, number] of LEADS) {
    const phone = await openLeadPhone(browser, sip().url, number);
    await phone.setMode('busy');
    phones.set(name, phone);
  }
  const callsTo = async (name: string) => (await phones.get(name)!.state()).calls;
  await host.call('prefs.set', { repName: 'Jordan' });
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByTestId('session-strip')).toBeVisible();
  await expect(onScreen(page, 'Ada Lovelace')).toBeVisible();

  // G: power dialing on. Ada's countdown shows the seconds left and the keys.
  await page.keyboard.press('g');
  await expect(page.getByRole('button', { name: /Power dial/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(countdown(page)).toHaveAttribute('data-state', 'running');
  await expect(page.getByRole('timer', { name: 'Power dialing' })).toContainText('Calling +12125550101 in');
  await page.screenshot({ path: testInfo.outputPath('power-dial-countdown.png') });
  // Nothing rings before the countdown ends; then Ada's phone does, busy, and Busy is logged by itself.
  expect(await callsTo('Ada Lovelace')).toBe(0);
  await expect.poll(() => callsTo('Ada Lovelace'), { timeout: 10_000 }).toBe(1);
  await expect(onScreen(page, 'Bob Marley')).toBeVisible({ timeout: 10_000 });

  // Mid-run, Dee is put on the do-not-call list from outside (a CRM import).
  await host.call('leads.import', { fileName: 'crm.csv', data: base64(['Record ID,Name,Phone,Lifecycle Stage,Do Not Call', `4,Dee Dee Ramone,${LEADS[3][2]},lead,true`]) });

  // P holds Bob's countdown: nothing is dialled while it is held; P again and it runs on.
  await page.keyboard.press('p');
  await expect(countdown(page)).toHaveAttribute('data-state', 'paused');
  await expect(page.getByRole('timer', { name: 'Power dialing' })).toContainText('Paused: +12125550102 is not called until you resume');
  await page.screenshot({ path: testInfo.outputPath('power-dial-paused.png') });
  // The top bar still holds everything at a laptop's width: the last button is on screen.
  await expect(page.getByRole('button', { name: 'Settings' })).toBeInViewport({ ratio: 1 });
  await page.waitForTimeout(4_000);
  expect(await callsTo('Bob Marley')).toBe(0);
  await page.keyboard.press('p');
  await expect(countdown(page)).toHaveAttribute('data-state', 'running');
  await expect.poll(() => callsTo('Bob Marley'), { timeout: 10_000 }).toBe(1);

  // S skips Cy during the countdown: never dialled; the next lead is Eve (Dee is on the do-not-call list).
  await expect(onScreen(page, 'Cy Twombly')).toBeVisible({ timeout: 10_000 });
  await expect(countdown(page)).toHaveAttribute('data-state', 'running');
  await page.keyboard.press('s');
  await expect(onScreen(page, 'Eve Arden')).toBeVisible();
  await expect.poll(() => callsTo('Eve Arden'), { timeout: 10_000 }).toBe(1);
  // Eve's Busy is logged: nobody is left to call now (Cy comes back in a few minutes).
  await expect(onScreen(page, 'Eve Arden')).toBeHidden({ timeout: 10_000 });

  // From the callees' side: no INVITE ever reached Dee or Cy. From the calls table: no dial for them.
  expect(await callsTo('Dee Dee Ramone')).toBe(0);
  expect(await callsTo('Cy Twombly')).toBe(0);
  const callsOf = async (id: number) => (await host.call<LeadCard>('leads.get', { leadId: id })).calls.map((c) => c.dispositionLabel);
  const ids = Object.fromEntries(await Promise.all(LEADS.map(async ([, name, number]) => [name, await leadIdOf(host, number)] as const)));
  expect(await callsOf(ids['Ada Lovelace']!)).toEqual(['Busy']);
  expect(await callsOf(ids['Bob Marley']!)).toEqual(['Busy']);
  expect(await callsOf(ids['Eve Arden']!)).toEqual(['Busy']);
  expect(await callsOf(ids['Dee Dee Ramone']!)).toEqual([]);
  expect(await callsOf(ids['Cy Twombly']!)).toEqual([]);

  // The pause between calls is counted apart in the session: on the strip, and in its summary.
  const consoleId = await page.evaluate(() => sessionStorage.getItem('nextcall.console'));
  const session = await host.call<CallingSession>('sessions.current', { consoleId });
  expect(session.pausesBetweenCalls.count).toBe(1);
  expect(session.pausesBetweenCalls.seconds).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('pauses-between-calls')).toHaveText(/^paused 0:0\d$/);
  await expect(page.getByTestId('pauses-between-calls')).toHaveAttribute('title', /held \(P\) 1 time;/);
  const summary = await host.call<CallingSummary>('sessions.summary', { sessionId: session.id });
  expect(summary.pausesBetweenCalls).toEqual({ count: 1, seconds: session.pausesBetweenCalls.seconds });
  expect(summary.dials).toBe(3);
});

/** The store's id of the lead with this number. */
async function leadIdOf(host: { call<T>(method: string, input: unknown): Promise<T> }, number: string): Promise<number> {
  const found = await host.call<LeadSearchResult>('leads.search', { query: number });
  return found.hits[0]!.lead.id;
}

test('Settings → Phone sets the power dialing countdown, and its selects show their whole text at 1366 px', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const host = await openConsoleWithPhone(hosts, sip(), page, [`1,Ada Lovelace,${LEADS[0][2]},lead`]);
  await page.getByRole('button', { name: 'Settings' }).click();
  const phone = page.getByRole('group', { name: 'Phone' });
  const countdownField = phone.getByLabel(/Power dialing: the next lead is dialled/);
  await expect(countdownField).toHaveValue('5');
  await countdownField.fill('8');
  await phone.getByRole('button', { name: 'Apply phone settings' }).click();
  await expect.poll(async () => (await host.call<{ powerDialSeconds: number }>('phone.settings', {})).powerDialSeconds).toBe(8);
  // The line restarted with the settings is ready again (the old line's end does not speak for the new one).
  await expect(page.getByTestId('line-status')).toHaveText('Phone ready');
  // A countdown past a minute is refused in a sentence, and the one saved stays.
  await countdownField.fill('90');
  await phone.getByRole('button', { name: 'Apply phone settings' }).click();
  await expect(phone.getByRole('alert')).toContainText('at most 60 seconds');
  expect((await host.call<{ powerDialSeconds: number }>('phone.settings', {})).powerDialSeconds).toBe(8);

  // The network outcome's select: its chosen text fits inside it (it was cut at "dispositio").
  const outcomes = phone.getByLabel('Busy, no answer or a bad number');
  await outcomes.scrollIntoViewIfNeeded();
  // As wide as it is with no cap at all: the width its longest option needs.
  const widths = await outcomes.evaluate((select: HTMLSelectElement) => {
    const shown = select.getBoundingClientRect().width;
    select.style.maxWidth = 'none';
    const natural = select.getBoundingClientRect().width;
    select.style.maxWidth = '';
    return { shown, natural };
  });
  expect(widths.shown).toBeGreaterThanOrEqual(widths.natural);
  await page.screenshot({ path: testInfo.outputPath('phone-settings-power-dial.png') });
});
