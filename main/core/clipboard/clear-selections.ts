import type { Clipboard } from '../platform';

/**
 * Clears each selection (the clipboard, and on X11 the primary selection) that still holds
 * what Latch put there, each checked on its own: the user may have copied something since
 * (the clipboard changed, the primary selection still holds the secret) or selected some
 * text since (the other way round), and what they put there is never wiped. Never throws:
 * it runs from timers, lock and quit, where nobody could handle a failure; a selection
 * that cannot be read or cleared (no display any more) has nothing left to clear.
 * Returns whether anything was cleared.
 */
export async function clearSelectionsHolding(
  clipboard: Clipboard,
  isOurs: (text: string) => boolean,
): Promise<boolean> {
  let cleared = false;
  for (const selection of clipboard.selections ?? ['clipboard']) {
    try {
      if (!isOurs(await clipboard.readText(selection))) continue;
      await clipboard.clear(selection);
      cleared = true;
    } catch {
      // Unreadable or uncleared: see above.
    }
  }
  return cleared;
}
