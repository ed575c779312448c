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

/** Answers the script's current question from the keyboard: a choice by its number key, else A, the answer, Enter. */
export async function answer(page: Page, value: string, kind: 'text' | 'select' | 'date' = 'text') {
  if (kind === 'select') {
    const choices = page.locator('.question [role="group"]');
    const options = (await choices.getByRole('button').allTextContents()).map((text) => text.replace(/^\d\s*/, '').trim());
    await page.keyboard.press('a');
    await expect(choices).toBeFocused();
    await page.keyboard.press(String((options.indexOf(value) + 1) % 10));
    return;
  }
  await page.keyboard.press('a');
  const field = page.locator('.question input').first();
  await expect(field).toBeFocused();
  await field.fill(value);
  await page.keyboard.press('Enter');
}
