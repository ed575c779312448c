import { expect, test } from '@playwright/test';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import type { QueuePreview } from '../../shared/leads.ts';
import { seedLeads, seedList } from '../helpers/seed-leads.ts';
import { cookieOf, teamRequest } from '../helpers/team-server-process.ts';
import { signedIn, startTeam, TEAM_PASSWORD, type Team } from './team-setup.ts';

/**
 * A lead's owner window ends, in Chromium against two team server processes on PostgreSQL: Mia
 * is jordan's in the CRM and the "Hot" list holds her for jordan for one minute (the least the
 * Lists screen allows); jordan is away. When the minute is up, riley's idle console on process 1
 * ("Nothing to call right now") shows Mia, and casey's on process 2, busy with another lead,
 * counts her as due: neither reloads nor asks.
 */
// A Monday, 10:00 in New York: the seeded leads are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const HOUR = 3_600_000;
let team: Team;
let mia = 0;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeam({
    accounts: [
      ['sam', 'team-lead'],
      ['jordan', 'rep'],
      ['casey', 'rep'],
      ['riley', 'rep'],
    ],
    clock: CLOCK,
    processes: 2,
    seed: async (store) => {
      // Mia (on Hot, jordan's) arrives in an hour, as seeded: held for jordan for now. Leo is on no list.
      mia = (await seedLeads(store, [{ firstName: 'Mia', lastName: 'Chen', stage: 'MQL', createdAt: Date.parse(CLOCK) + HOUR }]))[0]!;
      await seedLeads(store, [{ firstName: 'Leo', lastName: 'Park', stage: 'IQL', phones: ['+12125550199'] }], { now: Date.parse(CLOCK) });
      await store.run("UPDATE leads SET owner = 'jordan' WHERE id = ?", [mia]);
      await seedList(store, 'Hot', { stages: ['MQL'] });
      await store.run("UPDATE call_lists SET owner_window_minutes = 60 WHERE name = 'Hot'");
    },
  });
});

test.afterAll(async () => {
  await team?.stop();
});

test.setTimeout(240_000);

test('when an owner window ends, an idle console on one process shows the lead and a busy one on the other counts it, with no reload', async ({ browser }, testInfo) => {
  const [one, two] = team.servers as [(typeof team.servers)[0], (typeof team.servers)[0]];
  const casey = await signedIn(browser, two.origin, 'casey');
  await expect(casey.page.locator('main.call-screen')).toContainText('Leo Park');
  await expect(casey.page.getByTestId('queue-count')).toHaveText('1 due now · 2 leads');
  const riley = await signedIn(browser, one.origin, 'riley');
  await expect(riley.page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();
  await expect(riley.page.getByTestId('next-eligible')).toContainText('a lead held for its owner comes free.');

  // Mia arrived 40 seconds ago, as the servers' clock reads, and the team lead sets Hot's owner
  // window to one minute: 20 seconds of jordan's window left.
  const sam = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'sam', password: TEAM_PASSWORD } }));
  // Read on riley's process: each process's --clock started when it did.
  const preview = await teamRequest(one.origin, '/api/queue.preview', { input: { limit: 1 }, cookie: sam });
  const now = Date.parse((JSON.parse(preview.body) as { value: QueuePreview }).value.now);
  const direct = await openPostgresStore({ connectionString: team.databaseUrl, max: 1 });
  try {
    await direct.run('UPDATE leads SET created_at = ? WHERE id = ?', [now - 40_000, mia]);
  } finally {
    await direct.close();
  }
  const set = await teamRequest(one.origin, '/api/lists.ownerWindow', { input: { listName: 'Hot', minutes: 1 }, cookie: sam });
  expect(set.status, set.body).toBe(200);
  const setAt = Date.now();
  // Still jordan's for a while after the change.
  await riley.page.waitForTimeout(5_000);
  await expect(riley.page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();

  await expect(riley.page.locator('main.call-screen')).toContainText('Mia Chen', { timeout: 25_000 });
  const shownAfter = Date.now() - setAt;
  await expect(casey.page.getByTestId('queue-count')).toHaveText('2 due now · 2 leads', { timeout: 3_000 });
  await expect(casey.page.locator('main.call-screen')).toContainText('Leo Park');
  console.log(`Mia on riley's screen ${shownAfter} ms after the window was set to end in about 20,000 ms`);
  expect(shownAfter).toBeLessThan(20_000 + 2_000);
  await riley.page.screenshot({ path: testInfo.outputPath('owner-window-ended-1366x768.png') });
});
