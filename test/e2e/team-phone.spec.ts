import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { LeadSearchResult } from '../../shared/lead-context.ts';
import { seedStore } from '../../main/store-seed.ts';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import { seedCsv } from '../helpers/seed-leads.ts';
import { cookieOf, teamRequest } from '../helpers/team-server-process.ts';
import { toneWav } from '../sip/tone-wav.ts';
import { HASHING, LEAD_AND_TWO_REPS, signedIn, startTeam, TEAM_PASSWORD, type Team } from './team-setup.ts';

/**
 * The built-in phone on a team, in Chromium against two team server processes on one PostgreSQL:
 * jordan, a rep, opens Settings → Phone on one process, fills in his SIP account and saves it;
 * after a reload on the other process it is kept, the password only said to be saved; casey, another
 * rep, sees none of it. Below the account, his voicemail greetings: one chosen from a file on one
 * process is listed on the other. Whether calls are recorded is the team's: sam, the team lead,
 * turns it on with an announcement of his on one process, and a rep reads it on the other. A call
 * jordan recorded plays from the lead's history in sam's console on the other process, and from
 * the team's list of recordings, opened from the top bar by keyboard, its older pages read by
 * keyboard too. Robin, a second team lead,
 * finds sam's announcement chosen and keeps it when turning recording off and on.
 */
// A Monday, 10:00 in New York: Ada may be called.
const CLOCK = '2026-11-23T15:00:00Z';
let team: Team;

test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeam({
    accounts: [...LEAD_AND_TWO_REPS, ['robin', 'team-lead']],
    processes: 2,
    clock: CLOCK,
    env: { NEXTCALL_PHONE_KEY: 'cd'.repeat(32) },
    seed: async (store) => {
      await seedStore(store, 0);
      await seedCsv(store, 'Record ID,First Name,Last Name,Phone Number\n1,Ada,Lovelace,+1 212 555 0100', { now: Date.parse(CLOCK) });
    },
  });
});

test.afterAll(async () => {
  await team?.stop();
});

test('a rep saves their SIP account in Settings → Phone on one process; after a reload on the other it is kept, the password never shown; a greeting added there is listed on the first', async ({ browser }, testInfo) => {
  const { page, refused } = await signedIn(browser, team.servers[0]!.origin, 'jordan');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const phone = page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: 'Phone' });
  await expect(phone).not.toContainText('not on the team server');
  await phone.getByLabel('Built-in softphone (SIP over WebSocket)').check();
  await phone.getByLabel('WebSocket server').fill('wss://pbx.example.com:8089/ws');
  await phone.getByLabel('SIP user', { exact: true }).fill('1001');
  await phone.getByLabel('SIP domain').fill('pbx.example.com');
  await phone.getByLabel('Password', { exact: true }).fill('sip secret 1001');
  await phone.getByLabel('Caller ID name').fill('Jordan');
  await phone.getByRole('button', { name: 'Apply phone settings' }).click();
  await expect(page.getByText('Phone settings saved.')).toBeVisible();
  await expect(phone.getByTestId('password-state')).toContainText('kept by the team server');

  // Another process, after a reload: the account is kept, the password field empty.
  await page.goto(team.servers[1]!.origin);
  await expect(page.getByTestId('signed-in')).toContainText('jordan', HASHING);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: 'Phone' });
  await expect(again.getByLabel('WebSocket server')).toHaveValue('wss://pbx.example.com:8089/ws');
  await expect(again.getByLabel('SIP user', { exact: true })).toHaveValue('1001');
  await expect(again.getByLabel('SIP domain')).toHaveValue('pbx.example.com');
  await expect(again.getByLabel('Caller ID name')).toHaveValue('Jordan');
  await expect(again.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(again.getByTestId('password-state')).toContainText('Password kept by the team server as a digest sealed with its own key');

  // His greetings, kept by the team server: one chosen from a file here is listed on the first process.
  const greetings = page.getByRole('region', { name: 'Greetings' });
  await expect(greetings).toContainText('No greeting yet.');
  await expect(greetings.getByRole('checkbox', { name: /Record calls/ })).toHaveCount(0);
  await greetings.getByLabel('New greeting’s name').fill('Team hello');
  await greetings.getByLabel('Greeting file').setInputFiles({ name: 'hello.wav', mimeType: 'audio/wav', buffer: toneWav(1000, 0.5) });
  await expect(greetings.getByTestId('greetings-status')).toHaveText('“Team hello” saved.');
  await again.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('team-phone-settings.png') });
  await page.goto(team.servers[0]!.origin);
  await expect(page.getByTestId('signed-in')).toContainText('jordan', HASHING);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const kept = page.getByRole('region', { name: 'Greetings' }).getByRole('list', { name: 'Your greetings' });
  await expect(kept.getByLabel('Greeting name')).toHaveValue('Team hello');
  await expect(kept).toContainText('V drops this one');
  // The recording choice is the team lead's: a rep reads it.
  await expect(page.getByRole('region', { name: 'Greetings' }).getByTestId('recording-decided')).toHaveText('Your calls are not recorded. Your team lead decides.');
  // Nothing asked that the team server refuses.
  expect(refused).toEqual([]);

  // Casey, another rep, has none of jordan's account.
  const other = await signedIn(browser, team.servers[0]!.origin, 'casey');
  await other.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const theirs = other.page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: 'Phone' });
  await expect(theirs.getByLabel('Through a dial link to this computer’s softphone')).toBeChecked();
});

test('a team lead turns recording on for the team with an announcement of his on one process; a rep on the other reads that their calls are recorded', async ({ browser }, testInfo) => {
  const lead = await signedIn(browser, team.servers[1]!.origin, 'sam');
  await lead.page.getByRole('button', { name: 'Settings', exact: true }).click();
  // Greetings and recording belong to the built-in phone.
  await lead.page.getByRole('dialog', { name: 'Settings' }).getByLabel('Built-in softphone (SIP over WebSocket)').check();
  const greetings = lead.page.getByRole('region', { name: 'Greetings' });
  await greetings.getByLabel('New greeting’s name').fill('This call is recorded');
  await greetings.getByLabel('Greeting file').setInputFiles({ name: 'consent.wav', mimeType: 'audio/wav', buffer: toneWav(1500, 0.5) });
  await expect(greetings.getByTestId('greetings-status')).toHaveText('“This call is recorded” saved.');
  await greetings.getByLabel('Consent announcement played at answer').selectOption({ label: 'This call is recorded' });
  await greetings.getByRole('checkbox', { name: /Record calls/ }).check();
  await expect(greetings.getByTestId('greetings-status')).toHaveText('Calls are recorded from now on, after the announcement.');
  await expect(greetings).toContainText('Recordings are kept by the team server with their lead');
  await greetings.scrollIntoViewIfNeeded();
  await lead.page.screenshot({ path: testInfo.outputPath('team-lead-recording-on.png') });

  const rep = await signedIn(browser, team.servers[0]!.origin, 'casey');
  await rep.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await rep.page.getByRole('dialog', { name: 'Settings' }).getByLabel('Built-in softphone (SIP over WebSocket)').check();
  const theirs = rep.page.getByRole('region', { name: 'Greetings' });
  await expect(theirs.getByTestId('recording-decided')).toHaveText('Your calls are recorded: the team’s consent announcement plays at answer, before anything is said. Your team lead decides.');
  await expect(theirs.getByRole('checkbox', { name: /Record calls/ })).toHaveCount(0);
  // The announcement is sam's: not among casey's greetings.
  await expect(theirs).toContainText('No greeting yet.');
  await theirs.scrollIntoViewIfNeeded();
  await rep.page.screenshot({ path: testInfo.outputPath('team-rep-recording-decided.png') });
  expect([...lead.refused, ...rep.refused]).toEqual([]);
});

test('a call a rep recorded through one process plays from the lead’s history in a team lead’s console on the other', async ({ browser }) => {
  // Jordan's console, through the API: Ada dialled, the call recorded and logged on the first process.
  const origin = team.servers[0]!.origin;
  const cookie = cookieOf(await teamRequest(origin, '/api/people.signIn', { input: { name: 'jordan', password: TEAM_PASSWORD } }));
  const call = async <Value>(method: string, input: unknown) => (JSON.parse((await teamRequest(origin, `/api/${method}`, { input, cookie })).body) as { value: Value }).value;
  const ada = (await call<LeadSearchResult>('leads.search', { query: 'lovelace', limit: 5 })).hits[0]!.lead.id;
  const consoleId = 'console-jordan-e2e';
  const { dialId } = await call<{ dialId: number }>('calls.dial', { leadId: ada, number: '+12125550100', consoleId });
  const recorded = toneWav(440, 1.2);
  expect(await call('recordings.save', { leadId: ada, dialId, durationMs: 1200, data: recorded.toString('base64') })).toMatchObject({ leadId: ada, dialId });
  expect(await call('calls.disposition', { leadId: ada, code: 'no-answer', consoleId, dialId, number: '+12125550100' })).toMatchObject({ call: { rep: 'jordan' } });

  const lead = await signedIn(browser, team.servers[1]!.origin, 'sam');
  await lead.page.keyboard.press('/');
  await lead.page.keyboard.type('lovelace');
  await expect(lead.page.getByRole('dialog', { name: 'Find a lead' }).getByRole('button', { name: /Ada Lovelace/ })).toBeVisible();
  await lead.page.keyboard.press('Enter');
  const history = lead.page.getByTestId('lead-history');
  await history.getByRole('button', { name: '▶ Recording 0:01' }).click();
  const player = history.locator('audio.call-recording');
  await expect(player).toHaveAttribute('aria-label', 'Recording of the call, 0:01');
  // The audio jordan's console sent, played from a blob the page made: its 1.2 seconds.
  await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.duration)).toBeCloseTo(1.2, 2);
  expect(lead.refused).toEqual([]);
});

test('a second team lead finds the team’s announcement chosen, said whose, and keeps it when turning recording off and on', async ({ browser }, testInfo) => {
  const robin = await signedIn(browser, team.servers[0]!.origin, 'robin');
  await robin.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await robin.page.getByRole('dialog', { name: 'Settings' }).getByLabel('Built-in softphone (SIP over WebSocket)').check();
  const greetings = robin.page.getByRole('region', { name: 'Greetings' });
  const announcement = greetings.getByLabel('Consent announcement played at answer');
  // Sam's, listed by its name and whose it is, though robin has no greeting of his own.
  await expect(greetings).toContainText('No greeting yet.');
  await expect(announcement.locator('option:checked')).toHaveText('This call is recorded (sam’s, the team’s announcement now)');
  const record = greetings.getByRole('checkbox', { name: /Record calls/ });
  await record.uncheck();
  await expect(greetings.getByTestId('greetings-status')).toHaveText('Calls are not recorded.');
  await record.check();
  await expect(greetings.getByTestId('greetings-status')).toHaveText('Calls are recorded from now on, after the announcement.');
  await expect(announcement.locator('option:checked')).toHaveText('This call is recorded (sam’s, the team’s announcement now)');
  await greetings.scrollIntoViewIfNeeded();
  await robin.page.screenshot({ path: testInfo.outputPath('second-team-lead-keeps-announcement.png') });
  expect(robin.refused).toEqual([]);
});

test('a team lead opens the team’s recordings from the top bar by keyboard: newest first, each with its lead, who recorded it, when and how long, and plays one; a rep sees only their own', async ({ browser }, testInfo) => {
  // The call jordan recorded above (the tests of this file run in order, on one team).
  const lead = await signedIn(browser, team.servers[1]!.origin, 'sam');
  const button = lead.page.getByRole('button', { name: 'Recordings', exact: true });
  // Tab along the top bar to Recordings, then Enter: no mouse.
  for (let i = 0; i < 30 && !(await button.evaluate((b) => b === document.activeElement)); i++) await lead.page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await lead.page.keyboard.press('Enter');
  const screen = lead.page.getByRole('dialog', { name: 'The team’s recordings' });
  const rows = screen.getByRole('table', { name: 'Recordings' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Ada Lovelace');
  await expect(rows.first()).toContainText('jordan');
  await expect(rows.first()).toContainText('0:01');
  await expect(rows.first()).toContainText('Nov 23, 2026');
  await lead.page.screenshot({ path: testInfo.outputPath('team-recordings.png') });
  // Tab to the row's Play, Enter: the player takes its place and the keyboard with it.
  const play = rows.first().getByRole('button', { name: '▶ Play Ada Lovelace' });
  await lead.page.keyboard.press('Tab');
  await expect(play).toBeFocused();
  await lead.page.keyboard.press('Enter');
  const player = rows.first().locator('audio.call-recording');
  await expect(player).toBeFocused();
  await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.duration)).toBeCloseTo(1.2, 2);
  await lead.page.screenshot({ path: testInfo.outputPath('team-recording-playing.png') });
  await lead.page.keyboard.press('Escape');
  await expect(screen).toHaveCount(0);
  expect(lead.refused).toEqual([]);

  // Casey recorded nothing: her list is her own, and empty.
  const rep = await signedIn(browser, team.servers[0]!.origin, 'casey');
  await rep.page.getByRole('button', { name: 'Recordings', exact: true }).click();
  const hers = rep.page.getByRole('dialog', { name: 'Your recordings' });
  await expect(hers).toContainText('No call has been recorded yet');
  await expect(hers.getByRole('table')).toHaveCount(0);
  expect(rep.refused).toEqual([]);
});

test('a team lead reads older recordings by keyboard, a page at a time, and goes on from the first row of the page read', async ({ browser }, testInfo) => {
  // Fifty-five older copies of the call jordan recorded: the newest page is fifty, the next the six left.
  const direct = await openPostgresStore({ connectionString: team.databaseUrl, max: 1 });
  await direct.run(
    `INSERT INTO recordings (lead_id, dial_id, account_id, audio, type, bytes, duration_ms, started_at)
     SELECT r.lead_id, r.dial_id, r.account_id, r.audio, r.type, r.bytes, r.duration_ms, r.started_at - n * 60000 FROM recordings r, generate_series(1, 55) AS n`,
  );
  await direct.close();
  const lead = await signedIn(browser, team.servers[0]!.origin, 'sam');
  await lead.page.getByRole('button', { name: 'Recordings', exact: true }).click();
  const screen = lead.page.getByRole('dialog', { name: 'The team’s recordings' });
  const rows = screen.getByRole('table', { name: 'Recordings' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await screen.getByRole('button', { name: 'Show older recordings' }).focus();
  await lead.page.keyboard.press('Enter');
  await expect(rows).toHaveCount(56);
  await expect(screen.getByRole('button', { name: 'Show older recordings' })).toHaveCount(0);
  await expect(rows.nth(50).getByRole('button', { name: /^▶ Play/ })).toBeFocused();
  await lead.page.screenshot({ path: testInfo.outputPath('team-recordings-older.png') });
  for (const colorScheme of ['light', 'dark'] as const) {
    await lead.page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page: lead.page }).include('[data-testid="recordings"]').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`), colorScheme).toEqual([]);
  }
  expect(lead.refused).toEqual([]);
});
