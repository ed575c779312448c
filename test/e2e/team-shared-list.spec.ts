import { expect, test, type Page } from '@playwright/test';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import { importFile } from './console-actions.ts';
import { LEAD_AND_TWO_REPS, signedIn, startTeam, type Team } from './team-setup.ts';

/**
 * The "done when", in Chromium on a real PostgreSQL: two team server processes on one
 * database; a team lead imports a list of 40 leads through the import wizard (their console then
 * holds one lead, which they log last); two reps, each in their own browser and each on a
 * different server process, work the list by keyboard (a disposition's key, the next lead) until
 * it is empty. No lead is ever on two screens, every lead is called once, and every call is
 * recorded against the signed-in person who made it. The consoles ask for nothing the team
 * server refuses.
 */
// A Monday, 10:00 in New York: the leads' numbers (212) are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const LEADS = 40;
let team: Team;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeam({
    accounts: LEAD_AND_TWO_REPS,
    clock: CLOCK,
    processes: 2,
  });
});

test.afterAll(async () => {
  await team?.stop();
});

test.setTimeout(300_000);

const leadOnScreen = (page: Page) => page.locator('main.call-screen');

test('two reps on two server processes work one list of 40 leads by keyboard, and never see the same lead', async ({ browser }, testInfo) => {
  const lead = await signedIn(browser, team.servers[0]!.origin, 'sam');
  const rows = Array.from({ length: LEADS }, (_, i) => `${i + 1},Lead,Number ${i + 1},Acme ${i + 1},+1212555${String(1000 + i)}`);
  // The console's first reads answered: an empty team store.
  await expect(lead.page.getByRole('heading', { name: 'No leads yet' })).toBeVisible();
  // A team lead may load the demo list into the team (a rep is not offered it: team-sign-in.spec.ts).
  await expect(lead.page.getByRole('button', { name: 'Load demo list' })).toBeVisible();
  await importFile(lead.page, { name: 'floor.csv', mimeType: 'text/csv', buffer: Buffer.from(['Record ID,First Name,Last Name,Company,Phone Number', ...rows].join('\n')) });
  await expect(lead.page.getByTestId('import-report')).toContainText(`Imported ${LEADS} rows: ${LEADS} new`);
  // The team lead's console shows a lead too, and holds it: no rep is offered it.
  await expect(leadOnScreen(lead.page)).toBeVisible();
  const leadsOwn = Number(await leadOnScreen(lead.page).getAttribute('data-lead-id'));

  const reps = await Promise.all([signedIn(browser, team.servers[0]!.origin, 'jordan'), signedIn(browser, team.servers[1]!.origin, 'casey')]);
  const onScreen = new Map<number, string>([[leadsOwn, 'sam']]);
  const work = async ({ page }: { page: Page }, name: string) => {
    const keys = ['1', '2'];
    for (let n = 0; ; n++) {
      const empty = page.getByRole('heading', { name: 'Nothing to call right now' });
      await expect(leadOnScreen(page).or(empty)).toBeVisible();
      if (await empty.isVisible()) return;
      const id = Number(await leadOnScreen(page).getAttribute('data-lead-id'));
      // Shown to this rep: never shown to anyone before (a lead leaves the queue once called).
      expect(onScreen.get(id), `lead ${id} shown to ${name} after ${onScreen.get(id)}`).toBeUndefined();
      onScreen.set(id, name);
      await page.keyboard.press(keys[n % keys.length]!);
      // The next lead, or the end of the list.
      await expect(page.locator(`main.call-screen:not([data-lead-id="${id}"])`).or(empty)).toBeVisible();
    }
  };
  await Promise.all([work(reps[0]!, 'jordan'), work(reps[1]!, 'casey')]);
  // The team lead logs their lead last: then every console's list is empty.
  await lead.page.keyboard.press('1');
  await expect(lead.page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();
  await reps[0]!.page.screenshot({ path: testInfo.outputPath('jordan-list-empty.png') });
  await reps[1]!.page.screenshot({ path: testInfo.outputPath('casey-list-empty.png') });

  expect(onScreen.size).toBe(LEADS);
  const shown = [...onScreen.values()];
  expect(shown.filter((n) => n === 'sam')).toHaveLength(1);
  // Both reps worked the list: the claim shares it out, it does not hand it all to one console.
  expect(shown.filter((n) => n === 'jordan').length).toBeGreaterThan(0);
  expect(shown.filter((n) => n === 'casey').length).toBeGreaterThan(0);

  // From the calls table: every lead called once, by the person it was shown to.
  const store = await openPostgresStore({ connectionString: team.databaseUrl, max: 1 });
  const calls = await store.all<{ lead_id: number; rep: string; n: number }>('SELECT lead_id, min(rep) AS rep, count(*) AS n FROM calls GROUP BY lead_id ORDER BY lead_id');
  await store.close();
  expect(calls).toHaveLength(LEADS);
  expect(calls.filter((c) => c.n !== 1)).toEqual([]);
  expect(calls.filter((c) => c.rep !== onScreen.get(c.lead_id))).toEqual([]);
  // Nothing refused: the recording setting and the leads' recordings are served; what the team
  // server does not serve yet the consoles do not ask for (selectMay, shared/team-methods.ts).
  const refused = new Set([...reps, lead].flatMap((r) => r.refused.map((line) => line.split(' ')[0])));
  expect([...refused]).toEqual([]);
});
