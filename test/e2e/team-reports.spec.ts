import { expect, test, type Page } from '@playwright/test';
import { startSession } from '../../main/sessions/sessions.ts';
import { seedStore } from '../../main/store-seed.ts';
import { createTeamDatabase } from '../helpers/team-database.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { startTeamServer, type TeamServerProcess } from '../helpers/team-server-process.ts';

/**
 * The Reports screen on the team server, read from the team's PostgreSQL: a team lead sees today's
 * figures with a row for each rep; a rep sees their own, with no way to pick everyone or another rep.
 */
const PASSWORD = 'a long enough passphrase';
const MIN = 60_000;
let cluster: PostgresCluster;
let server: TeamServerProcess;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startPostgresCluster();
  const url = await createTeamDatabase(cluster, { sam: 'team-lead', jordan: 'rep' }, PASSWORD, async (store) => {
    await seedStore(store, 0);
    // Today, a few minutes ago: jordan dials Mia (no answer), then ben reaches and qualifies her.
    const now = Date.now();
    const mia = (await store.one<{ id: number }>("INSERT INTO leads (first_name, stage, created_at) VALUES ('Mia', 'MQL', ?) RETURNING id", [now - 30 * 24 * 60 * MIN]))!.id;
    for (const [rep, code, minutesAgo, stageAfter] of [['jordan', 'no-answer', 6, 'MQL'], ['ben', 'qualified', 3, 'SQL']] as const) {
      const session = await startSession(store, `console-${rep}`, rep, null, now - 10 * MIN);
      await store.run(
        `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep, session_id)
         VALUES (?, ?, ?, ?, ?, 'MQL', ?, 1, ?, ?)`,
        [mia, code, code, now - minutesAgo * MIN, now - minutesAgo * MIN + MIN, stageAfter, rep, session.id],
      );
    }
  });
  server = await startTeamServer(['--database', url, '--listen', '127.0.0.1:0']);
});

test.afterAll(async () => {
  await server?.stop();
  cluster?.stop();
});

test.setTimeout(180_000);
const HASHING = { timeout: 30_000 };

async function signIn(page: Page, name: string) {
  await page.goto(server.origin);
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText(name, HASHING);
  await page.getByRole('button', { name: 'Reports' }).click();
  return page.getByRole('dialog', { name: 'Reports' });
}

const tile = (reports: ReturnType<Page['getByRole']>, label: string) =>
  reports.locator('.report-tile').filter({ has: reports.page().locator('.label', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) }).locator('.value');

test("a team lead reads today's team from PostgreSQL, each rep beside the team", async ({ page }, testInfo) => {
  const reports = await signIn(page, 'sam');
  await expect(reports.getByLabel('Rep', { exact: true })).toHaveValue('');
  await expect(tile(reports, 'Dials')).toHaveText('2');
  const eachRep = reports.getByRole('region', { name: 'Each rep' });
  await expect(eachRep.getByRole('row')).toHaveText([/^Rep/, /^ben1/, /^jordan1/, /^Team2/]);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: testInfo.outputPath('team-reports-lead.png') });
});

test('a rep reads only their own figures: their name, and no Everyone to choose', async ({ page }, testInfo) => {
  const reports = await signIn(page, 'jordan');
  const rep = reports.getByLabel('Rep', { exact: true });
  await expect(rep).toHaveValue('jordan');
  await expect(rep.locator('option')).toHaveText(['jordan']);
  await expect(tile(reports, 'Dials')).toHaveText('1');
  await expect(tile(reports, 'Qualified (SQL)')).toHaveText('0');
  await expect(reports.getByRole('region', { name: 'Each rep' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('team-reports-rep.png') });
});
