import { expect, test } from '@playwright/test';
import { seedStore } from '../../main/store-seed.ts';
import { seedCsv } from '../helpers/seed-leads.ts';
import { LEAD_AND_TWO_REPS, signedIn, startTeam, type Team } from './team-setup.ts';

/**
 * Find lead and a correction on the team server, in Chromium against two server processes on one
 * PostgreSQL: jordan, a rep signed in on one, presses the Find lead key, finds Ada by name, opens
 * her and corrects her title; sam's console on the other process finds her with the new title
 * and the change in her history, under jordan's name.
 */
// A Monday, 10:00 in New York.
const CLOCK = '2026-11-23T15:00:00Z';
let team: Team;

test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeam({
    accounts: LEAD_AND_TWO_REPS,
    clock: CLOCK,
    processes: 2,
    seed: async (store) => {
      await seedStore(store, 0);
      await seedCsv(
        store,
        `Record ID,First Name,Last Name,Company Name,Job Title,Email,Phone Number
1,Ada,Lovelace,Acme,CTO,ada@acme.example,+1 212 555 0100
2,Bob,Stone,Acme,CFO,bob@acme.example,+1 212 555 0101`,
        { now: Date.parse(CLOCK) },
      );
    },
  });
});

test.afterAll(async () => {
  await team?.stop();
});

test('a rep finds a lead by name on one server process, corrects her title; a team lead’s console on the other finds the change, under the rep’s name', async ({ browser }, testInfo) => {
  const { page, refused } = await signedIn(browser, team.servers[0]!.origin, 'jordan');
  await page.keyboard.press('/');
  const search = page.getByRole('dialog', { name: 'Find a lead' });
  await expect(search.getByLabel('Name, company, email or number')).toBeFocused();
  await page.keyboard.type('lovelace');
  await expect(search.getByRole('button', { name: /Ada Lovelace/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('team-find-lead.png') });
  await page.keyboard.press('Enter');
  const details = page.getByTestId('lead-details');
  await expect(details).toContainText('Ada Lovelace');
  await details.getByRole('button', { name: 'Edit lead' }).click();
  const form = page.getByRole('form', { name: 'Edit lead' });
  await form.getByLabel('Title').fill('Countess');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('lead-history')).toContainText('title: CTO → Countess');
  // A rep is offered neither a delete nor an import: the server would only refuse them.
  await expect(details.getByRole('button', { name: 'Delete lead…' })).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('button', { name: 'Import CSV…' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('team-lead-edited.png') });
  // The console asks the team server nothing it refuses: the lead's recordings are asked for, and
  // served (a lead the rep may open); what is not served yet is left out, not asked and refused.
  expect(refused).toEqual([]);

  const lead = await signedIn(browser, team.servers[1]!.origin, 'sam');
  await lead.page.keyboard.press('/');
  await lead.page.keyboard.type('ada');
  await expect(lead.page.getByRole('dialog', { name: 'Find a lead' }).getByRole('button', { name: /Ada Lovelace/ })).toContainText('Countess');
  await lead.page.keyboard.press('Enter');
  const theirs = lead.page.getByTestId('lead-details');
  await expect(theirs).toContainText('Countess');
  await expect(lead.page.getByTestId('lead-history')).toContainText('title: CTO → Countess');
  await expect(lead.page.getByTestId('lead-history')).toContainText('jordan');
  await expect(theirs.getByRole('button', { name: 'Delete lead…' })).toBeVisible();
  await expect(lead.page.getByRole('banner').getByRole('button', { name: 'Import CSV…' })).toBeVisible();
  expect(lead.refused).toEqual([]);
});
