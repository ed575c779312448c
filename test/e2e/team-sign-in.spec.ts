import { expect, test, type Request } from '@playwright/test';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import { createTeamDatabase } from '../helpers/team-database.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { startTeamServer, type TeamServerProcess } from '../helpers/team-server-process.ts';

/**
 * The team server in Chromium, on a real PostgreSQL: the sign-in screen, a wrong password, the
 * sign-in limit, the signed-in rep in the top bar, signing out. Each wrong or right password costs
 * the server a deliberate second or two of hashing (scrypt), hence the longer timeout.
 */
const PASSWORD = 'a long enough passphrase';
let cluster: PostgresCluster;
let server: TeamServerProcess;
let databaseUrl: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPostgresCluster();
  const url = (databaseUrl = await createTeamDatabase(cluster, { jordan: 'rep', casey: 'rep' }, PASSWORD));
  server = await startTeamServer(['--database', url, '--listen', '127.0.0.1:0']);
});

test.afterAll(async () => {
  await server?.stop();
  cluster?.stop();
});

test.setTimeout(180_000);
/** A password check is a second or two of hashing on an idle machine; far more on a loaded one. */
const HASHING = { timeout: 30_000 };

test('a rep signs in from the keyboard after a wrong password, sees their name in the top bar, and signs out', async ({ page }, testInfo) => {
  await page.goto(server.origin);
  const name = page.getByLabel('Account name');
  await expect(name).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('team-sign-in.png') });

  await page.keyboard.type('jordan');
  await page.keyboard.press('Tab');
  await page.keyboard.type('not my password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('That name and password do not match an account.', HASHING);
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(name).toHaveValue('jordan');
  await page.screenshot({ path: testInfo.outputPath('team-wrong-password.png') });

  await page.getByLabel('Password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  const signedIn = page.getByTestId('signed-in');
  await expect(signedIn).toContainText('jordan', HASHING);
  await expect(signedIn).toContainText('Rep');
  // The team has no leads yet: a rep is told their team lead brings the lists, with no demo list to load.
  await expect(page.getByRole('region', { name: 'No leads yet' })).toContainText('your team lead imports the lists');
  await expect(page.getByRole('button', { name: 'Load demo list' })).toHaveCount(0);
  // The session is a cookie the page's scripts cannot read.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ name: 'nextcall_session', httpOnly: true, sameSite: 'Strict' });
  await page.screenshot({ path: testInfo.outputPath('team-signed-in.png') });

  // A reload keeps the rep signed in: the cookie, not the page, holds the session.
  await page.reload();
  await expect(page.getByTestId('signed-in')).toContainText('jordan', HASHING);

  // Signing out loads the page afresh: nothing of the last person stays in the tab.
  await Promise.all([page.waitForEvent('load'), signedIn.getByRole('button', { name: 'Sign out' }).click()]);
  await expect(page.getByLabel('Account name')).toBeFocused();
  expect(await page.context().cookies()).toEqual([]);
});

test('after five wrong passwords the screen says to wait, and the right one is refused too until then', async ({ page }, testInfo) => {
  await page.goto(server.origin);
  await page.getByLabel('Account name').fill('casey');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Password').fill(`wrong guess number ${attempt}`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText('That name and password do not match an account.', HASHING);
    await expect(page.getByLabel('Password')).toHaveValue('');
  }
  await page.getByLabel('Password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(/^Too many sign-in attempts: try again in 15 minutes, or ask an admin to reset the password\.$/, HASHING);
  await expect(page.getByTestId('signed-in')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('team-too-many-attempts.png') });
});

test('a session ended mid-shift (a password reset, the 12 hours run out) brings the sign-in screen back, with why', async ({ page }, testInfo) => {
  const pending = new Set<Request>();
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/events')) pending.add(request);
  });
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  await page.goto(server.origin);
  await page.getByLabel('Account name').fill('jordan');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText('jordan', HASHING);
  // The console's first reads are answered before the session ends: on a loaded machine one still
  // on its way would meet the ended session itself and bring the sign-in screen back before the click.
  await expect(page.getByRole('button', { name: 'Start session' })).toBeVisible();
  await expect.poll(() => pending.size).toBe(0);

  // As a password reset or the end of the session does: the database forgets it.
  const store = await openPostgresStore({ connectionString: databaseUrl, max: 1 });
  await store.run('DELETE FROM sign_in_sessions');
  await store.close();

  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your session has ended: sign in again. Notes you were typing are kept.');
  await expect(page.getByLabel('Account name')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('team-session-ended.png') });
});
