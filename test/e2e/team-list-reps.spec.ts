import { expect, test, type Locator, type Page } from '@playwright/test';
import { saveCallList } from '../../main/leads/call-lists.ts';
import { assignList } from '../../main/leads/list-assignments.ts';
import { seedLeads } from '../helpers/seed-leads.ts';
import { LEAD_AND_TWO_REPS, signedIn, startTeam, type Team } from './team-setup.ts';

/**
 * The team lead's lists and reps, in Chromium against a team server on a real PostgreSQL: the
 * team lead gives list A to rep 1 (jordan) only and list B (given to jordan alone beforehand) to
 * everyone, through the screen and by keyboard; rep 2 (casey) is only ever offered B's leads. Then
 * the team lead pauses B: casey's console lets its B lead go at once, saying why, with no reload.
 */
// A Monday, 10:00 in New York: the seeded leads are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
let team: Team;
let listA: number[] = [];
let listB: number[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeam({
    accounts: LEAD_AND_TWO_REPS,
    clock: CLOCK,
    seed: async (store) => {
      const now = Date.parse(CLOCK);
      listA = await seedLeads(store, Array.from({ length: 4 }, () => ({ stage: 'MQL' as const })), { now });
      listB = await seedLeads(store, Array.from({ length: 4 }, () => ({ stage: 'IQL' as const })), { now });
      const clock = { now: () => now };
      await saveCallList(store, clock, { name: 'A', filter: { stages: ['MQL'] }, rules: null });
      await saveCallList(store, clock, { name: 'B', filter: { stages: ['IQL'] }, rules: null });
      await assignList(store, 'B', ['jordan']);
    },
  });
});

test.afterAll(async () => {
  await team?.stop();
});

test.setTimeout(240_000);

const leadOnScreen = (page: Page) => page.locator('main.call-screen');
const leadIdOf = async (page: Page) => Number(await leadOnScreen(page).getAttribute('data-lead-id'));

/** Tabs forward until `target` has the focus (the screen is worked without a mouse); fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${String(target)} was not reached with Tab`);
}

test('a team lead assigns A to rep 1 and B to everyone, by keyboard; rep 2 never gets A; pausing B lets rep 2’s B lead go at once, saying why', async ({ browser }, testInfo) => {
  const lead = await signedIn(browser, team.servers[0]!.origin, 'sam');
  const page = lead.page;
  // Only a team lead has the way in (a rep's top bar is checked below).
  await page.getByRole('button', { name: 'Lists', exact: true }).focus();
  await page.keyboard.press('Enter');
  const screen = page.getByRole('dialog', { name: 'Lists and reps' });
  const rowA = screen.locator('[data-list="A"]');
  const rowB = screen.locator('[data-list="B"]');
  await expect(rowB.getByRole('radio', { name: 'Only these reps:' })).toBeChecked();

  // A: only these reps, jordan ticked, assigned: all by keyboard.
  await tabTo(page, rowA.getByRole('radio', { name: 'Everyone' }));
  await page.keyboard.press('ArrowDown');
  await expect(rowA.getByRole('radio', { name: 'Only these reps:' })).toBeChecked();
  // Nobody ticked: refused with a sentence, nothing sent.
  await tabTo(page, rowA.getByRole('button', { name: 'Assign to 0 reps' }));
  await page.keyboard.press('Enter');
  await expect(rowA.getByRole('alert')).toHaveText('Tick at least one rep for A, or choose Everyone: nothing was changed.');
  await tabTo(page, rowA.getByRole('checkbox', { name: 'jordan' }));
  await page.keyboard.press('Space');
  await tabTo(page, rowA.getByRole('button', { name: 'Assign to 1 rep' }));
  await page.keyboard.press('Enter');
  await expect(rowA.getByRole('status')).toHaveText('A is worked by jordan only.');
  // B: everyone.
  await tabTo(page, rowB.getByRole('radio', { name: 'Only these reps:' }));
  await page.keyboard.press('ArrowUp');
  await expect(rowB.getByRole('status')).toHaveText('Everyone works B.');
  // The owner window refuses what is not whole minutes, with a sentence.
  await tabTo(page, rowB.getByRole('textbox', { name: 'Owner window' }));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('ten');
  await page.keyboard.press('Enter');
  await expect(rowB.getByRole('alert')).toHaveText('The owner window is whole minutes from 0 to 10,080 (a week): "ten" is not; nothing was changed.');
  await tabTo(page, rowA.getByRole('button', { name: 'Pause' }));
  await expect(rowA.getByRole('button', { name: 'Pause' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('list-reps-1366x768.png') });
  await page.keyboard.press('Escape');
  await expect(screen).toBeHidden();

  // Rep 2 works: every lead offered is one of B's, never A's.
  const casey = await signedIn(browser, team.servers[0]!.origin, 'casey');
  await expect(casey.page.getByRole('button', { name: 'Lists', exact: true })).toHaveCount(0);
  await expect(leadOnScreen(casey.page)).toBeVisible();
  const first = await leadIdOf(casey.page);
  expect(listB).toContain(first);
  await casey.page.keyboard.press('1');
  await expect(casey.page.locator(`main.call-screen:not([data-lead-id="${first}"])`)).toBeVisible();
  const second = await leadIdOf(casey.page);
  expect(listB).toContain(second);
  // Rep 1 is offered A's leads.
  const jordan = await signedIn(browser, team.servers[0]!.origin, 'jordan');
  await expect(leadOnScreen(jordan.page)).toBeVisible();
  expect([...listA, ...listB]).toContain(await leadIdOf(jordan.page));

  // The team lead pauses B: casey's console lets its lead go at once (no request of its own), saying why.
  await page.getByRole('button', { name: 'Lists', exact: true }).click();
  await screen.locator('[data-list="B"]').getByRole('button', { name: 'Pause' }).click();
  await expect(screen.locator('[data-list="B"]').getByRole('status')).toHaveText('B is paused: its leads are offered to no one until you resume it.');
  await expect(casey.page.getByTestId('notice')).toContainText('may no longer be called: its call list is paused, assigned to other reps, or held for its owner.', { timeout: 5_000 });
  await expect(casey.page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();
  // The top bar counts what casey may be offered: nothing (A is jordan's, B is paused).
  await expect(casey.page.getByTestId('queue-count')).toContainText('0 due now · 8 leads');
  await expect(casey.page.getByTestId('list-picker').locator('option:checked')).toHaveText('Every lead · 0 waiting');
  await casey.page.screenshot({ path: testInfo.outputPath('rep-2-after-pause.png') });
  // Jordan's console: A's leads still come (A runs).
  await jordan.page.reload();
  await expect(leadOnScreen(jordan.page)).toBeVisible();
  const jordansLead = await leadIdOf(jordan.page);
  expect(listA).toContain(jordansLead);
  // Jordan chooses to work A in the list picker: kept with the account, so another console of
  // theirs (another browser) works A too (test/main/team/team-lists.test.ts: across processes).
  await jordan.page.getByTestId('list-picker').selectOption('A');
  await expect(jordan.page.getByTestId('notice')).toContainText('Working the list "A".');
  const elsewhere = await signedIn(browser, team.servers[0]!.origin, 'jordan');
  await expect(elsewhere.page.getByTestId('list-picker')).toHaveValue('A');
  await expect(leadOnScreen(elsewhere.page)).toBeVisible();
  expect(listA).toContain(await leadIdOf(elsewhere.page));
  await elsewhere.page.close();

  // The team lead moves jordan off A (to B, everyone's): jordan's console lets its A lead go at once.
  const moveFromA = screen.locator('[data-list="A"]');
  await expect(moveFromA.getByRole('combobox', { name: 'Move' })).toHaveValue('jordan');
  await tabTo(page, moveFromA.getByRole('combobox', { name: 'to' }));
  await expect(moveFromA.getByRole('combobox', { name: 'to' })).toHaveValue('B');
  await tabTo(page, moveFromA.getByRole('button', { name: 'Move' }));
  await page.keyboard.press('Enter');
  await expect(moveFromA.getByRole('status')).toHaveText('jordan moved from A to B.');
  await expect(moveFromA.getByRole('radio', { name: 'Only these reps:' })).toBeChecked();
  await expect(moveFromA.getByRole('checkbox', { name: 'jordan' })).not.toBeChecked();
  await expect(moveFromA).toContainText('Nobody works A now: its leads are offered to no one until you tick reps or choose Everyone.');
  await page.screenshot({ path: testInfo.outputPath('list-reps-after-move-1366x768.png') });
  await expect(jordan.page.getByTestId('notice')).toContainText('may no longer be called: its call list is paused, assigned to other reps, or held for its owner.', { timeout: 5_000 });
  await expect(jordan.page.getByRole('heading', { name: 'Nothing to call right now' })).toBeVisible();
});
