import { expect, test, type Page } from '@playwright/test';
import { createTeamDatabase } from '../helpers/team-database.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { startTeamServer, type TeamServerProcess } from '../helpers/team-server-process.ts';

/**
 * The settings a team shares, in Chromium against two team server processes on a real
 * PostgreSQL: a team lead changes the default country through one process, a rep signed in on
 * the other reads it there; on a team the rep's name is the account's, not a field.
 */
const PASSWORD = 'a long enough passphrase';
let cluster: PostgresCluster;
const servers: TeamServerProcess[] = [];

test.setTimeout(180_000);
const HASHING = { timeout: 30_000 };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPostgresCluster();
  const url = await createTeamDatabase(cluster, { sam: 'team-lead', jordan: 'rep' }, PASSWORD);
  for (let i = 0; i < 2; i++) servers.push(await startTeamServer(['--database', url, '--listen', '127.0.0.1:0']));
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  cluster?.stop();
});

async function openSettingsAs(page: Page, origin: string, name: string) {
  await page.goto(origin);
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText(name, HASHING);
  await page.getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('dialog', { name: 'Settings' });
}

test('a team lead sets the default country on one process; a rep on the other reads it, and has no name field of their own', async ({ browser }, testInfo) => {
  const lead = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const settings = await openSettingsAs(lead, servers[0]!.origin, 'sam');
  await expect(settings.getByTestId('team-person')).toContainText('Signed in as sam');
  await expect(settings.getByLabel('Your name (on the calls you log)')).toHaveCount(0);
  // The built-in phone is each rep's own on a team: its form, not a sentence (team-phone.spec.ts).
  await expect(settings.getByRole('button', { name: 'Apply phone settings' })).toBeVisible();
  const country = settings.getByLabel('Default country', { exact: false });
  await country.fill('FR');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(lead.getByText('Settings saved.')).toBeVisible();
  await lead.screenshot({ path: testInfo.outputPath('team-settings.png') });

  const rep = await browser.newPage();
  const theirs = await openSettingsAs(rep, servers[1]!.origin, 'jordan');
  await expect(theirs.getByLabel('Default country', { exact: false })).toHaveValue('FR');
  await expect(theirs.getByTestId('team-person')).toContainText('Signed in as jordan');
  // A rep may read the team's settings, not change them: the refusal in words, nothing changed.
  await theirs.getByLabel('Default country', { exact: false }).fill('DE');
  await theirs.getByRole('button', { name: 'Save' }).click();
  await expect(theirs.getByRole('alert')).toHaveText('Only a team lead or above may do this (prefs.set); you are signed in as a rep.');
  await lead.reload();
  await expect(lead.getByTestId('signed-in')).toContainText('sam', HASHING);
  await lead.getByRole('button', { name: 'Settings' }).click();
  await expect(lead.getByRole('dialog', { name: 'Settings' }).getByLabel('Default country', { exact: false })).toHaveValue('FR');
});
