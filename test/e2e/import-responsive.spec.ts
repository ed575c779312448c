import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { hostPerTest } from './web-host.ts';

/**
 * Issue 12: the console stays responsive during an import. While the team lead's 150,000-row
 * import runs (seconds, in one transaction), the rep finds a lead with / and opens its card: the
 * web host answers those reads from its read-only connection at once, instead of after the import.
 */
const hosts = hostPerTest('2026-11-23T15:00:00Z');

const ROWS = 150_000;
const LIST = `Record ID,First Name,Last Name,Company Name,Phone Number,Time Zone
1,Ada,Lovelace,Acme,+1 212 555 0100,America/New_York
2,Bob,Stone,Acme,+1 212 555 0101,America/New_York
`;

let folder = '';
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'nextcall-e2e-big-'));
});
test.afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A HubSpot-shaped export of `rows` leads, none of them Bob, written to a file as a team lead would pick it. */
function bigExport(rows: number): string {
  const lines = ['Record ID,First Name,Last Name,Email,Phone Number'];
  for (let i = 0; i < rows; i++) lines.push(`${100_000 + i},Lead,Number ${i},lead${i}@example.com,+1 646 ${String(2_000_000 + i).replace(/^(\d{3})/, '$1-')}`);
  const file = join(folder, 'big-export.csv');
  writeFileSync(file, lines.join('\r\n'));
  return file;
}

test('while a 150,000-row import runs, a lead is found with / and its card opens', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const host = await hosts.start();
  await host.call('leads.import', { fileName: 'webinar.csv', data: Buffer.from(LIST).toString('base64') });
  await page.goto(host.url);
  await expect(page.locator('main.call-screen .lead-name')).toHaveText('Ada Lovelace');

  await page.getByTestId('import-input').setInputFiles(bigExport(ROWS));
  const wizard = page.getByRole('dialog', { name: 'Import big-export.csv' });
  await expect(wizard.getByRole('button', { name: /Import/ })).toBeFocused({ timeout: 30_000 });
  await page.keyboard.press('Enter');

  // The import is under way: the bar shows rows written, short of the whole file.
  const status = page.getByRole('status', { name: 'Import progress' });
  const progress = status.getByTestId('import-progress-text');
  await expect(progress).toHaveText(/^([1-9]|[1-9]\d)% · .* · [\d,]+ rows$/, { timeout: 60_000 });

  const asked = Date.now();
  await page.keyboard.press('/');
  const search = page.getByRole('dialog', { name: 'Find a lead' });
  await expect(search.getByLabel('Name, company, email or number')).toBeFocused();
  await page.keyboard.type('Bob Stone');
  const hit = search.getByRole('button', { name: /Bob Stone/ });
  await expect(hit).toBeVisible();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('lead-details');
  await expect(details).toContainText('Bob Stone');
  await expect(details.getByLabel('Phone numbers')).toContainText('+12125550101');
  const answeredIn = Date.now() - asked;

  // Still importing: the search and the card did not wait for it.
  await expect(status).toBeVisible();
  await expect(progress).toHaveText(/^([1-9]|[1-9]\d)% · /);
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('import-responsive.png') });
  testInfo.annotations.push({ type: 'search and card during the import', description: `${answeredIn} ms, typing included` });
  console.log(`Found Bob Stone and opened his card in ${answeredIn} ms (typing included), the import still running at ${await progress.textContent()}`);

  // The import then lands whole.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-report')).toContainText(`Imported ${ROWS} rows: ${ROWS} new`, { timeout: 150_000 });
});
