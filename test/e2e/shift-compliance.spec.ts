import { expect, test, type Page } from '@playwright/test';
import type { CallLog, LeadCard, QueueSnapshot } from '../../shared/leads.ts';
import { hostPerTest, type RunningHost } from './web-host.ts';

// A Monday, 10:00 in New York.
const CLOCK = '2026-11-23T15:00:00Z';
const hosts = hostPerTest(CLOCK);

const base64 = (lines: string[]) => Buffer.from(lines.join('\n')).toString('base64');
/** Another console, or the CLI, imports a file: the console on screen learns it from main's push. */
const importFromOutside = (host: RunningHost, lines: string[]) => host.call('leads.import', { fileName: 'crm.csv', data: base64(lines) });

/**
 * Headless Chromium has no softphone: the dial links the console follows are recorded here and
 * kept from leaving the page (a real click's link, or the one the console follows once main said yes).
 */
async function recordDialLinks(page: Page) {
  await page.addInitScript(() => {
    const followed: string[] = [];
    (window as unknown as { dialLinks: string[] }).dialLinks = followed;
    document.addEventListener(
      'click',
      (event) => {
        const link = (event.target as HTMLElement).closest('a');
        if (link?.href.startsWith('tel:')) {
          event.preventDefault();
          if (!link.classList.contains('phone-number') && !link.classList.contains('call-button')) followed.push(link.href);
        }
      },
      true,
    );
  });
}
const dialLinks = (page: Page) => page.evaluate(() => (window as unknown as { dialLinks: string[] }).dialLinks);

const onScreen = (page: Page) => page.locator('main.call-screen');
const timer = (page: Page) => page.getByRole('timer', { name: 'Time on this call' });

test('a lead on screen marked do-not-call from outside is announced at once, never dialled, and the next lead offered', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await recordDialLinks(page);
  await importFromOutside(host, [
    'Record ID,Name,Phone,Lifecycle Stage,Do Not Call',
    '1,Ada Lovelace,+12125550100,marketingqualifiedlead,false',
    '2,Bob Marley,+12125550101,lead,false',
  ]);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const ada = Number(await onScreen(page).getAttribute('data-lead-id'));

  await importFromOutside(host, ['Record ID,Name,Phone,Lifecycle Stage,Do Not Call', '1,Ada Lovelace,+12125550100,marketingqualifiedlead,true']);
  await expect(page.getByRole('alert')).toContainText('Ada Lovelace may no longer be called: on the do-not-call list. Next: Bob Marley.');
  await expect(page.getByRole('heading', { name: 'Bob Marley' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dnc-announced.png') });

  // The dial itself says no, in words, whoever asks.
  await expect(host.call('calls.dial', { leadId: ada, number: '+12125550100' })).rejects.toThrow('Not dialled: Ada Lovelace: the lead is on the do-not-call list.');
  expect((await host.call<LeadCard>('leads.get', { leadId: ada })).calls).toEqual([]);
  // C now dials the lead on screen, Bob; Ada's number never reached the softphone.
  await page.keyboard.press('c');
  await expect(timer(page)).toContainText('+12125550101');
  expect(await dialLinks(page)).toEqual(['tel:+12125550101']);
});

test('a call request made 7 minutes ago comes before requests days old, and says so', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await importFromOutside(host, [
    'Record ID,Name,Phone,Lifecycle Stage,Recent Conversion,Recent Conversion Date',
    '1,Old Ask,+12125550100,lead,Contact sales,2026-11-19 09:00',
    '2,Older Ask,+12125550101,lead,Contact sales,2026-11-03 09:00',
    '3,Fresh Ask,+12125550102,lead,Contact sales,2026-11-23 14:53',
    '4,Week Ask,+12125550103,lead,Contact sales,2026-11-16 09:00',
  ]);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Fresh Ask' })).toBeVisible();
  await expect(page.getByLabel('Why this lead is next')).toContainText('Asked for a call 7 min ago');
  await page.screenshot({ path: testInfo.outputPath('fresh-hand-raiser.png') });
});

test('the second number clicked is the number dialled, logged, and flagged bad', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await recordDialLinks(page);
  await importFromOutside(host, ['Record ID,Name,Phone,Mobile Phone Number', '1,Ada Lovelace,+12125550100,+12125550199', '2,Bob Marley,+12125550101,']);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const ada = Number(await onScreen(page).getAttribute('data-lead-id'));

  await page.getByLabel('Phone numbers').getByRole('link', { name: '+12125550199' }).click();
  await expect(timer(page)).toContainText('+12125550199');
  expect(await dialLinks(page)).toEqual(['tel:+12125550199']);
  await page.screenshot({ path: testInfo.outputPath('second-number-dialled.png') });
  await page.keyboard.press('4');
  await expect(page.getByTestId('notice')).toContainText('Ada Lovelace: Bad number — U to undo');
  // Ada comes straight back on her first number (a bad number waits for nothing); the second is marked bad on screen.
  const mobile = page.getByLabel('Phone numbers').getByRole('listitem').filter({ hasText: '+12125550199' });
  await expect(mobile).toContainText('bad number');
  await expect(page.getByLabel('Phone numbers').getByRole('link', { name: '+12125550100' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('second-number-flagged.png') });

  const [call] = await host.call<CallLog[]>('calls.recent', { limit: 1 });
  expect(call).toMatchObject({ leadId: ada, dispositionLabel: 'Bad number', phoneE164: '+12125550199' });
  const { phones } = await host.call<LeadCard>('leads.get', { leadId: ada });
  expect(phones.map((p) => [p.e164, p.bad])).toEqual([
    ['+12125550100', false],
    ['+12125550199', true],
  ]);
});

test('a reload mid-call keeps the call and its timer; a closed page frees its lead at once', async ({ page, browser }, testInfo) => {
  const host = await hosts.start();
  await recordDialLinks(page);
  await importFromOutside(host, ['Record ID,Name,Phone,Lifecycle Stage', '1,Ada Lovelace,+12125550100,marketingqualifiedlead', '2,Bob Marley,+12125550101,lead']);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  const ada = Number(await onScreen(page).getAttribute('data-lead-id'));

  await page.keyboard.press('c');
  await expect(timer(page)).toContainText(/On call 0:0[2-9]/, { timeout: 5000 });
  expect(await dialLinks(page)).toEqual(['tel:+12125550100']);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  // The timer runs on from the dial, not from the reload.
  await expect(timer(page)).toContainText(/On call 0:(0[2-9]|[1-5]\d)/);
  await page.screenshot({ path: testInfo.outputPath('reload-mid-call.png') });
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { name: 'Bob Marley' })).toBeVisible();
  const [call] = await host.call<CallLog[]>('calls.recent', { limit: 1 });
  expect(call).toMatchObject({ leadId: ada, dispositionLabel: 'No answer' });
  expect(call!.durationSeconds).toBeGreaterThanOrEqual(2);

  // Bob is on this page now. Another rep opens the console: Bob is held for this page.
  const other = await browser.newPage();
  const otherConsole = 'console-other-rep';
  expect((await host.call<QueueSnapshot>('queue.next', { consoleId: otherConsole })).next?.card.lead.firstName).not.toBe('Bob');
  // The rep closes the tab: Bob is free for the next console at once, not in 30 minutes.
  await page.close({ runBeforeUnload: true });
  await expect.poll(async () => (await host.call<QueueSnapshot>('queue.next', { consoleId: 'console-third-rep' })).next?.card.lead.firstName).toBe('Bob');
  await other.close();
});
