import { expect, test, type Browser, type Page } from '@playwright/test';
import { startSession } from '../../main/sessions/sessions.ts';
import type { Store } from '../../main/store/seam/store.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { seedLeads } from '../helpers/seed-leads.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../helpers/team-fixture.ts';
import { cookieOf, teamRequest, type TeamServerProcess } from '../helpers/team-server-process.ts';

/**
 * The team lead's live floor on the team server, in Chromium on a real PostgreSQL: the team lead
 * signs in on server process 1 and opens the floor from the console (F) on a wall screen
 * (1920×1080); a rep signed in on process 2 starts a session, dials, logs calls and pauses, and
 * every step shows on the floor without a reload, carried between the processes by LISTEN/NOTIFY.
 * The roster is the team's accounts: a rep who never signed in is "Signed out".
 */
// A Monday, 10:00 in New York: the leads' numbers (212) are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const MIN = 60_000;
const at = (minutesBefore: number) => Date.parse(CLOCK) - minutesBefore * MIN;
let cluster: PostgresCluster;
let servers: TeamServerProcess[] = [];

/** The morning so far: two hand-raisers waiting, a list of cold leads, and ben calling since 9:30 with two calls logged. */
async function morning(store: Store) {
  const [, , , , , , , , nine, ten] = await seedLeads(
    store,
    [
      // Asked for a call this morning (their arrival in the store), 20 and 5 minutes ago.
      { firstName: 'Dana', lastName: 'Whitfield', company: 'Acme', stage: 'MQL', phones: ['+12125550100'], handRaisedAt: at(20), createdAt: at(20) },
      { firstName: 'Eli', lastName: 'Moss', company: 'Globex', stage: 'MQL', phones: ['+12125550101'], handRaisedAt: at(5), createdAt: at(5) },
      ...Array.from({ length: 8 }, (_, i) => ({ firstName: 'Lead', lastName: `${i + 3}`, company: `Initech ${i + 3}`, phones: [`+1212555${String(1002 + i)}`] })),
    ],
    { now: at(24 * 60) },
  );
  const ben = (await startSession(store, 'console-ben', 'ben', null, at(30))).id;
  for (const [leadId, code, minutesBefore] of [
    [nine!, 'no-answer', 25],
    [ten!, 'voicemail', 15],
  ] as const) {
    await store.run(
      `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep, session_id)
       VALUES (?, ?, ?, ?, ?, 'IQL', 'IQL', 1, 'ben', ?)`,
      [leadId, code, code, at(minutesBefore), at(minutesBefore - 1), ben],
    );
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPostgresCluster();
  servers = await startTeam(await cluster.createDatabase(), {
    people: [
      ['sam', 'team-lead'],
      ['jordan', 'rep'],
      ['ben', 'rep'],
      ['ana', 'rep'],
      ['casey', 'rep'],
    ],
    processes: 2,
    clock: CLOCK,
    seed: morning,
  });
});

test.afterAll(async () => {
  await stopTeam(servers);
  cluster?.stop();
});

test.setTimeout(300_000);
/** A password check is a second or two of hashing on an idle machine; far more on a loaded one. */
const HASHING = { timeout: 30_000 };

async function consoleOf(browser: Browser, origin: string, name: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, timezoneId: 'America/New_York' })).newPage();
  await page.goto(origin);
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Password').fill(TEAM_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText(name, HASHING);
  await expect(page.locator('main.call-screen')).toBeVisible();
  return page;
}

const repRow = (floor: Page, name: string) => floor.getByRole('table', { name: 'Reps' }).getByRole('row').filter({ has: floor.getByRole('rowheader', { name }) });
const dials = (floor: Page, name: string) => repRow(floor, name).getByRole('cell').nth(1);
const figure = (floor: Page, label: string) =>
  floor.getByRole('list', { name: 'The team today' }).getByRole('listitem').filter({ has: floor.getByText(label, { exact: true }) }).locator('.value');

test("a team lead's floor on one server process follows a rep calling on the other, live, on a wall screen", async ({ browser }, testInfo) => {
  // ben and ana are signed in elsewhere (ben's session runs since 9:30); casey never signed in.
  for (const name of ['ben', 'ana']) cookieOf(await teamRequest(servers[1]!.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } }));

  const floor = await consoleOf(browser, servers[0]!.origin, 'sam', { width: 1920, height: 1080 });
  await floor.keyboard.press('f');
  await expect(floor.getByRole('dialog', { name: 'The floor' })).toBeVisible();
  await floor.evaluate(() => ((window as unknown as { stillThisPage: boolean }).stillThisPage = true));
  await expect(repRow(floor, 'casey')).toContainText('Signed out');
  await expect(repRow(floor, 'ana')).toContainText('Not in session');
  await expect(repRow(floor, 'ben')).toContainText('In session · 30 min');
  await expect(dials(floor, 'ben')).toHaveText('2');
  await expect(figure(floor, 'Hand-raisers waiting')).toHaveText('2');

  const rep = await consoleOf(browser, servers[1]!.origin, 'jordan');
  await expect(repRow(floor, 'jordan')).toContainText('Not in session');
  // The floor is a team lead's: a rep's console offers no way in.
  await expect(rep.getByRole('button', { name: /Floor/ })).toHaveCount(0);
  await rep.keyboard.press('f');
  await expect(rep.getByRole('dialog', { name: 'The floor' })).toHaveCount(0);
  // Headless Chromium has no softphone for tel: links; the page keeps the click to itself.
  await rep.evaluate(() =>
    document.addEventListener('click', (event) => {
      if ((event.target as HTMLElement).closest('a[href^="tel:"]')) event.preventDefault();
    }),
  );
  await rep.getByRole('button', { name: 'Start session' }).click();
  await expect(repRow(floor, 'jordan')).toContainText('In session');

  // C dials the lead on screen (the oldest hand-raiser): on the floor, jordan is on a call, its clock running.
  await rep.keyboard.press('c');
  await expect(rep.getByRole('timer', { name: 'Time on this call' })).toBeVisible();
  await expect(repRow(floor, 'jordan')).toContainText(/On a call · 0:0\d/, { timeout: 2_000 });

  // Someone answers (5, wrong person): a dial and a contact, the request answered.
  await rep.keyboard.press('5');
  await expect(repRow(floor, 'jordan')).toContainText('In session', { timeout: 2_000 });
  await expect(dials(floor, 'jordan')).toHaveText('1');
  await expect(figure(floor, 'Dials')).toHaveText('3');
  await expect(figure(floor, 'Contacts')).toHaveText('1');
  await expect(figure(floor, 'Hand-raisers waiting')).toHaveText('1');
  await expect(figure(floor, 'Speed to lead')).toHaveText(/^\d+ (s|min)$/);

  await rep.keyboard.press('1');
  await expect(dials(floor, 'jordan')).toHaveText('2', { timeout: 2_000 });
  await rep.getByTestId('session-strip').getByRole('button', { name: 'Pause' }).click();
  await expect(repRow(floor, 'jordan')).toContainText('Paused', { timeout: 2_000 });

  // All of it arrived on the page the team lead opened: no reload.
  expect(await floor.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  // Readable on the wall: nothing runs off the screen.
  expect(await floor.evaluate(() => [document.documentElement.scrollWidth, document.querySelector('.floor-screen')!.scrollWidth])).toEqual([1920, 1920]);
  await floor.screenshot({ path: testInfo.outputPath('team-floor-1920x1080.png') });

  // Esc goes back to calling.
  await floor.keyboard.press('Escape');
  await expect(floor.getByRole('dialog', { name: 'The floor' })).toBeHidden();
});

const TEAM_OF_20 = ['avery', 'blake', 'cameron', 'dakota', 'emerson', 'finley', 'harper', 'hayden', 'jamie', 'jesse', 'kendall', 'logan', 'morgan', 'parker', 'quinn', 'reese', 'riley', 'rowan', 'skyler', 'taylor'];

/** Twenty reps mid-morning: most signed in and calling (some on a call, some paused), two signed out; each with calls logged. */
async function busyMorning(store: Store) {
  const leads = await seedLeads(
    store,
    Array.from({ length: 40 }, (_, i) => ({ firstName: 'Lead', lastName: `${i + 1}`, phones: [`+1212555${String(2000 + i)}`] })),
    { now: at(24 * 60) },
  );
  for (const [i, name] of TEAM_OF_20.entries()) {
    const { id } = (await store.one<{ id: number }>("INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES (?, 'rep', 'x', 0, 0) RETURNING id", [name]))!;
    if (i >= 18) continue; // signed out
    await store.run('INSERT INTO sign_in_sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [`token-${name}`, id, at(60), at(-600)]);
    const session = (await startSession(store, `console-${name}`, name, null, at(50 + i))).id;
    if (i % 5 === 4) await store.run('UPDATE sessions SET paused_at = ? WHERE id = ?', [at(i % 7), session]);
    for (let n = 0; n <= i % 6; n++) {
      const code = n % 3 === 2 ? 'wrong-person' : 'no-answer';
      await store.run(
        `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep, session_id)
         VALUES (?, ?, ?, ?, ?, 'IQL', 'IQL', 1, ?, ?)`,
        [leads[(i + n) % leads.length]!, code, code, at(40 - n), at(39 - n), name, session],
      );
    }
    if (i % 5 === 1) await store.run('INSERT INTO dials (lead_id, phone_e164, at, console_id, account_id) VALUES (?, ?, ?, ?, ?)', [leads[i]!, `+1212555${String(2000 + i)}`, at(2), `console-${name}`, id]);
  }
}

test('a whole team of 20 reps fits the wall screen, one line each, nothing to scroll', async ({ browser }, testInfo) => {
  const team = await startTeam(await cluster.createDatabase(), { people: [['sam', 'team-lead']], clock: CLOCK, seed: busyMorning });
  try {
    const floor = await consoleOf(browser, team[0]!.origin, 'sam', { width: 1920, height: 1080 });
    await floor.keyboard.press('f');
    await expect(floor.getByRole('table', { name: 'Reps' }).locator('tbody tr')).toHaveCount(21);
    await expect(repRow(floor, 'blake')).toContainText('On a call');
    await expect(repRow(floor, 'emerson')).toContainText('Paused');
    await expect(repRow(floor, 'taylor')).toContainText('Signed out');
    await floor.screenshot({ path: testInfo.outputPath('team-floor-20-reps-1920x1080.png') });
    const screen = floor.locator('.floor-screen');
    expect(await screen.evaluate((el) => [el.scrollHeight, el.scrollWidth])).toEqual([1080, 1920]);
    // Still large enough to read across a room: the rep's name and their figures.
    const sizes = await repRow(floor, 'avery').evaluate((row) => [row.querySelector('th')!, row.querySelector('td.num')!].map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
  } finally {
    await stopTeam(team);
  }
});
