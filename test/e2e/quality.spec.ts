import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { importFile } from './console-actions.ts';
import { hostPerTest } from './web-host.ts';

// A Monday, 10:00 in New York.
const hosts = hostPerTest('2026-11-23T15:00:00Z');

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('no serious or critical accessibility problem on any screen, light or dark', async ({ page }) => {
  // Nine full axe scans: a minute is not enough when the machine is busy (seen in a full run).
  test.slow();
  const host = await hosts.start();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: /No leads yet|Ada|Lovelace/ }).first()).toBeVisible();
    expect(await seriousViolations(page), `empty store, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('import-input').setInputFiles({ name: 'l.csv', mimeType: 'text/csv', buffer: Buffer.from('Record ID,Name,Phone\n1,Ada Lovelace,+12125550100\n') });
  await expect(page.getByRole('dialog', { name: 'Import l.csv' })).toBeVisible();
  expect(await seriousViolations(page), 'import wizard').toEqual([]);
  await page.keyboard.press('Enter');
  await expect(page.locator('main.call-screen')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `call screen, ${colorScheme}`).toEqual([]);
  }
  await page.keyboard.press('?');
  expect(await seriousViolations(page), 'keys').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  expect(await seriousViolations(page), 'settings').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Reports' }).click();
  const reports = page.getByRole('dialog', { name: 'Reports' });
  await expect(reports.locator('.report-tile').first()).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `reports, ${colorScheme}`).toEqual([]);
  }
  await reports.getByRole('tab', { name: 'Team summary' }).click();
  await expect(reports.getByRole('button', { name: 'Add summaries…' })).toBeVisible();
  expect(await seriousViolations(page), 'team summary').toEqual([]);
});

test('the call screen holds a long name and fifty activities at 1366×768 and 1920×1080, without a page scrollbar', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  const name = 'Maximiliana-Alexandrina Fitzwilliam-Montgomery-Vanderbilt';
  await importFile(page, {
    name: 'long.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`Record ID,First Name,Last Name,Phone,Company Name,Job Title\n1,${name},de la Rochefoucauld-Lévis-Mirepoix,+12125550100,The International Consolidated Amalgamated Holdings Group Incorporated,Senior Vice President of Strategic Revenue Operations and Partnerships\n`),
  });
  const activities = ['Record ID,Type,Title,Time', ...Array.from({ length: 50 }, (_, i) => `1,page-visit,https://www.example.com/a/very/long/path/to/a/product/page/number-${i},2026-11-${String(1 + (i % 20)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`)];
  const added = await host.call<{ added: number; rejected: unknown[] }>('leads.importActivities', { fileName: 'a.csv', data: Buffer.from(activities.join('\n')).toString('base64') });
  expect(added).toMatchObject({ added: 50, rejected: [] });
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.reload();
    await expect(page.locator('.lead-name')).toContainText('Maximiliana');
    const overflow = await page.evaluate(() => ({ x: document.documentElement.scrollWidth > innerWidth, y: document.documentElement.scrollHeight > innerHeight }));
    expect(overflow, `${width}×${height}`).toEqual({ x: false, y: false });
    await expect(page.getByRole('navigation', { name: 'Dispositions' })).toBeInViewport();
    // The timeline is virtualised: fifty activities, only the rows in view on the page.
    const rows = page.getByTestId('timeline').locator('li');
    await expect(rows.first()).toHaveAttribute('aria-setsize', '50');
    expect(await rows.count()).toBeLessThan(50);
    await page.screenshot({ path: testInfo.outputPath(`console-${width}x${height}.png`) });
  }
});
