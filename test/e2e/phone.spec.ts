import { expect, test, type Page } from '@playwright/test';
import type { CallLog, LeadCard } from '../../shared/leads.ts';
import { openLeadPhone } from '../sip/lead-phone.ts';
import { fakeMicrophoneArgs, openConsoleWithPhone } from '../sip/phone-console.ts';
import { REP_PASSWORD, REP_USER, startSipServer, type SipServer } from '../sip/sip-server.ts';
import { hostPerTest } from './web-host.ts';

// A Monday, 10:00 in New York: inside every lead's calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const hosts = hostPerTest(CLOCK);

// Both pages' microphones play a known tone (Chromium loops the file), so each ear can tell a voice from silence.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: fakeMicrophoneArgs() } });

let sip: SipServer;
test.beforeEach(async () => {
  sip = await startSipServer();
});
test.afterEach(async () => {
  await sip.stop();
});

const consoleWithPhone = (page: Page, leads: string[], settings: Record<string, unknown> = {}) => openConsoleWithPhone(hosts, sip, page, leads, settings);

const ADA = '+12125550100';
const BOB = '+12125550101';
const NOBODY = '+12125550199';
// The tone is sent at half scale; the voice path's gain control lowers it, but never near silence.
const VOICE = 0.02;
const SILENCE = 0.002;
const progress = (page: Page) => page.getByTestId('call-progress');
const repHears = (page: Page) => page.evaluate(() => (window as unknown as { audioLevel(): Promise<number> }).audioLevel());

test('C calls the lead through the phone system: ringing, answered, both sides hear each other, mute, hold, tones, H hangs up', async ({ page, browser }, testInfo) => {
  const host = await consoleWithPhone(page, [`1,Ada Lovelace,${ADA},lead`]);
  const lead = await openLeadPhone(browser, sip.url, ADA);
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();

  await page.keyboard.press('c');
  // The timer follows the network: ringing first (the lead's phone answers after 1.5 s), then talk time from the answer.
  await expect(progress(page)).toHaveAttribute('data-stage', 'ringing');
  await expect(page.getByRole('timer', { name: 'Call progress' })).toContainText(`Ringing ${ADA}`);
  await expect(progress(page)).toHaveAttribute('data-stage', 'answered');
  await expect(page.getByRole('timer', { name: 'Call progress' })).toContainText('Talking · 0:0');
  // The caller ID name from Settings → Phone is the From header's display name the lead's phone shows.
  expect(await lead.state()).toMatchObject({ state: 'talking', callerName: 'Nextcall rep' });

  // Voice both ways: each page's analyser hears the other's tone.
  await expect.poll(() => repHears(page), { timeout: 10_000 }).toBeGreaterThan(VOICE);
  await expect.poll(() => lead.audioLevel(), { timeout: 10_000 }).toBeGreaterThan(VOICE);
  await page.screenshot({ path: testInfo.outputPath('phone-call-in-progress.png') });

  // M mutes the rep: the lead hears silence; M again and the voice is back.
  await page.keyboard.press('m');
  await expect(page.getByRole('timer', { name: 'Call progress' })).toContainText('muted');
  await expect.poll(() => lead.audioLevel(), { timeout: 10_000 }).toBeLessThan(SILENCE);
  await page.keyboard.press('m');
  await expect.poll(() => lead.audioLevel(), { timeout: 10_000 }).toBeGreaterThan(VOICE);

  // P holds the call (a re-INVITE through the proxy): the lead hears nothing until P resumes it.
  await page.keyboard.press('p');
  await expect(page.getByRole('timer', { name: 'Call progress' })).toContainText('on hold');
  await expect.poll(() => lead.audioLevel(), { timeout: 10_000 }).toBeLessThan(SILENCE);
  await page.keyboard.press('p');
  await expect(page.getByRole('timer', { name: 'Call progress' })).not.toContainText('on hold');
  await expect.poll(() => lead.audioLevel(), { timeout: 10_000 }).toBeGreaterThan(VOICE);

  // K opens the keypad: digits from the keyboard, # from the pad, all arrive at the callee.
  await page.keyboard.press('k');
  const keypad = page.getByRole('group', { name: 'Keypad' });
  await expect(keypad).toBeVisible();
  await page.keyboard.press('4');
  await page.keyboard.press('2');
  await keypad.getByRole('button', { name: '#' }).click();
  await expect(keypad.getByLabel('Tones sent')).toHaveText('42#');
  await expect.poll(async () => (await lead.state()).tones).toEqual(['4', '2', '#']);
  await page.screenshot({ path: testInfo.outputPath('phone-keypad.png') });
  await page.keyboard.press('Escape');
  await expect(keypad).toBeHidden();

  // With the keypad closed, a disposition, S, Z or C would move the console on while the call
  // goes on: each is refused in a sentence, and Ada stays on screen, on the line.
  const notice = page.getByTestId('notice');
  for (const key of ['3', 's', 'z', 'c']) {
    if (await notice.isVisible()) await notice.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(notice).toBeHidden();
    await page.keyboard.press(key);
    await expect(notice, key).toHaveText(/^The call to Ada Lovelace is still going: press H to hang up first\./);
  }
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(progress(page)).toHaveAttribute('data-stage', 'answered');
  expect((await lead.state()).calls).toBe(1);

  // H hangs up: the lead's phone hears the BYE, the timer stops on the talk time.
  await page.keyboard.press('h');
  await expect(progress(page)).toHaveAttribute('data-stage', 'ended');
  await expect(page.getByRole('timer', { name: 'Call progress' })).toContainText(/Ended · talked 0:\d\d/);
  await expect.poll(async () => (await lead.state()).state).toBe('ended');
  // The digits were tones, not dispositions: the call is still the rep's to log.
  expect(await host.call<CallLog[]>('calls.recent', {})).toEqual([]);
});

test('a busy line pre-selects Busy with the network’s cause; the rep’s key logs it with that cause', async ({ page, browser }) => {
  const host = await consoleWithPhone(page, [`1,Ada Lovelace,${ADA},lead`]);
  const lead = await openLeadPhone(browser, sip.url, ADA);
  await lead.setMode('busy');
  // The key sheet names the call keys in softphone mode (a dial link hands the call to another app).
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Hang up (built-in softphone)');
  await page.keyboard.press('Escape');

  await page.keyboard.press('c');
  await expect(progress(page)).toHaveAttribute('data-stage', 'ended');
  await expect(page.getByRole('timer', { name: 'Call progress' })).toContainText('not answered · 486 Busy Here');
  await expect(page.getByText('The line is busy (486 Busy Here). Press 3 to log “Busy”.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Busy/ })).toHaveClass(/recommended/);

  await page.keyboard.press('3');
  await expect(page.getByText(/Ada Lovelace: Busy — U to undo/)).toBeVisible();
  const [call] = await host.call<CallLog[]>('calls.recent', {});
  expect(call).toMatchObject({ dispositionCode: 'busy', phoneE164: ADA, reason: 'The network answered: 486 Busy Here' });
});

test('no answer after the rings set is ended by the console and logged at once when the rep chose so', async ({ page, browser }) => {
  const host = await consoleWithPhone(page, [`1,Ada Lovelace,${ADA},lead`, `2,Bob Marley,${BOB},lead`], { ringsBeforeNoAnswer: 1, outcomes: 'log' });
  const lead = await openLeadPhone(browser, sip.url, ADA);
  await lead.setMode('never');

  await page.keyboard.press('c');
  await expect(progress(page)).toHaveAttribute('data-stage', 'ringing');
  // One ring (6 s) later the console gives up, logs No answer and offers the next lead.
  await expect(page.getByRole('heading', { name: 'Bob Marley' })).toBeVisible({ timeout: 20_000 });
  const [call] = await host.call<CallLog[]>('calls.recent', {});
  expect(call).toMatchObject({ dispositionCode: 'no-answer', phoneE164: ADA, reason: 'The network answered: No answer after 1 rings' });
  await expect.poll(async () => (await lead.state()).endCause).toBe('Canceled');
});

test('a number the network says does not exist is flagged bad at once, and Bad number is pre-selected', async ({ page }) => {
  const host = await consoleWithPhone(page, [`1,Nobody Here,${NOBODY},lead`]);
  const leadId = Number(await page.locator('main.call-screen').getAttribute('data-lead-id'));

  await page.keyboard.press('c');
  await expect(page.getByText('The network says this number does not exist: it is flagged bad (404 Not Found). Press 4 to log “Bad number”.')).toBeVisible();
  const card = await host.call<LeadCard>('leads.get', { leadId });
  expect(card.phones.map((p) => [p.e164, p.bad])).toEqual([[NOBODY, true]]);
  // Flagged before any disposition: a second dial of it is refused by the compliance check.
  await expect(host.call('calls.dial', { leadId, number: NOBODY })).rejects.toThrow(`${NOBODY} is marked as a bad number`);
});

test('unreachable (503, 480) and incomplete (484) numbers: each call logged from the network’s answer at once, the incomplete number flagged bad', async ({ page }) => {
  // The test phone system answers +1 212 555 0198 with 503 and 0197 with 484; 0196 has no phone registered (480).
  const answers: Record<string, [disposition: string, cause: string, flaggedBad: boolean]> = {
    '+12125550198': ['no-answer', '503 Service Unavailable', false],
    '+12125550197': ['bad-number', '484 Address Incomplete', true],
    '+12125550196': ['no-answer', '480 Temporarily Unavailable', false],
  };
  const host = await consoleWithPhone(page, Object.keys(answers).map((number, i) => `${i + 1},Lead ${i + 1},${number},lead`), { outcomes: 'log' });
  for (let dialled = 0; dialled < 3; dialled++) {
    const name = await page.locator('h1.lead-name').textContent();
    await page.keyboard.press('c');
    await expect(page.getByText(new RegExp(`^${name}: (No answer|Bad number) — U to undo`))).toBeVisible();
  }
  await expect(page.locator('main.call-screen')).toHaveCount(0);
  const calls = await host.call<CallLog[]>('calls.recent', {});
  const found = await Promise.all(
    calls.map(async (c) => {
      const { phones } = await host.call<LeadCard>('leads.get', { leadId: c.leadId });
      return [c.phoneE164, [c.dispositionCode, c.reason, phones.find((p) => p.e164 === c.phoneE164)?.bad]];
    }),
  );
  expect(Object.fromEntries(found)).toEqual(Object.fromEntries(Object.entries(answers).map(([number, [code, cause, bad]]) => [number, [code, `The network answered: ${cause}`, bad]])));
});

test('Settings → Phone: the password is never sent back, markup in a SIP field is refused in a sentence, a wrong password says so', async ({ page }, testInfo) => {
  const host = await consoleWithPhone(page, [`1,Ada Lovelace,${ADA},lead`]);
  // The API never hands the password back: the settings say one is saved, the account carries its digest only.
  const settings = await host.call<Record<string, unknown>>('phone.settings', {});
  expect(settings).toMatchObject({ hasPassword: true, protection: 'private-key-file' });
  expect(JSON.stringify(settings)).not.toContain(REP_PASSWORD);
  const account = await host.call<{ ha1: string }>('phone.account', {});
  expect(JSON.stringify(account)).not.toContain(REP_PASSWORD);
  expect(account.ha1).toMatch(/^[0-9a-f]{32}$/);

  await page.getByRole('button', { name: 'Settings' }).click();
  const phone = page.getByRole('group', { name: 'Phone' });
  await expect(phone.getByLabel('SIP user', { exact: true })).toHaveValue(REP_USER);
  await expect(phone.getByLabel('Password')).toHaveValue('');
  await expect(phone.getByTestId('password-state')).toContainText('Password kept as a digest sealed with a key in Nextcall’s private data folder');
  await phone.getByRole('button', { name: 'Test the line' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('phone-settings.png') });

  // Markup where a SIP user goes: refused with the field and the rule; nothing saved, the line stays up.
  await phone.getByLabel('SIP user', { exact: true }).fill('"><img src=x onerror=alert(1)>');
  await phone.getByRole('button', { name: 'Apply phone settings' }).click();
  await expect(phone.getByRole('alert')).toContainText('letters, digits and + . _ - only');
  expect((await host.call<{ user: string }>('phone.settings', {})).user).toBe(REP_USER);
  await expect(page.getByTestId('line-status')).toHaveText('Phone ready');

  // A wrong password: the phone system refuses it, and the console says what to do.
  await phone.getByLabel('SIP user', { exact: true }).fill(REP_USER);
  await phone.getByLabel('Password').fill('not-the-password');
  await phone.getByRole('button', { name: 'Test the line' }).click();
  await expect(phone.getByTestId('line-test')).toContainText('The phone system refused your SIP user or password (401 Unauthorized): enter them again in Settings → Phone.');
  await expect(page.getByTestId('line-status')).toHaveText(/^Phone refused: The phone system refused your SIP user or password/);
  await page.keyboard.press('Escape');
  // C then says why it does not dial, and records no attempt.
  await page.keyboard.press('c');
  await expect(page.getByText(/^Not dialled: The phone system refused your SIP user or password/)).toBeVisible();
  expect((await host.call<LeadCard>('leads.get', { leadId: Number(await page.locator('main.call-screen').getAttribute('data-lead-id')) })).lead.attempts).toBe(0);
});

/** Which devices the page opened: each microphone getUserMedia gave, each track a call sent, each speaker a media element was set to. */
function watchDevices() {
  const used = { microphones: [] as string[], sent: [] as string[], speakers: [] as string[] };
  (window as unknown as { devicesUsed: typeof used }).devicesUsed = used;
  const open = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (constraints) {
    const stream = await open.call(this, constraints);
    used.microphones.push(...stream.getAudioTracks().map((track) => track.getSettings().deviceId ?? '?'));
    return stream;
  };
  const addTrack = RTCPeerConnection.prototype.addTrack;
  RTCPeerConnection.prototype.addTrack = function (track, ...streams) {
    used.sent.push(track.getSettings().deviceId ?? '?');
    return addTrack.call(this, track, ...streams);
  };
  const setSinkId = HTMLMediaElement.prototype.setSinkId;
  HTMLMediaElement.prototype.setSinkId = async function (id) {
    await setSinkId.call(this, id);
    used.speakers.push(this.sinkId);
  };
}

test('Settings → Phone: the microphone and speaker chosen are saved, shown again, and the ones a call uses', async ({ page, browser }, testInfo) => {
  await page.addInitScript(watchDevices);
  const host = await consoleWithPhone(page, [`1,Ada Lovelace,${ADA},lead`]);
  // Chromium's fake devices: a default, then Fake Audio Input 1 and 2, Fake Audio Output 1 and 2.
  const devices = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).map(({ kind, deviceId, label }) => ({ kind, deviceId, label })));
  const idOf = (label: string) => devices.find((d) => d.label === label)!.deviceId;
  const microphone = idOf('Fake Audio Input 2');
  const speaker = idOf('Fake Audio Output 1');
  expect([microphone, speaker]).not.toContain('default');

  await page.getByRole('button', { name: 'Settings' }).click();
  const phone = page.getByRole('group', { name: 'Phone' });
  await phone.getByLabel('Microphone').selectOption({ label: 'Fake Audio Input 2' });
  await phone.getByLabel('Speaker').selectOption({ label: 'Fake Audio Output 1' });
  // The whole Phone part of Settings, as the rep fills it in: server, user, domain, password, devices.
  await phone.screenshot({ path: testInfo.outputPath('phone-settings-devices.png') });
  await phone.getByRole('button', { name: 'Apply phone settings' }).click();
  await expect.poll(async () => host.call<{ microphoneId: string; speakerId: string }>('phone.settings', {})).toMatchObject({ microphoneId: microphone, speakerId: speaker });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('line-status')).toHaveText('Phone ready');

  const lead = await openLeadPhone(browser, sip.url, ADA);
  await page.keyboard.press('c');
  await expect(progress(page)).toHaveAttribute('data-stage', 'answered');
  await expect.poll(() => repHears(page), { timeout: 10_000 }).toBeGreaterThan(VOICE);
  await expect.poll(() => lead.audioLevel(), { timeout: 10_000 }).toBeGreaterThan(VOICE);
  const used = await page.evaluate(() => (window as unknown as { devicesUsed: { microphones: string[]; sent: string[]; speakers: string[] } }).devicesUsed);
  expect(used).toEqual({ microphones: [microphone], sent: [microphone], speakers: [speaker] });
  await page.keyboard.press('h');
  await expect(progress(page)).toHaveAttribute('data-stage', 'ended');

  // A new window shows the choice again.
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(phone.getByLabel('Microphone')).toHaveValue(microphone);
  await expect(phone.getByLabel('Speaker')).toHaveValue(speaker);
});

test('the phone system going away mid-call is a sentence; H ends the call here and the rep logs it', async ({ page, browser }) => {
  const host = await consoleWithPhone(page, [`1,Ada Lovelace,${ADA},lead`]);
  await openLeadPhone(browser, sip.url, ADA);
  await page.keyboard.press('c');
  await expect(progress(page)).toHaveAttribute('data-stage', 'answered');

  await sip.stop();
  await expect(page.getByText('The connection to the phone system dropped during the call. Press H to end it here, then log what happened.')).toBeVisible();
  await expect(page.getByTestId('line-status')).toHaveText(/^Phone offline: The phone system at ws:\/\/127\.0\.0\.1:\d+ cannot be reached/);
  await page.keyboard.press('h');
  await expect(progress(page)).toHaveAttribute('data-stage', 'ended');
  // Nothing hangs: a disposition logs the call, with the dial's start.
  await page.keyboard.press('7');
  await expect(page.getByText(/Ada Lovelace: Interested — not yet — U to undo/)).toBeVisible();
  const [call] = await host.call<CallLog[]>('calls.recent', {});
  expect(call).toMatchObject({ dispositionCode: 'interested-not-yet', phoneE164: ADA });
});

test('Test call in Settings → Phone rings the test number, is heard, and records no dial against any lead', async ({ page, browser }) => {
  const host = await consoleWithPhone(page, [`1,Ada Lovelace,${ADA},lead`]);
  // The phone system's echo service, played here by a phone that answers with its tone.
  const echo = await openLeadPhone(browser, sip.url, '+12125550150');
  const leadId = Number(await page.locator('main.call-screen').getAttribute('data-lead-id'));

  await page.getByRole('button', { name: 'Settings' }).click();
  const phone = page.getByRole('group', { name: 'Phone' });
  await phone.getByLabel('Test number (an echo service)').fill('+12125550150');
  await phone.getByRole('button', { name: 'Test call', exact: true }).click();
  await expect(phone.getByTestId('test-call')).toHaveText('Test call: answered. Speak: you should hear the echo service (or whoever answered).');
  await expect.poll(() => repHears(page), { timeout: 10_000 }).toBeGreaterThan(VOICE);
  await phone.getByRole('button', { name: 'End the test call' }).click();
  await expect(phone.getByTestId('test-call')).toHaveText('Test call ended (Terminated)');
  await expect.poll(async () => (await echo.state()).state).toBe('ended');
  expect((await host.call<{ testNumber: string }>('phone.settings', {})).testNumber).toBe('+12125550150');
  expect((await host.call<LeadCard>('leads.get', { leadId })).lead.attempts).toBe(0);
});
