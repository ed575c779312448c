import { expect, test } from '@playwright/test';
import { hostPerTest } from './web-host.ts';

const CLOCK = '2026-11-23T15:00:00Z';
const hosts = hostPerTest(CLOCK);

test('Settings that cannot be read say why in a sentence, not a blank panel, and Escape still closes them', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'No leads yet' })).toBeVisible();

  // The web host stops answering the settings' calls (it was stopped, the network dropped).
  await page.route('**/api/scripts.list', (route) => route.abort());
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('alert')).toHaveText('The settings could not be read. Nextcall is not reachable: is the web host still running?');
  await page.screenshot({ path: testInfo.outputPath('settings-unreadable.png') });

  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // Reachable again: the same button opens the whole form.
  await page.unroute('**/api/scripts.list');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings.getByLabel('Your name (on the calls you log)')).toBeVisible();
});
