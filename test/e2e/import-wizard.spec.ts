import { expect, test } from '@playwright/test';
import { hostPerTest } from './web-host.ts';

const hosts = hostPerTest('2026-11-23T15:00:00Z');

test('the team lead picks the country of numbers written without +, by typing its name', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  // A Swedish list: national numbers, no country column. The console's preference is the US.
  const file = 'Name,Telefon\r\nAnna Svensson,08-123 456 78\r\n';
  await page.getByTestId('import-input').setInputFiles({ name: 'kunder.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  const wizard = page.getByRole('dialog', { name: 'Import kunder.csv' });
  const country = wizard.getByLabel('Country of numbers without +');
  await expect(country).toHaveValue('US');
  await expect(country.locator('option:checked')).toHaveText('United States');

  // Keyboard first: focus the list and type the start of the name.
  await country.focus();
  await page.keyboard.type('Swed');
  await expect(country).toHaveValue('SE');
  await expect(country.locator('option:checked')).toHaveText('Sweden');
  await page.screenshot({ path: testInfo.outputPath('import-wizard-country.png') });

  await wizard.getByRole('button', { name: /Import/ }).click();
  await expect(page.getByTestId('import-report')).toContainText('Imported 1 rows: 1 new');
  await expect(page.locator('.lead-name')).toHaveText('Anna Svensson');
  await expect(page.getByRole('list', { name: 'Phone numbers' })).toContainText('+46812345678');
  // The choice was this file's: the preference stays the US.
  expect(await host.call<{ defaultCountry: string }>('prefs.get', {})).toMatchObject({ defaultCountry: 'US' });
});

test('a long import shows its progress: the share of the file read, its size and the rows, up to 100%', async ({ page }, testInfo) => {
  // A long import on a machine other tests load too: room beyond the default minute.
  test.setTimeout(120_000);
  const host = await hosts.start();
  await page.goto(host.url);
  // 30,000 rows, about 1.4 MB: the importer reports every 5,000 rows.
  const rows = 30_000;
  const lines = ['Name,Email,Phone', ...Array.from({ length: rows }, (_, i) => `Lead ${i},lead${i}@example.com,+1 212 ${String(2_000_000 + i).replace(/^(\d{3})/, '$1-')}`)];
  const buffer = Buffer.from(lines.join('\r\n'));
  const megabytes = (buffer.byteLength / 1024 / 1024).toFixed(1);
  expect(buffer.byteLength).toBeGreaterThan(1024 * 1024);

  // Every text the bar's words take, in order, however briefly each is shown.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress-text"]')?.textContent;
      if (text && text !== seen.at(-1)) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await page.getByTestId('import-input').setInputFiles({ name: 'big-list.csv', mimeType: 'text/csv', buffer });
  const wizard = page.getByRole('dialog', { name: 'Import big-list.csv' });
  await expect(wizard.getByRole('button', { name: /Import/ })).toBeFocused();
  await page.keyboard.press('Enter');

  const status = page.getByRole('status', { name: 'Import progress' });
  // Mid-way: a share under 100%, of the file's size.
  await expect(status.getByTestId('import-progress-text')).toHaveText(new RegExp(`^([1-9]|[1-9]\\d)% · \\d+\\.\\d of ${megabytes.replace('.', '\\.')} MB · \\d{1,2},000 rows$`), { timeout: 30_000 });
  await expect(status).toContainText('Importing big-list.csv');
  await page.screenshot({ path: testInfo.outputPath('import-progress.png') });

  await expect(page.getByTestId('import-report')).toContainText(`Imported ${rows} rows: ${rows} new`, { timeout: 60_000 });
  await expect(status).toBeHidden();
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  const percents = seen.map((text) => Number(/^(\d+)%/.exec(text)?.[1] ?? -1)).filter((p) => p >= 0);
  // Several steps, never backwards, ending at the whole file with every row.
  expect(percents.length).toBeGreaterThanOrEqual(4);
  expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  expect(seen.at(-1)).toBe(`100% · ${megabytes} of ${megabytes} MB · 30,000 rows`);
});

test('a file picked while the call list is still loading keeps the keyboard in the wizard when the empty list shows', async ({ page }) => {
  const host = await hosts.start();
  // The list's first answer held back until the wizard is open: a slow store, or a team server far away.
  let wizardOpen!: () => void;
  const opened = new Promise<void>((resolve) => (wizardOpen = resolve));
  await page.route('**/api/queue.next', async (route) => {
    await opened;
    await route.continue();
  });
  await page.goto(host.url);
  await expect(page.getByText('Loading the call list…')).toBeVisible();
  await page.getByTestId('import-input').setInputFiles({ name: 'early.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Phone\nAda Lovelace,+12125550100\n') });
  const wizard = page.getByRole('dialog', { name: 'Import early.csv' });
  const importButton = wizard.getByRole('button', { name: /Import/ });
  await expect(importButton).toBeFocused();

  wizardOpen();
  await expect(page.getByRole('heading', { name: 'No leads yet' })).toBeVisible();
  // The empty list's Load demo list button offers itself to the keyboard only when nothing holds it.
  await expect(importButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-report')).toContainText('Imported 1 rows: 1 new');
  await expect(page.locator('.lead-name')).toHaveText('Ada Lovelace');
});
