import { expect, test, type Page } from '@playwright/test';
import type { CallLog } from '../../shared/leads.ts';
import { openLeadPhone } from '../sip/lead-phone.ts';
import { fakeMicrophoneArgs, openConsoleWithPhone } from '../sip/phone-console.ts';
import { startSipServer, type SipServer } from '../sip/sip-server.ts';
import { longestHeard } from '../sip/tone-timeline.ts';
import { toneWav } from '../sip/tone-wav.ts';
import { hostPerTest } from './web-host.ts';

// A Monday, 10:00 in New York: inside every lead's calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const hosts = hostPerTest(CLOCK);
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: fakeMicrophoneArgs() } });

let sip: SipServer;
test.beforeEach(async () => {
  sip = await startSipServer();
});
test.afterEach(async () => {
  await sip.stop();
});

const ADA = '+12125550100';
const BOB = '+12125550101';
/** The rep's microphone plays 440 Hz (phone-console.ts); the greeting is a 1,000 Hz tone of a known length. */
const MIC_HZ = 440;
const GREETING_HZ = 1000;
const GREETING_SECONDS = 4;
const progress = (page: Page) => page.getByTestId('call-progress');

async function openGreetings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const greetings = page.getByRole('region', { name: 'Greetings' });
  await expect(greetings).toBeVisible();
  return greetings;
}

test('greetings in Settings → Phone: recorded from the microphone, chosen from a file, named, chosen for V; a file that is not audio or is too large is refused in a sentence', async ({ page }, testInfo) => {
  const host = await openConsoleWithPhone(hosts, sip, page, [`1,Ada Lovelace,${ADA},lead`]);
  const greetings = await openGreetings(page);

  // Recorded from the chosen microphone (Chromium's fake one), kept by main as a WebM file.
  await greetings.getByLabel('New greeting’s name').fill('Short hello');
  await greetings.getByRole('button', { name: 'Record a greeting' }).click();
  await expect(greetings.getByTestId('greetings-status')).toHaveText('Recording… speak your greeting, then press Stop.');
  await page.waitForTimeout(1500);
  await greetings.getByRole('button', { name: 'Stop and save' }).click();
  await expect(greetings.getByTestId('greetings-status')).toHaveText('“Short hello” saved.');
  // Chosen from a file: the name comes from the file's.
  await greetings.getByLabel('Greeting file').setInputFiles({ name: 'Standard greeting.wav', mimeType: 'audio/wav', buffer: toneWav(GREETING_HZ, GREETING_SECONDS) });
  await expect(greetings.getByTestId('greetings-status')).toHaveText('“Standard greeting” saved.');
  const list = greetings.getByRole('list', { name: 'Your greetings' });
  await expect(list.getByLabel('Greeting name')).toHaveCount(2);
  await expect(list.getByLabel('Greeting name').first()).toHaveValue('Short hello');
  const saved = await host.call<{ greetings: { name: string; type: string }[]; voicemailId: string }>('greetings.list', {});
  expect(saved.greetings.map((g) => [g.name, g.type])).toEqual([
    ['Short hello', 'audio/webm'],
    ['Standard greeting', 'audio/wav'],
  ]);

  // The recorded one plays back to the rep, from main's copy.
  await list.getByRole('button', { name: 'Play' }).first().click();
  await expect(list.getByRole('button', { name: 'Stop' })).toBeVisible();

  // Renamed, and chosen for V.
  await list.getByLabel('Greeting name').nth(1).fill('Standard');
  await list.getByLabel('Greeting name').nth(1).blur();
  await list.getByRole('radio').nth(1).check();
  await expect(list.getByRole('listitem').nth(1)).toContainText('V drops this one');
  const chosen = await host.call<{ greetings: { id: string; name: string }[]; voicemailId: string }>('greetings.list', {});
  expect(chosen.greetings.find((g) => g.id === chosen.voicemailId)?.name).toBe('Standard');

  // Bad input: a text file named .wav, and a file over the limit. Each a sentence; nothing kept.
  await greetings.getByLabel('Greeting file').setInputFiles({ name: 'notes.wav', mimeType: 'audio/wav', buffer: Buffer.from('Call Ada back on Tuesday. <b>not audio</b>') });
  await expect(greetings.getByTestId('greetings-error')).toHaveText('That file is not audio Nextcall can play: choose a WAV, WebM, Ogg, MP3 or M4A file.');
  await greetings.getByLabel('Greeting file').setInputFiles({ name: 'long.wav', mimeType: 'audio/wav', buffer: Buffer.concat([toneWav(GREETING_HZ, 1), Buffer.alloc(9 * 1024 * 1024)]) });
  await expect(greetings.getByTestId('greetings-error')).toHaveText('That greeting is 9.1 MB: the limit is 8.0 MB. Record a shorter one, or save it as WebM, Ogg or MP3.');
  // The core refuses it too, whoever sends it.
  await expect(host.call('greetings.add', { name: 'Long', data: Buffer.concat([toneWav(GREETING_HZ, 1), Buffer.alloc(9 * 1024 * 1024)]).toString('base64') })).rejects.toThrow('That greeting is 9.1 MB: the limit is 8.0 MB.');
  expect((await host.call<{ greetings: unknown[] }>('greetings.list', {})).greetings).toHaveLength(2);

  await greetings.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('phone-greetings-settings.png') });
});

test('V on a voicemail: the callee hears the greeting from start to end and not the rep, the call ends after it, “Left voicemail” is logged and the next lead is up meanwhile', async ({ page, browser }) => {
  const host = await openConsoleWithPhone(hosts, sip, page, [`1,Ada Lovelace,${ADA},lead`, `2,Bob Marley,${BOB},lead`]);
  await host.call('greetings.add', { name: 'Standard', data: toneWav(GREETING_HZ, GREETING_SECONDS).toString('base64') });
  // The console fetches the greeting when the phone starts: a reload takes the new one.
  await page.reload();
  await expect(page.getByTestId('line-status')).toHaveText('Phone ready');
  const voicemail = await openLeadPhone(browser, sip.url, ADA);
  await voicemail.setMode('voicemail');
  await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();

  await page.keyboard.press('c');
  await expect(progress(page)).toHaveAttribute('data-stage', 'answered');
  await voicemail.listenFor([MIC_HZ, GREETING_HZ]);
  // The rep's voice arrives first: the ear hears the microphone's tone before V.
  await page.waitForTimeout(1500);
  const pressedAt = Date.now();
  await page.keyboard.press('v');

  // At once: the call is logged and the next lead is on screen while the greeting still plays.
  await expect(page.getByRole('heading', { name: 'Bob Marley' })).toBeVisible();
  expect(Date.now() - pressedAt).toBeLessThan(GREETING_SECONDS * 1000);
  expect((await voicemail.state()).state).toBe('talking');
  const [call] = await host.call<CallLog[]>('calls.recent', {});
  expect(call).toMatchObject({ dispositionCode: 'voicemail', dispositionLabel: 'Left voicemail', leadName: 'Ada Lovelace', phoneE164: ADA, reason: 'Voicemail drop: “Standard” played' });

  // The call ends by itself once the greeting has played.
  await expect.poll(async () => (await voicemail.state()).state, { timeout: 15_000 }).toBe('ended');
  const { endedAt } = await voicemail.state();
  const timeline = await voicemail.stopListening();
  const before = timeline.filter((s) => s.at < pressedAt);
  expect(longestHeard(before, 0).ms).toBeGreaterThan(500);
  const greeting = longestHeard(timeline, 1, 0);
  // Heard whole: its length, give or take the network's jitter buffer.
  expect(greeting.ms).toBeGreaterThan(GREETING_SECONDS * 1000 - 600);
  expect(greeting.ms).toBeLessThan(GREETING_SECONDS * 1000 + 600);
  // The rep's microphone is not heard over it.
  expect(greeting.otherShare).toBeLessThan(0.1);
  // And the call ended after it, not before, nor long after.
  expect(endedAt).toBeGreaterThanOrEqual(greeting.to - 100);
  expect(endedAt - greeting.to).toBeLessThan(2000);
});
