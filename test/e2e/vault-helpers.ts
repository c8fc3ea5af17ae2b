import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const MASTER = 'correct horse battery staple';

/** Creates the vault through the first-run screen and waits for the unlocked app. */
export async function createVaultThroughUi(page: Page, password = MASTER): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Master password', { exact: true }).fill(password);
  await page.getByLabel('Master password again').fill(password);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('button', { name: 'Lock now' })).toBeVisible({ timeout: 20_000 });
}
