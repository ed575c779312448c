import { expect, test, type Page } from '@playwright/test';
import type { CallLog, LeadCard } from '../../shared/leads.ts';
import type { Handoff } from '../../shared/qualification.ts';
import { answer, importFile } from './console-actions.ts';
import { hostPerTest } from './web-host.ts';

// A Monday, 10:00 in New York.
const CLOCK = '2026-11-23T15:00:00Z';
const hosts = hostPerTest(CLOCK);

async function importLeads(page: Page, csv: string) {
  await importFile(page, { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('import-report')).toBeVisible();
}

test('a rep qualifies a lead with BANT by keyboard: the criteria light up, Qualified is recommended, sales get a handoff', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await importLeads(page, 'Record ID,Name,Phone,Company,Lifecycle Stage\n1,Maya Okonkwo,+12125550100,BrightPath,marketingqualifiedlead\n');

  const script = page.getByLabel('Script');
  await expect(script).toContainText('What problem are you trying to solve at BrightPath?');
  await answer(page, 'Reps lose hours dialling');
  await answer(page, 'yes', 'select');
  await answer(page, 'You decide', 'select');
  await answer(page, '2027-01-15', 'date');
  await expect(script).toContainText('End of the script.');
  await expect(page.getByLabel('Qualification criteria').locator('li.met')).toHaveCount(4);
  await expect(page.getByTestId('recommendation')).toContainText('Recommended: Qualified');
  await expect(page.getByRole('button', { name: /Qualified/ })).toHaveClass(/recommended/);
  await page.screenshot({ path: testInfo.outputPath('script-qualified.png') });

  await page.keyboard.press('8');
  await expect(page.getByText('No leads yet').or(page.getByText('Nothing to call right now'))).toBeVisible();
  const handoffs = await host.call<Handoff[]>('handoffs.list', {});
  expect(handoffs).toEqual([
    expect.objectContaining({ leadName: 'Maya Okonkwo', answers: { need: 'Reps lose hours dialling', budget: 'yes', authority: 'You decide', timeline: '2027-01-15' } }),
  ]);
});

test('choosing other than the recommendation asks why; U takes the call back', async ({ page }) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await importLeads(page, 'Record ID,Name,Phone\n1,Ada Lovelace,+12125550100\n2,Bob Marley,+12125550101\n');
  const first = await page.locator('main.call-screen').getAttribute('data-lead-id');

  // C dials: the attempt is on record before the phone rings, and the call timer starts.
  // (Headless Chromium has no softphone for tel: links; the page keeps the click to itself.)
  await page.evaluate(() =>
    document.addEventListener('click', (event) => {
      // Every dial link: the number's, C's, and the one the console follows once main accepts the dial.
      if ((event.target as HTMLElement).closest('a[href^="tel:"]')) event.preventDefault();
    }),
  );
  await page.keyboard.press('c');
  await expect(page.getByRole('timer', { name: 'Time on this call' })).toContainText('On call 0:0');
  await expect(page.getByRole('timer', { name: 'Time on this call' })).toContainText('On call 0:01', { timeout: 3000 });
  await answer(page, 'Too many spreadsheets');
  await expect(page.getByTestId('recommendation')).toContainText('Recommended: Interested — not yet');
  // Focus stays in the script for the next answer; Esc leaves it for the disposition keys.
  await page.keyboard.press('Escape');
  await page.keyboard.press('3');
  const reason = page.getByRole('dialog', { name: 'Reason' });
  await expect(reason).toContainText('The criteria recommend "Interested — not yet". Why "Busy"?');
  await page.keyboard.type('Line went dead mid-sentence');
  await page.keyboard.press('Enter');
  await expect(page.locator('main.call-screen')).not.toHaveAttribute('data-lead-id', first!);

  const calls = await host.call<CallLog[]>('calls.recent', { limit: 5 });
  expect(calls[0]).toMatchObject({ dispositionCode: 'busy', recommended: 'interested-not-yet', reason: 'Line went dead mid-sentence', phoneE164: '+12125550100' });
  // The call began when C dialled, not when it was logged.
  expect(calls[0]!.durationSeconds).toBeGreaterThanOrEqual(1);

  await page.keyboard.press('u');
  await expect(page.locator('main.call-screen')).toHaveAttribute('data-lead-id', first!);
  await expect(page.getByTestId('notice')).toContainText('Undone');
  expect(await host.call<CallLog[]>('calls.recent', { limit: 5 })).toEqual([]);
  expect((await host.call<LeadCard>('leads.get', { leadId: Number(first) })).lead.attempts).toBe(0);
});

test('a merge field holding markup is shown as text, never run', async ({ page }) => {
  const host = await hosts.start();
  await page.goto(host.url);
  const hostile = '<img src=x onerror="document.title=\'pwned\'">';
  await importLeads(page, `Record ID,First Name,Last Name,Phone,Company\n1,"${hostile.replaceAll('"', '""')}",X,+12125550100,"<b>Bold</b> Inc"\n`);
  await expect(page.getByTestId('opener')).toContainText(`Hi ${hostile}`);
  await expect(page.getByLabel('Script')).toContainText('What problem are you trying to solve at <b>Bold</b> Inc?');
  await expect(page.locator('main img, main b')).toHaveCount(0);
  expect(await page.title()).toBe('Nextcall');
});

test('a team lead replaces the dispositions and the script with their own files, and the console follows', async ({ page }) => {
  const host = await hosts.start();
  await host.call('dispositions.import', {
    fileName: 'ours.yaml',
    text: '- { code: reached, label: Reached the lead, hotkey: "1", contact: true, countsAsAttempt: true, retryAfterMinutes: 10080 }\n- { code: booked, label: Meeting booked, hotkey: "2", contact: true, countsAsAttempt: true, moveTo: SQL }\n',
  });
  await host.call('scripts.import', {
    fileName: 'ours.yaml',
    text: 'id: ours\nname: Our way\nopeners:\n  - say: "Hello {{lead.firstName}}, Nextcall demo here."\nsteps:\n  - id: meeting\n    ask: Shall we book a meeting?\n    type: yes-no\ncriteria:\n  - id: yes\n    label: Wants a meeting\n    when: { answer: meeting, equals: "yes" }\nrecommend:\n  - disposition: booked\n    all: [yes]\n',
  });
  await page.goto(host.url);
  await importLeads(page, 'Record ID,Name,Phone\n1,Ada Lovelace,+12125550100\n');
  await expect(page.getByRole('navigation', { name: 'Dispositions' }).getByRole('button')).toHaveText(['1Reached the lead', '2Meeting booked']);
  await expect(page.getByTestId('opener')).toHaveText('Hello Ada, Nextcall demo here.');
  await answer(page, 'yes', 'select');
  await expect(page.getByTestId('recommendation')).toContainText('Recommended: Meeting booked');
  await page.keyboard.press('2');
  await expect(page.getByTestId('notice')).toContainText('Meeting booked');
  const [call] = await host.call<CallLog[]>('calls.recent', { limit: 1 });
  expect(call).toMatchObject({ dispositionCode: 'booked', stageAfter: 'SQL', answers: { meeting: 'yes' } });
});
