import { expect, test } from '@playwright/test';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import { importFile } from './console-actions.ts';
import { soloHostBesideTeam } from './solo-beside-team.ts';

/**
 * Issue 13, point 5, in Chromium: a rep who worked alone (a lead and a call in this computer's
 * store) joins the team; signed in as a rep, Settings → Team says who uploads the store; the team
 * lead, signed in on the same console, chooses the rep's account, reads the dry run's report
 * (nothing in the team yet), then uploads for real: the lead and the call are the team's, the
 * call the rep's. By keyboard throughout.
 */
const PASSWORD = 'a long enough passphrase';
// A Monday, 10:00 in New York: the lead's number (212) is inside its calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const HASHING = { timeout: 30_000 };
const both = soloHostBesideTeam('nextcall-upload-', CLOCK, PASSWORD);

test.setTimeout(300_000);

test('a team lead uploads a rep’s solo store from Settings → Team: the dry run’s report first, then for real as the rep', async ({ page }, testInfo) => {
  const signIn = async (name: string) => {
    await page.getByLabel('Account name').fill(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signed-in')).toContainText(name, HASHING);
  };
  const team = page.getByRole('group', { name: 'Team' });
  const teamStore = await openPostgresStore({ connectionString: both.databaseUrl, max: 1 });
  const count = async (table: string) => Number((await teamStore.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n);

  // Alone: a lead of this computer's store, called once (No answer, by its key).
  await page.goto(both.host.url);
  await importFile(page, { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from('Record ID,First Name,Last Name,Company,Phone Number\n9,Solo,Own Lead,Myco,+12125559009\n') });
  const screen = page.locator('main.call-screen');
  await expect(screen).toContainText('Solo Own Lead');
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();

  // Joined, signed in as the rep: Settings → Team says who uploads, and offers no button.
  await page.getByRole('button', { name: 'Settings' }).click();
  const address = team.getByLabel('Team server address');
  await address.fill(both.server.origin);
  await Promise.all([page.waitForEvent('load'), address.press('Enter')]);
  await signIn('jordan');
  await page.getByRole('button', { name: 'Settings' }).click();
  const upload = team.getByRole('region', { name: 'Upload this computer’s store' });
  await expect(upload.getByTestId('store-upload-lead-only')).toHaveText(
    'Uploading this computer’s store into the team is a team lead’s or an admin’s: ask yours to sign in on this computer (Sign out, then their account) and upload it as you.',
  );
  await expect(upload.getByRole('button')).toHaveCount(0);

  // The team lead signs in on this console and uploads the store as jordan.
  await Promise.all([page.waitForEvent('load'), team.getByRole('button', { name: 'Sign out' }).click()]);
  await signIn('sam');
  await page.getByRole('button', { name: 'Settings' }).click();
  const account = upload.getByLabel('Calls recorded under');
  await expect(account).toHaveValue('sam');
  await expect(account.locator('option')).toHaveText(['jordan (rep)', 'sam (team lead)']);
  await account.focus();
  await account.selectOption('jordan');
  await page.keyboard.press('Tab');
  await expect(upload.getByRole('button', { name: 'Upload this computer’s store (dry run first)' })).toBeFocused();
  await page.keyboard.press('Enter');

  const report = upload.getByTestId('upload-report');
  await expect(report).toContainText('Dry run: nothing was changed. Uploading this computer’s store into the team as jordan would do this:');
  await expect(report).toContainText('Leads: 1 read; 1 created, 0 merged into the team\'s, 0 skipped.');
  await expect(report).toContainText('Calls: 1 read; 1 added, 0 already in the team. All are jordan\'s');
  await expect(report).toBeFocused();
  expect(await count('leads')).toBe(0);
  await upload.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('settings-team-upload-dry-run.png') });

  // Settings closed and opened again: the dry run is asked for again, not a confirm under the account shown now (sam).
  await page.keyboard.press('Escape');
  await expect(upload).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(account).toHaveValue('sam');
  await expect(upload.getByRole('button', { name: /Upload for real/ })).toHaveCount(0);
  await account.selectOption('jordan');
  await upload.getByRole('button', { name: 'Upload this computer’s store (dry run first)' }).click();
  await expect(report).toContainText('Dry run: nothing was changed. Uploading this computer’s store into the team as jordan would do this:');
  await expect(report).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(upload.getByRole('button', { name: 'Upload for real as jordan' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(report).toContainText('Uploaded this computer’s store into the team as jordan, in one transaction:');
  await page.screenshot({ path: testInfo.outputPath('settings-team-uploaded.png') });
  expect(await teamStore.all('SELECT l.first_name, l.last_name, c.rep, c.disposition_code FROM calls c JOIN leads l ON l.id = c.lead_id')).toEqual([
    { first_name: 'Solo', last_name: 'Own Lead', rep: 'jordan', disposition_code: 'no-answer' },
  ]);
  await teamStore.close();
});
