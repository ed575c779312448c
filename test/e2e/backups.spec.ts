import { expect, test, type Page } from '@playwright/test';
import type { CallLog } from '../../shared/leads.ts';
import type { BackupList } from '../../shared/backups.ts';
import { hostPerTest } from './web-host.ts';

// A Monday, 10:00 in New York: the demo list's leads are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const hosts = hostPerTest(CLOCK);

const leadOnScreen = (page: Page) => page.locator('main.call-screen');

async function dispose(page: Page, key: string): Promise<void> {
  const before = await leadOnScreen(page).getAttribute('data-lead-id');
  await page.keyboard.press(key);
  await expect(leadOnScreen(page)).not.toHaveAttribute('data-lead-id', before!);
}

test('a team lead backs up from Settings, and restores that backup after more calls, the store before it kept', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load demo list' }).click();
  await expect(leadOnScreen(page)).toBeVisible();
  await dispose(page, '1');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const backups = settings.getByRole('group', { name: 'Backups' });
  // The web host backed the store up when it started.
  await expect(backups.getByRole('row', { name: /when Nextcall started/ })).toBeVisible();
  await expect(backups).toContainText('kept 14 days');

  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('notice')).toContainText(/Backed up: nextcall-.*-manual\.sqlite \(\d+ KB\)\./);
  const byHand = backups.getByRole('row', { name: /backed up by hand/ });
  await expect(byHand).toBeVisible();
  await expect(byHand).toContainText(/\d+ KB/);

  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await dispose(page, '1');
  await dispose(page, '1');
  expect(await host.call<CallLog[]>('calls.recent', { limit: 50 })).toHaveLength(3);

  await page.getByRole('button', { name: 'Settings' }).click();
  await byHand.getByRole('button', { name: /^Restore the backup of/ }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Restore this backup?' });
  await expect(confirm).toContainText('The lead store becomes that backup: calls, notes, imports and script changes made since then leave the console.');
  await expect(confirm).toContainText('The store as it is now is kept as a backup first, so you can restore it in turn.');
  await confirm.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('backups-restore-confirm.png') });

  await confirm.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByTestId('notice')).toContainText(/Restored the backup of .*\. The store as it was is kept as the backup of /);
  await expect(confirm).toBeHidden();
  await expect(backups.getByRole('row', { name: /the store before a restore/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('backups-restored.png') });

  // The store is the backup's: one call. The three are in the copy kept before the restore.
  expect(await host.call<CallLog[]>('calls.recent', { limit: 50 })).toHaveLength(1);
  const list = await host.call<BackupList>('store.backups', {});
  expect(list.backups.map((b) => b.reason).sort()).toEqual(['before-restore', 'manual', 'start']);
  await page.keyboard.press('Escape');
  await expect(leadOnScreen(page)).toBeVisible();
});
