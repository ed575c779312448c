import { expect, test } from '@playwright/test';
import { toneWav } from '../sip/tone-wav.ts';
import { HASHING, LEAD_AND_TWO_REPS, signedIn, startTeam, type Team } from './team-setup.ts';

/**
 * The built-in phone on a team, in Chromium against two team server processes on one PostgreSQL:
 * jordan, a rep, opens Settings → Phone on one process, fills in his SIP account and saves it;
 * after a reload on the other process it is kept, the password only said to be saved; casey, another
 * rep, sees none of it. Below the account, his voicemail greetings: one chosen from a file on one
 * process is listed on the other. Whether calls are recorded is the team's: sam, the team lead,
 * turns it on with an announcement of his on one process, and a rep reads it on the other.
 */
let team: Team;

test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeam({ accounts: LEAD_AND_TWO_REPS, processes: 2, env: { NEXTCALL_PHONE_KEY: 'cd'.repeat(32) } });
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

test('a team lead turns recording on for the team with an announcement of his on one process; a rep on the other reads that their calls are recorded', async ({ browser }) => {
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

  const rep = await signedIn(browser, team.servers[0]!.origin, 'casey');
  await rep.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await rep.page.getByRole('dialog', { name: 'Settings' }).getByLabel('Built-in softphone (SIP over WebSocket)').check();
  const theirs = rep.page.getByRole('region', { name: 'Greetings' });
  await expect(theirs.getByTestId('recording-decided')).toHaveText('Your calls are recorded: the team’s consent announcement plays at answer, before anything is said. Your team lead decides.');
  await expect(theirs.getByRole('checkbox', { name: /Record calls/ })).toHaveCount(0);
  // The announcement is sam's: not among casey's greetings.
  await expect(theirs).toContainText('No greeting yet.');
  expect([...lead.refused, ...rep.refused]).toEqual([]);
});
