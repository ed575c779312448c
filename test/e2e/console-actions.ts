import { expect, type Page } from '@playwright/test';

type FileInput = Parameters<Page['setInputFiles']>[1];

/** Picks a file in the import wizard, checks how it will be read, and imports it with Enter. */
export async function importFile(page: Page, file: FileInput): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(file);
  const wizard = page.getByRole('dialog', { name: /^Import / });
  await expect(wizard).toBeVisible();
  await expect(wizard.getByRole('button', { name: /Import/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(wizard).toBeHidden();
}
