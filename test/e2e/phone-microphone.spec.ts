import { expect, test } from '@playwright/test';
import type { LeadCard } from '../../shared/leads.ts';
import { openLeadPhone } from '../sip/lead-phone.ts';
import { fakeMicrophoneArgs, openConsoleWithPhone } from '../sip/phone-console.ts';
import { startSipServer, type SipServer } from '../sip/sip-server.ts';
import { hostPerTest } from './web-host.ts';

const hosts = hostPerTest('2026-11-23T15:00:00Z');
// No consent: the browser refuses the page's request for the microphone, as a rep's "Block" would.
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: fakeMicrophoneArgs({ refuse: true }) } });

let sip: SipServer;
test.beforeEach(async () => {
  sip = await startSipServer();
});
test.afterEach(async () => {
  await sip.stop();
});

const ADA = '+12125550100';

test('a refused microphone: C says what to do in a sentence, nothing rings and no attempt is recorded', async ({ page, browser }) => {
  const host = await openConsoleWithPhone(hosts, sip, page, [`1,Ada Lovelace,${ADA},lead`]);
  const lead = await openLeadPhone(browser, sip.url, ADA);
  const leadId = Number(await page.locator('main.call-screen').getAttribute('data-lead-id'));

  await page.keyboard.press('c');
  await expect(page.getByText(/^Not dialled: Nextcall may not use the microphone\. Allow it .* and press C again\.$/)).toBeVisible();
  await expect(page.getByTestId('call-progress')).toHaveCount(0);
  expect((await lead.state()).calls).toBe(0);
  expect((await host.call<LeadCard>('leads.get', { leadId })).lead.attempts).toBe(0);
  // Nothing is stuck: the rep goes on with the lead (S skips it).
  await page.keyboard.press('s');
  await expect(page.getByText('Skipped: Ada Lovelace comes back in a few minutes.')).toBeVisible();
});
