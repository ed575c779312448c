import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostPerTest, type RunningHost } from '../e2e/web-host.ts';
import { installAudioProbe } from './audio-probe.ts';
import { REP_PASSWORD, REP_USER, SIP_DOMAIN, startSipServer, type SipServer } from './sip-server.ts';
import { writeToneWav } from './tone-wav.ts';

/**
 * Chromium's flags for pages that speak: fake devices, with a known tone as the microphone (it
 * loops the file) and, unless `refuse`, consent given as a rep's "Allow" would.
 */
export function fakeMicrophoneArgs({ refuse = false } = {}): string[] {
  // One file in the tests' own (ignored) output folder, not one per process left in /tmp:
  // written aside and renamed, so a Chromium another worker starts never reads half a file.
  const tone = fileURLToPath(new URL('../../test-results/phone-tone.wav', import.meta.url));
  mkdirSync(fileURLToPath(new URL('../../test-results/', import.meta.url)), { recursive: true });
  writeToneWav(`${tone}.${process.pid}`);
  renameSync(`${tone}.${process.pid}`, tone);
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${tone}`,
    '--autoplay-policy=no-user-gesture-required',
    ...(refuse ? ['--deny-permission-prompts'] : ['--use-fake-ui-for-media-stream']),
  ];
}

const base64 = (lines: string[]) => Buffer.from(lines.join('\n')).toString('base64');

/** A web host with these leads, its phone set up on the test phone system, and the console open with the line ready. */
export async function openConsoleWithPhone(
  hosts: { start(): Promise<RunningHost> },
  sip: SipServer,
  page: Page,
  leads: string[],
  settings: Record<string, unknown> = {},
): Promise<RunningHost> {
  const host = await hosts.start();
  await host.call('leads.import', { fileName: 'crm.csv', data: base64(['Record ID,Name,Phone,Lifecycle Stage', ...leads]) });
  await host.call('phone.save', { mode: 'softphone', server: sip.url, user: REP_USER, domain: SIP_DOMAIN, password: REP_PASSWORD, callerId: 'Nextcall rep', ...settings });
  await page.addInitScript(installAudioProbe);
  await page.goto(host.url);
  await expect(page.getByTestId('line-status')).toHaveText('Phone ready');
  return host;
}

/**
 * A phone spec's setting: Chromium with the fake microphone, a web host and a Kamailio of their
 * own for each test. `sip()` is the running phone system of the test under way.
 */
export function phonePerTest(clock: string): { hosts: ReturnType<typeof hostPerTest>; sip: () => SipServer } {
  const hosts = hostPerTest(clock);
  test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: fakeMicrophoneArgs() } });
  let running: SipServer | null = null;
  test.beforeEach(async () => {
    running = await startSipServer();
  });
  test.afterEach(async () => {
    await running?.stop();
    running = null;
  });
  return { hosts, sip: () => running! };
}
