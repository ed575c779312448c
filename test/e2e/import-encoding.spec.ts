import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { hostPerTest } from './web-host.ts';

const hosts = hostPerTest('2026-11-23T15:00:00Z');

test('the wizard shows the encoding it guessed, and the team lead can read the file in another', async ({ page }, testInfo) => {
  const host = await hosts.start();
  await page.goto(host.url);
  // Two Polish rows saved by a Central European Excel: too little text for any guess to be sure.
  const bytes = iconv.encode('Name,Telefon\r\nŁukasz Żak,+48 22 123 45 67\r\n', 'windows-1250');
  await page.getByTestId('import-input').setInputFiles({ name: 'kontakty.csv', mimeType: 'text/csv', buffer: bytes });
  const wizard = page.getByRole('dialog', { name: 'Import kontakty.csv' });
  const encoding = wizard.getByLabel('Encoding');
  // chardet's best guess for so little text is the Baltic code page, where Ł reads as £.
  await expect(encoding).toHaveValue('windows-1257');
  await expect(wizard.getByRole('row', { name: /Telefon/ })).toBeVisible();
  await expect(wizard).toContainText('£ukasz');

  await encoding.selectOption('windows-1250');
  await expect(wizard).toContainText('Łukasz');
  await expect(wizard.getByLabel('What Name fills')).toHaveValue('fullName');
  await expect(page.getByTestId('wizard-format')).toContainText('Read as WINDOWS-1250');
  await page.screenshot({ path: testInfo.outputPath('import-wizard-encoding.png') });

  await wizard.getByRole('button', { name: /Import/ }).click();
  await expect(page.getByTestId('import-report')).toContainText('Imported 1 rows: 1 new');
  await expect(page.locator('.lead-name')).toHaveText('Łukasz Żak');
});
