import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CallLog, LeadCard } from '../../shared/leads.ts';
import { importFile } from './console-actions.ts';
import { hostPerTest } from './web-host.ts';

/**
 * The rep's hands (issue 11, items 6–12): what a rep working four hours by keyboard needs from
 * the keys, the prompts, the script, the toasts, the callback picker, the session and the layout.
 */
// A Monday, 10:00 in New York.
const CLOCK = '2026-11-23T15:00:00Z';
const hosts = hostPerTest(CLOCK);

const LEADS = 'Record ID,Name,Phone,Company\n1,Ada Lovelace,+12125550100,Analytical\n2,Bob Marley,+12125550101,Tuff Gong\n3,Cleo Park,+12125550102,Parkside\n4,Dev Shah,+12125550103,Shah & Co\n';

const leadOnScreen = (page: Page) => page.locator('main.call-screen');
const currentLeadId = async (page: Page) => Number(await leadOnScreen(page).getAttribute('data-lead-id'));

async function openConsole(page: Page, csv = LEADS) {
  const host = await hosts.start();
  await page.goto(host.url);
  await importFile(page, { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(leadOnScreen(page)).toBeVisible();
  // The import's report banner is not what these tests look at.
  await page.getByTestId('import-report').getByRole('button', { name: 'Dismiss' }).click();
  return host;
}

/** Whether two boxes on screen share any pixel. */
async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) return false;
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

test('6. keys work with Shift and Caps Lock, and a dispositions file cannot take the console’s keys', async ({ page }) => {
  const host = await openConsole(page);
  const first = await currentLeadId(page);

  // Shift+1 is "!" on this keyboard: it still logs No answer.
  await page.keyboard.press('Shift+Digit1');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(first));
  expect((await host.call<CallLog[]>('calls.recent', { limit: 5 })).map((c) => [c.leadId, c.dispositionCode])).toEqual([[first, 'no-answer']]);

  // Caps Lock on: the keys arrive as capitals, as the key sheet shows them.
  await page.keyboard.press('Q');
  await expect(page.getByRole('complementary', { name: 'Next leads' })).toBeVisible();
  await page.keyboard.press('Shift+KeyQ');
  await expect(page.getByRole('complementary', { name: 'Next leads' })).toBeHidden();
  await page.keyboard.press('D');
  await expect(page.getByRole('dialog', { name: 'Reason' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('N');
  await expect(page.locator('#notes')).toBeFocused();
  await page.keyboard.press('Escape');

  // A file that gives a disposition one of the console's keys is refused, in words, and nothing changes.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const chooser = page.waitForEvent('filechooser');
  await settings.getByRole('button', { name: 'Replace from a file…' }).click();
  await (await chooser).setFiles({
    name: 'ours.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('- { code: reached, label: Reached, hotkey: "1", contact: true, countsAsAttempt: true }\n- { code: queued, label: Queued, hotkey: "Q", contact: false, countsAsAttempt: true }\n'),
  });
  await expect(settings.getByRole('alert')).toContainText("ours.yaml is not a list of dispositions: 1.hotkey: Q is the console's own key (the next leads)");
  await page.keyboard.press('Escape');
  await expect(page.getByRole('navigation', { name: 'Dispositions' }).getByRole('button').first()).toHaveText('1No answer');
  // dispositions.save holds the same line, for the keys kept for the softphone too.
  await expect(host.call('dispositions.save', { code: 'voicemail-drop', label: 'Voicemail drop', hotkey: 'v', contact: false, countsAsAttempt: true })).rejects.toThrow(
    "V is the console's own key (kept for the softphone: voicemail drop)",
  );
});

test('7. do-not-call waits for Enter; Escape goes back; the undo stays', async ({ page }, testInfo) => {
  const host = await openConsole(page);
  const lead = await currentLeadId(page);

  await page.keyboard.press('9');
  const confirm = page.getByRole('alertdialog', { name: 'Confirm Do not call' });
  await expect(confirm).toContainText('Do not call closes Ada Lovelace for good');
  await page.screenshot({ path: testInfo.outputPath('confirm-dnc.png') });
  // Keys hit in a hurry while it asks do nothing: the lead stays, nothing is logged.
  await page.keyboard.press('8');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(leadOnScreen(page)).toHaveAttribute('data-lead-id', String(lead));
  expect(await host.call<CallLog[]>('calls.recent', { limit: 5 })).toEqual([]);

  // The button asks the same.
  await page.getByRole('button', { name: /Do not call/ }).click();
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(lead));
  expect((await host.call<LeadCard>('leads.get', { leadId: lead })).lead.doNotCall).toBe(true);

  await page.keyboard.press('u');
  await expect(leadOnScreen(page)).toHaveAttribute('data-lead-id', String(lead));
  expect((await host.call<LeadCard>('leads.get', { leadId: lead })).lead.doNotCall).toBe(false);

  // Disqualified asks why, and says it closes the lead.
  await page.keyboard.press('d');
  await expect(page.getByRole('dialog', { name: 'Reason' })).toContainText('Disqualified closes Ada Lovelace for good.');
});

test('8. the script is one key per answer: focus stays in it, a choice takes its number key', async ({ page }, testInfo) => {
  const host = await openConsole(page);
  const lead = await currentLeadId(page);
  const script = page.getByTestId('script');

  await page.keyboard.press('a');
  await expect(page.locator('#q-need')).toBeFocused();
  await page.keyboard.type('Reps lose hours dialling');
  await page.keyboard.press('Enter');
  // Yes-no: 1 is yes. The key answers the question; it logs no disposition.
  await expect(page.getByRole('group', { name: 'Is there a budget set aside for this?' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('script-number-keys.png') });
  await page.keyboard.press('1');
  // One-of: 1 You decide, 2 You and others decide, 3 Someone else decides.
  await expect(page.getByRole('group', { name: 'Who decides on a purchase like this?' })).toBeFocused();
  await page.keyboard.press('Shift+Digit1');
  await expect(page.locator('#q-timeline')).toBeFocused();
  await page.locator('#q-timeline').fill('2027-01-15');
  await page.keyboard.press('Enter');
  await expect(script).toContainText('End of the script.');
  await expect(script).toBeFocused();
  expect(await host.call<CallLog[]>('calls.recent', { limit: 5 })).toEqual([]);
  await expect(page.getByTestId('recommendation')).toContainText('Recommended: Qualified');

  // At the end of the script the disposition keys are back.
  await page.keyboard.press('8');
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(lead));
  const [call] = await host.call<CallLog[]>('calls.recent', { limit: 1 });
  expect(call).toMatchObject({ leadId: lead, dispositionCode: 'qualified', answers: { need: 'Reps lose hours dialling', budget: 'yes', authority: 'You decide', timeline: '2027-01-15' } });
});

test('9. toasts go: "U to undo" after its 30 seconds, a confirmation after a few; none covers the notes', async ({ page }) => {
  await page.clock.install();
  const host = await openConsole(page);
  const notes = page.getByRole('region', { name: 'Notes and history' });
  const toast = page.getByTestId('notice');

  await page.keyboard.press('1');
  await expect(toast).toContainText('No answer — U to undo');
  expect(await overlaps(toast, notes)).toBe(false);
  await page.clock.runFor(29_000);
  await expect(toast).toContainText('U to undo');
  await page.clock.runFor(2_000);
  await expect(toast).toBeHidden();

  const skipped = await currentLeadId(page);
  await page.keyboard.press('s');
  await expect(toast).toContainText('Skipped');
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await overlaps(toast, notes)).toBe(false);
  await page.clock.runFor(6_000);
  await expect(toast).toBeHidden();
  expect(skipped).toBeGreaterThan(0);
  expect(await host.call<CallLog[]>('calls.recent', { limit: 5 })).toHaveLength(1);
});

test.describe('a rep in Paris calling a lead in Chicago', () => {
  test.use({ timezoneId: 'Europe/Paris' });

  test('10. callback quick choices on the lead’s clock, a date-only day, and a due callback announces itself by name', async ({ page }, testInfo) => {
    // The page's notifications, recorded: the console asks once, when a callback is booked, and never waits.
    await page.addInitScript(() => {
      const w = window as unknown as { shown: { title: string; body?: string }[]; asked: number };
      w.shown = [];
      w.asked = 0;
      class RecordedNotification {
        static permission: NotificationPermission = 'default';
        static requestPermission() {
          w.asked += 1;
          RecordedNotification.permission = 'granted';
          return Promise.resolve('granted' as NotificationPermission);
        }
        constructor(title: string, options?: NotificationOptions) {
          w.shown.push({ title, ...(options?.body ? { body: options.body } : {}) });
        }
      }
      Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true });
    });
    await page.clock.install();
    // Monday 9:00 in Chicago, 16:00 in Paris.
    const host = await openConsole(page, 'Record ID,Name,Phone,Time Zone\n1,Ada Lovelace,+13125550100,America/Chicago\n2,Bob Marley,+13125550101,America/Chicago\n');
    const ada = await currentLeadId(page);

    await page.keyboard.press('0');
    const picker = page.getByRole('dialog', { name: 'Call back at' });
    const quick = picker.getByRole('list', { name: 'Quick choices' }).getByRole('listitem');
    await expect(quick).toHaveCount(4);
    await expect(quick.nth(0)).toContainText(/In 1 h\s*Mon, Nov 23, 10:00 AM\s*your time Mon 5:00 PM/);
    await expect(quick.nth(1)).toContainText(/Tomorrow 9:00\s*Tue, Nov 24, 9:00 AM\s*your time Tue 4:00 PM/);
    await expect(quick.nth(2)).toContainText(/Tomorrow 14:00\s*Tue, Nov 24, 2:00 PM\s*your time Tue 9:00 PM/);
    await expect(quick.nth(3)).toContainText(/Next Monday 9:00\s*Mon, Nov 30, 9:00 AM\s*your time Mon 4:00 PM/);
    await expect(quick.nth(0).getByRole('button')).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('callback-picker-1366x768.png') });
    expect(await page.evaluate(() => (window as unknown as { asked: number }).asked)).toBe(0);

    // 1 takes the first quick choice: in an hour, 10:00 in Chicago.
    await page.keyboard.press('1');
    await expect(picker).toBeHidden();
    await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(ada));
    const held = await host.call<{ blockers: { rule: string; until: string | null }[] }>('queue.whyNot', { leadId: ada });
    expect(held.blockers).toEqual([expect.objectContaining({ rule: 'callback-later', until: '2026-11-23T16:00:00.000Z' })]);
    expect(await page.evaluate(() => (window as unknown as { asked: number }).asked)).toBe(1);

    // A day alone is enough: the time keeps what it offered.
    const bob = await currentLeadId(page);
    await page.keyboard.press('0');
    await page.locator('#picked-day').fill('2026-11-25');
    await expect(picker.getByTestId('rep-time')).toContainText('Your time: Wed');
    await page.locator('#picked-day').press('Enter');
    await expect(picker).toBeHidden();
    const bobHeld = await host.call<{ blockers: { rule: string; until: string | null }[] }>('queue.whyNot', { leadId: bob });
    expect(bobHeld.blockers).toEqual([expect.objectContaining({ rule: 'callback-later', until: '2026-11-25T16:00:00.000Z' })]);

    // An hour later Ada's callback is due: the top bar and a notification say so, by name.
    await expect(page.getByTestId('callback-due')).toBeHidden();
    // The page's clock jumps the hour; the web host's runs on in real time (it has no clock to
    // jump), so its answers are told the hour passed too: the console asks the queue again when
    // the callback comes due, and main's "now" sets the page's view of the time.
    await page.route('**/api/queue.next', async (route) => {
      const response = await route.fetch();
      const envelope = (await response.json()) as { ok: boolean; value?: { now: string } };
      if (envelope.ok && envelope.value) envelope.value.now = new Date(Date.parse(envelope.value.now) + 3_600_000).toISOString();
      await route.fulfill({ response, json: envelope });
    });
    await page.clock.fastForward('01:00:00');
    await expect(page.getByTestId('callback-due')).toContainText('Callback due: Ada Lovelace');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { shown: unknown[] }).shown))
      .toEqual([{ title: 'Callback due: Ada Lovelace', body: expect.stringMatching(/^Booked for Mon 10:00 AM their time, Mon 5:00 PM yours\.$/) }]);
    await page.screenshot({ path: testInfo.outputPath('callback-due-1366x768.png') });
  });
});

test('11. the rep’s name is asked before a first session, and the session and its summary carry it', async ({ page }) => {
  const host = await openConsole(page);
  await page.getByRole('button', { name: 'Start session' }).click();
  const ask = page.getByRole('dialog', { name: 'Your name' });
  await expect(ask).toContainText('Who is calling?');
  await expect(page.locator('#rep-name')).toBeFocused();
  // No name, no session: Enter on an empty name says so; Escape leaves without a session.
  await page.keyboard.press('Enter');
  await expect(ask.getByRole('alert')).toHaveText('Type your name: a session needs one.');
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('session-strip')).toBeHidden();
  // The call screen's keys are back once it is closed.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Start session' }).click();
  await page.locator('#rep-name').fill('Jordan Lee');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-strip')).toContainText('0 dials');
  const session = await host.call<{ id: number; rep: string }>('sessions.current', { consoleId: await page.evaluate(() => sessionStorage.getItem('nextcall.console')) });
  expect(session.rep).toBe('Jordan Lee');
  await page.keyboard.press('1');
  await page.getByTestId('session-strip').getByRole('button', { name: 'End' }).click();

  // Asked once: the next session starts at once, with the same name.
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByTestId('session-strip')).toBeVisible();
  await expect(ask).toBeHidden();

  // A team lead merging the JSON sees the rep's name, not the file's.
  const [json] = await host.call<{ content: string }[]>('sessions.export', { sessionId: session.id, format: 'json' });
  const merged = await host.call<{ team: { reps: { rep: string }[] } }>('team.merge', { files: [{ fileName: 'nextcall-session-1.json', text: json!.content }] });
  expect(merged.team.reps.map((r) => r.rep)).toEqual(['Jordan Lee']);
});

/** Every control of the top bar on one line, nothing cut off at the right. */
async function expectTopBarOnOneLine(page: Page) {
  const bar = page.locator('header.top-bar');
  const layout = await bar.evaluate((header) => {
    const kids = [...header.children].filter((el) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().width > 0);
    const middles = kids.map((el) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2;
    });
    return { height: header.getBoundingClientRect().height, spread: Math.max(...middles) - Math.min(...middles), overflow: header.scrollWidth - header.clientWidth, right: Math.max(...kids.map((el) => el.getBoundingClientRect().right)) };
  });
  expect(layout.spread).toBeLessThan(4);
  expect(layout.height).toBeLessThan(56);
  expect(layout.overflow).toBeLessThanOrEqual(0);
  expect(layout.right).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test('12. with a session running the top bar holds on one line at 1366×768 and 1920×1080 (room for two more controls), and the activity stays in view', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await host.call('prefs.set', { repName: 'Jordan Lee' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load demo list' }).click();
  await expect(leadOnScreen(page)).toBeVisible();
  await page.getByTestId('import-report').getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByTestId('session-strip')).toBeVisible();
  for (const key of ['1', '2', '5', '3']) {
    const before = await currentLeadId(page);
    await page.keyboard.press(key);
    await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', String(before));
  }
  // A lead with a history of activity; the script answered as far as it goes.
  await page.keyboard.press('a');
  await page.keyboard.type('Reps lose hours dialling');
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await page.keyboard.type('Their CFO, Maria');
  await page.keyboard.press('Enter');
  await expect(page.locator('#q-timeline')).toBeFocused();

  const firstActivity = page.getByTestId('timeline').locator('li').first();
  const activityPanel = page.getByRole('region', { name: 'Activity' });
  const inView = async () => {
    const [row, panel] = [await firstActivity.boundingBox(), await activityPanel.boundingBox()];
    return !!row && !!panel && row.y >= panel.y && row.y + row.height <= panel.y + panel.height && row.y + row.height <= page.viewportSize()!.height;
  };

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: testInfo.outputPath(`call-screen-session-${size.width}x${size.height}.png`) });
    await expectTopBarOnOneLine(page);
    expect(await inView(), `the first activity is in view at ${size.width}×${size.height}`).toBe(true);
  }

  // The call-list picker (the demo list is a list) and the search button (issue 11, items 13 and 15) share the line at 1366.
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.getByRole('combobox', { name: 'Call list' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Find lead/ })).toBeVisible();
  await expectTopBarOnOneLine(page);
  await page.screenshot({ path: testInfo.outputPath('call-screen-session-two-more-controls-1366x768.png') });

  // The callback picker open: the activity is still there to read.
  await page.keyboard.press('Escape');
  await page.keyboard.press('0');
  await expect(page.getByRole('dialog', { name: 'Call back at' })).toBeVisible();
  expect(await inView()).toBe(true);
  // The last call's toast does not sit on the picker's fields.
  await expect(page.getByTestId('notice')).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('callback-picker-session-1366x768.png') });
});
