import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { CallLog, LeadCard } from '../../shared/leads.ts';
import { holdWriteLock } from '../helpers/write-lock.ts';
import { startHost, type RunningHost } from './web-host.ts';

const CLOCK = '2026-11-23T15:00:00Z';
let dataDir = '';
let host: RunningHost | null = null;

test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nextcall-e2e-busy-'));
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  rmSync(dataDir, { recursive: true, force: true });
});

test('a disposition held up by a CLI import says the store is busy, keeps the note, and goes through when pressed again', async ({ page }, testInfo) => {
  host = await startHost(dataDir, CLOCK);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Load demo list' }).click();
  const lead = page.locator('main.call-screen');
  await expect(lead).toBeVisible();
  const leadId = await lead.getAttribute('data-lead-id');
  await page.keyboard.press('n');
  await page.keyboard.type('Asked for pricing by email');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await host!.call<LeadCard>('leads.get', { leadId: Number(leadId) })).draft).toBe('Asked for pricing by email');

  // Another process (an import from the command line) holds the store's write lock past the host's wait.
  const lock = await holdWriteLock(join(dataDir, 'nextcall.sqlite'));
  await page.keyboard.press('1');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText(
    'The lead store is busy: another Nextcall (an import from the command line, say) is writing to it. Nothing was saved; try again in a moment.',
    { timeout: 20_000 },
  );
  await expect(notice).not.toContainText(/locked|details are in the log/);
  await expect(lead).toHaveAttribute('data-lead-id', leadId!);
  await expect(page.locator('#notes')).toHaveValue('Asked for pricing by email');
  await page.screenshot({ path: testInfo.outputPath('store-busy.png') });

  lock.release();
  await lock.released;
  await page.keyboard.press('1');
  await expect(lead).not.toHaveAttribute('data-lead-id', leadId!);
  const calls = await host.call<CallLog[]>('calls.recent', { limit: 10 });
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ leadId: Number(leadId), notes: 'Asked for pricing by email' });
});
