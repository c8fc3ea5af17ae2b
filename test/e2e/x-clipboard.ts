import { execFileSync } from 'node:child_process';
import type { HostApp } from '../host/host-app';
import { expect } from './fixtures';

/** The X clipboard as another program sees it (the tests run under Xvfb); '' while it is empty. */
export function readXClipboard(): string {
  try {
    return execFileSync('xclip', ['-selection', 'clipboard', '-out'], { encoding: 'utf8', timeout: 3000 });
  } catch {
    return ''; // xclip exits non-zero while the clipboard is empty
  }
}

/**
 * Main copied `expected`: read back from the X clipboard where there is a display (polled: xclip
 * takes the selection after the copy's answer), else main's clipboard guard says it holds a secret.
 */
export async function expectCopied(host: HostApp, expected: string | RegExp): Promise<void> {
  if (process.env.DISPLAY) {
    if (typeof expected === 'string') await expect.poll(readXClipboard).toBe(expected);
    else await expect.poll(readXClipboard).toMatch(expected);
  } else await expect.poll(() => host.composed.services.vault.clipboard.holdsSecret).toBe(true);
}
