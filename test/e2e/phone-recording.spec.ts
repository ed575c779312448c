import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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
const MIC_HZ = 440;
/** The consent announcement: a 1,500 Hz tone of two seconds, told apart from the rep's 440 Hz microphone. */
const CONSENT_HZ = 1500;
const CONSENT_SECONDS = 2;
const progress = (page: Page) => page.getByTestId('call-progress');

test('recording on: the callee hears the consent announcement at answer, the call is recorded beside the store, linked, plays from the lead’s history, and goes with the lead', async ({ page, browser }, testInfo) => {
  const host = await openConsoleWithPhone(hosts, sip, page, [`1,Ada Lovelace,${ADA},lead`]);
  const recordings = join(hosts.dataDir(), 'recordings');
  const leadId = Number(await page.locator('main.call-screen').getAttribute('data-lead-id'));
  expect(await host.call('recordings.settings', {})).toEqual({ recordCalls: false, consentGreetingId: null, consent: null });

  // Settings → Phone: the announcement is a greeting (chosen from a file here); recording is turned on with it.
  await page.getByRole('button', { name: 'Settings' }).click();
  const greetings = page.getByRole('region', { name: 'Greetings' });
  await greetings.getByLabel('New greeting’s name').fill('This call is recorded');
  await greetings.getByLabel('Greeting file').setInputFiles({ name: 'consent.wav', mimeType: 'audio/wav', buffer: toneWav(CONSENT_HZ, CONSENT_SECONDS) });
  await expect(greetings.getByTestId('greetings-status')).toHaveText('“This call is recorded” saved.');
  // Turned on without an announcement: refused in a sentence, and still off.
  await greetings.getByRole('checkbox', { name: /Record calls/ }).click();
  await expect(greetings.getByTestId('greetings-error')).toContainText('Choose the consent announcement played at answer before turning recording on');
  await expect(greetings.getByRole('checkbox', { name: /Record calls/ })).not.toBeChecked();
  await greetings.getByLabel('Consent announcement played at answer').selectOption({ label: 'This call is recorded' });
  await greetings.getByRole('checkbox', { name: /Record calls/ }).check();
  await expect(greetings.getByTestId('greetings-status')).toHaveText('Calls are recorded from now on, after the announcement.');
  expect(await host.call('recordings.settings', {})).toMatchObject({ recordCalls: true });
  await page.keyboard.press('Escape');

  const lead = await openLeadPhone(browser, sip.url, ADA);
  await page.keyboard.press('c');
  await expect(progress(page)).toHaveAttribute('data-stage', 'answered');
  await lead.listenFor([MIC_HZ, CONSENT_HZ]);
  await page.waitForTimeout((CONSENT_SECONDS + 2) * 1000);
  const timeline = await lead.stopListening();
  // The announcement first (the lead answered 1.5 s before the ear opened: most of it is heard), then the rep.
  const consent = longestHeard(timeline, 1, 0);
  expect(consent.ms).toBeGreaterThan(1000);
  expect(consent.otherShare).toBeLessThan(0.1);
  expect(longestHeard(timeline.filter((s) => s.at > consent.to), 0).ms).toBeGreaterThan(1000);

  await page.keyboard.press('h');
  await expect(progress(page)).toHaveAttribute('data-stage', 'ended');
  await page.keyboard.press('7');
  await expect(page.getByText(/Ada Lovelace: Interested — not yet — U to undo/)).toBeVisible();
  const [call] = await host.call<CallLog[]>('calls.recent', {});

  // The recording reached main: a file in recordings/ beside the store, linked to the call.
  await expect.poll(() => host.call<{ callId: number | null }[]>('recordings.ofLead', { leadId }).then((r) => r.map((x) => x.callId))).toEqual([call!.id]);
  const [recording] = await host.call<{ id: number; durationMs: number; type: string }[]>('recordings.ofLead', { leadId });
  expect(recording).toMatchObject({ type: 'audio/webm' });
  expect(recording!.durationMs).toBeGreaterThan(CONSENT_SECONDS * 1000);
  expect(readdirSync(recordings)).toHaveLength(1);

  // Listed in the top bar's Recordings: the lead, who recorded it (the rep of this store), how long.
  await page.getByRole('button', { name: 'Recordings', exact: true }).click();
  const listed = page.getByRole('dialog', { name: 'Your recordings' }).getByRole('table', { name: 'Recordings' }).locator('tbody tr');
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText(/Ada Lovelace\s*You\s*0:0\d/);
  await page.keyboard.press('Escape');

  // Played from the lead's history.
  await page.keyboard.press('/');
  await page.keyboard.type('Lovelace');
  await page.getByRole('dialog', { name: 'Find a lead' }).getByRole('button', { name: /Ada Lovelace/ }).click();
  const details = page.getByTestId('lead-details');
  await details.getByRole('button', { name: /^▶ Recording 0:0\d$/ }).click();
  const player = details.locator('audio.call-recording');
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);
  expect(await player.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(CONSENT_SECONDS);
  await page.screenshot({ path: testInfo.outputPath('lead-call-with-recording.png') });

  // Deleting the lead deletes the recording: row and file.
  await details.getByRole('button', { name: 'Delete lead…' }).click();
  await details.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByText('Ada Lovelace deleted, with the calls, notes and recordings kept about them.')).toBeVisible();
  expect(readdirSync(recordings)).toEqual([]);
  expect(existsSync(recordings)).toBe(true);
  await expect(host.call('recordings.audio', { id: recording!.id })).rejects.toThrow('That recording is no longer there');
  expect(await host.call('recordings.ofLead', { leadId })).toEqual([]);
});
