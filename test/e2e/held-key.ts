import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Holds `key` on what has focus: Playwright sends a keydown with repeat set for each press of a key already down. */
export async function holdKey(page: Page, key: string): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await page.keyboard.down(key);
    await page.waitForTimeout(40);
  }
  await page.keyboard.up(key);
}

/**
 * Holds Enter on what has focus, then checks that what the first press showed is still there once the key
 * repeats had time to act, and that none of them was a refused call (one gesture per press: a repeat is none).
 */
export async function holdEnterAndKeep(page: Page, shown: () => Promise<void>): Promise<void> {
  await holdKey(page, 'Enter');
  await shown();
  await page.waitForTimeout(300);
  await shown();
  await expect(page.getByText(/needs a click/)).toHaveCount(0);
}
