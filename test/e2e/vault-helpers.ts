import type { Page } from '@playwright/test';
import type { HostApp } from '../host/host-app';
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

/** A new vault, with the Settings screen open on it. */
export async function settingsOfNewVault(page: Page): Promise<void> {
  await createVaultThroughUi(page);
  await page.getByRole('button', { name: 'Settings' }).click();
}

/** One contract call straight to the host's dispatcher, for seeding a test's data. */
export async function call<T>(host: HostApp, channel: string, input: unknown): Promise<T> {
  const envelope = await host.composed.dispatch(channel, input, { transport: 'browser-host' });
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}
