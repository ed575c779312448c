import { expect, test, type Browser, type Page } from '@playwright/test';
import { PASSWORD, postWebhook, signedWebhook, startInboundTeam, type InboundTeam } from '../helpers/inbound-team.ts';
import { seedLeads } from '../helpers/seed-leads.ts';
import { answer } from './console-actions.ts';

/**
 * Issue 14's "done when" for inbound leads, in Chromium on a real PostgreSQL and two team server
 * processes: a signed webhook posted to one process puts the lead who asked for a call on the
 * screen of an idle rep signed in on the other, with its notification, within a second of the
 * POST; a rep on a call keeps their lead and sees the counts change. The idle rep dials, answers
 * the qualification script and logs Qualified: the lead is an SQL. A forged and a replayed webhook
 * are refused with a status and a sentence, and change nothing. A team lead's floor, open on the
 * first process on a wall screen, follows it all without a reload.
 */
// A Monday, 10:00 in New York: the leads' numbers (212) are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const DANA = { firstName: 'Dana', lastName: 'Whitfield', email: 'dana@acme.example', phone: '(212) 555-0142', company: 'Acme', request: { title: 'Asked for a call from the pricing page' } };
let team: InboundTeam;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startInboundTeam({ people: [{ name: 'sam', role: 'team-lead' }, { name: 'jordan', role: 'rep' }, { name: 'casey', role: 'rep' }], servers: 2, clock: CLOCK });
  // Three leads already waiting (never called): each rep has one on screen before Dana asks.
  await seedLeads(team.store, [
    { firstName: 'Ada', lastName: 'Lovelace', company: 'Engines', phones: ['+12125550100'] },
    { firstName: 'Bob', lastName: 'Marley', company: 'Wailers', phones: ['+12125550101'] },
    { firstName: 'Cleo', lastName: 'Patra', company: 'Nile', phones: ['+12125550102'] },
  ]);
});

test.afterAll(async () => {
  await team?.stop();
});

test.setTimeout(300_000);
/** A password check is a second or two of hashing on an idle machine; far more on a loaded one. */
const HASHING = { timeout: 30_000 };

async function signedIn(browser: Browser, origin: string, name: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(origin);
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText(name, HASHING);
  // Headless Chromium has no softphone for tel: links; the page keeps the click to itself.
  await page.evaluate(() =>
    document.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('a[href^="tel:"]')) event.preventDefault();
    }),
  );
  return page;
}

const leadOnScreen = (page: Page) => page.locator('main.call-screen');
const repRow = (floor: Page, name: string) => floor.getByRole('table', { name: 'Reps' }).getByRole('row').filter({ has: floor.getByRole('rowheader', { name }) });
const figure = (floor: Page, label: string) =>
  floor.getByRole('list', { name: 'The team today' }).getByRole('listitem').filter({ has: floor.getByText(label, { exact: true }) }).locator('.value');
/** The floor reads at most once a second after a change: live, without a reload. */
const LIVE = { timeout: 2_000 };
const leadsStored = async () => Number((await team.store.one<{ n: number }>('SELECT count(*) AS n FROM leads'))!.n);

test('a signed webhook on one process puts the hand-raiser on an idle rep’s screen on the other within a second; the rep qualifies; forgeries and replays change nothing', async ({ browser }, testInfo) => {
  const [one, two] = team.servers.map((s) => s.origin) as [string, string];
  // Jordan (process 2) is idle on a lead; Casey (process 1) is on a call with theirs.
  const floor = await signedIn(browser, one, 'sam', { width: 1920, height: 1080 });
  await floor.keyboard.press('f');
  await expect(floor.getByRole('dialog', { name: 'The floor' })).toBeVisible();
  await expect(figure(floor, 'Hand-raisers waiting')).toHaveText('0');
  // The floor's console, a wall screen, lets its lead go and takes none: a hand-raiser goes to a rep.
  await expect.poll(async () => (await team.store.all('SELECT lead_id FROM claims')).length).toBe(0);
  const jordan = await signedIn(browser, two, 'jordan');
  const casey = await signedIn(browser, one, 'casey');
  await expect(leadOnScreen(jordan)).toBeVisible();
  await expect(leadOnScreen(casey)).toBeVisible();
  const jordansLead = await leadOnScreen(jordan).getAttribute('data-lead-id');
  const caseysLead = await leadOnScreen(casey).getAttribute('data-lead-id');
  expect(jordansLead).not.toBe(caseysLead);
  await casey.keyboard.press('c');
  await expect(casey.getByRole('timer', { name: 'Time on this call' })).toContainText('On call');
  await expect(casey.getByTestId('queue-count')).toContainText('3 leads');

  const webhook = signedWebhook(one, '/inbound/website', team.secret, DANA, team.now());
  const postedAt = Date.now();
  const answered = webhook.send();
  const notification = jordan.getByTestId('call-requests');
  // Within 1,000 ms of the POST: the notification, and Dana on the screen (the hand-raiser tier, first).
  await expect(notification).toContainText(/New call request: Dana Whitfield, Acme — asked \d+ s ago/, { timeout: 1000 });
  await expect(jordan.getByRole('region', { name: 'Lead' })).toContainText('Dana Whitfield', { timeout: Math.max(1, 1000 - (Date.now() - postedAt)) });
  expect(Date.now() - postedAt).toBeLessThan(1000);
  const arrived = await answered;
  expect(arrived).toMatchObject({ status: 201, body: { ok: true } });
  await expect(leadOnScreen(jordan)).toHaveAttribute('data-lead-id', String(arrived.body.leadId));
  // Offered as a hand-raiser, and the request is news, not a time to come.
  await expect(jordan.getByLabel('Why this lead is next')).toContainText('Asked for a call just now');
  const activity = jordan.getByRole('region', { name: 'Activity', exact: true });
  await expect(activity).toContainText('Asked for a call from the pricing page');
  await expect(activity).not.toContainText(/in \d+ min/);
  // Counted once: a hand-raiser never called is not also counted among the never-called.
  await expect(jordan.getByTestId('queue-count')).toContainText(/^[1-4] due now · 4 leads/);
  await jordan.screenshot({ path: testInfo.outputPath('inbound-notification.png') });
  // The floor: Dana waits, Casey is on a call.
  await expect(figure(floor, 'Hand-raisers waiting')).toHaveText('1', LIVE);
  await expect(repRow(floor, 'casey')).toContainText('On a call', LIVE);

  // Casey's call goes on with their lead; the counts know of Dana, and so does the notification.
  await expect(casey.getByTestId('queue-count')).toContainText('4 leads');
  await expect(casey.getByTestId('call-requests')).toContainText('New call request: Dana Whitfield, Acme');
  await expect(leadOnScreen(casey)).toHaveAttribute('data-lead-id', caseysLead!);
  // The lead Jordan had is let go, and waits for anyone: no console lost a lead it held.
  expect(await team.store.one('SELECT console_id FROM claims WHERE lead_id = ?', [Number(jordansLead)])).toBeUndefined();

  // The notification is reached by keyboard: Tab to its button, Enter dismisses it.
  const dismiss = notification.getByRole('button', { name: 'Dismiss the call request of Dana Whitfield' });
  await dismiss.focus();
  await expect(dismiss).toBeFocused();
  await jordan.keyboard.press('Enter');
  await expect(notification).toBeHidden();

  // Jordan calls Dana and qualifies her by keyboard: the script, then 8 (Qualified).
  await jordan.locator('body').focus();
  await jordan.keyboard.press('c');
  await expect(jordan.getByRole('timer', { name: 'Time on this call' })).toContainText('On call');
  await expect(repRow(floor, 'jordan')).toContainText('On a call', LIVE);
  await answer(jordan, 'Reps lose hours dialling');
  await answer(jordan, 'yes', 'select');
  await answer(jordan, 'You decide', 'select');
  await answer(jordan, '2027-01-15');
  await expect(jordan.getByTestId('recommendation')).toContainText('Recommended: Qualified');
  await jordan.keyboard.press('8');
  await expect(leadOnScreen(jordan)).not.toHaveAttribute('data-lead-id', String(arrived.body.leadId));
  expect(await team.store.one('SELECT stage FROM leads WHERE id = ?', [arrived.body.leadId!])).toEqual({ stage: 'SQL' });
  expect(await team.store.all('SELECT rep, disposition_code FROM calls WHERE lead_id = ?', [arrived.body.leadId!])).toEqual([{ rep: 'jordan', disposition_code: 'qualified' }]);
  // The floor: the request answered, an SQL on jordan's row and the team's, a speed to lead.
  await expect(figure(floor, 'Qualified (SQL)')).toHaveText('1', LIVE);
  await expect(figure(floor, 'Hand-raisers waiting')).toHaveText('0', LIVE);
  await expect(repRow(floor, 'jordan').getByRole('cell').nth(4)).toHaveText('1');
  await expect(repRow(floor, 'jordan')).not.toContainText('On a call');
  await floor.screenshot({ path: testInfo.outputPath('inbound-floor-1920x1080.png') });

  // A forged signature and the same request again (to the other process): refused, nothing changes.
  const before = await leadsStored();
  const forged = await signedWebhook(one, '/inbound/website', 'whsec_not-the-secret', { ...DANA, email: 'mallory@forged.example', phone: '+1 212 555 0199' }, team.now()).send();
  expect(forged).toEqual({ status: 401, body: { ok: false, reason: 'The signature does not match this source’s secret and the request’s body.' } });
  const replayed = await postWebhook(two, '/inbound/website', webhook.body, webhook.headers);
  expect(replayed).toEqual({ status: 409, body: { ok: false, reason: 'This signed request was received already: a replay is refused.' } });
  expect(await leadsStored()).toBe(before);
  expect(await team.store.one("SELECT count(*) AS n FROM activities WHERE type = 'call-request'")).toEqual({ n: 1 });
  // Neither reached a console: no notification came back.
  await jordan.waitForTimeout(500);
  await expect(jordan.getByTestId('call-requests')).toBeHidden();
});
