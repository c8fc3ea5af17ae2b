/**
 * `latch copy` leaves the clipboard to a small detached process that clears it later, so
 * the command itself returns at once. The clearer is the CLI's own entry with a hidden
 * subcommand; it gets only a SHA-256 of the value (in its environment, never in argv) and
 * clears the clipboard (and the X11 primary selection) only if what is there still hashes the
 * same: something the user copied or selected since is left alone.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { clearSelectionsHolding } from '../core/clipboard/clear-selections';
import { SystemClipboard } from '../core/clipboard/system-clipboard';
import type { Clipboard } from '../core/platform';
import { sameSecret } from '../core/security/same-secret';
import { CLEAR_CLIPBOARD_COMMAND } from './helper-commands';
import { latchSelfArgs } from './self-command';

export { CLEAR_CLIPBOARD_COMMAND };

const HASH_VAR = 'LATCH_CLEAR_SHA256';
const AT_VAR = 'LATCH_CLEAR_AT';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Starts the clearer and lets it outlive this process. */
export function spawnClipboardClearer(
  value: string,
  seconds: number,
  env: Readonly<Record<string, string | undefined>>,
): void {
  const args = latchSelfArgs(CLEAR_CLIPBOARD_COMMAND);
  if (args === undefined) return;
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: 'ignore',
    windowsHide: true,
    // A deadline rather than a delay: the clearer's own start-up time does not push it back.
    env: { ...env, [HASH_VAR]: sha256Hex(value), [AT_VAR]: String(Date.now() + Math.round(seconds * 1000)) },
  });
  child.on('error', () => undefined);
  child.unref();
}

/** The hidden subcommand: waits, then clears if the clipboard still holds the value. Exit 0 either way. */
export async function runClipboardClearer(
  env: Readonly<Record<string, string | undefined>>,
  clipboard: Clipboard = new SystemClipboard(),
): Promise<number> {
  const expected = env[HASH_VAR] ?? '';
  const at = Number(env[AT_VAR]);
  if (!/^[0-9a-f]{64}$/.test(expected) || !Number.isFinite(at)) return 2;
  await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
  // The clipboard and the X11 primary selection, each on its own; no display any more means nothing left to clear.
  await clearSelectionsHolding(clipboard, (current) => sameSecret(sha256Hex(current), expected));
  return 0;
}
