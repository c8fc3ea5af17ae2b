import { BridgeError, type LatchApi } from '../../../../preload/api';
import { type Settings, weakenedSettings } from '../../../../preload/contract';
import { weakenPerPress } from './weaken-per-press';

/**
 * Saves a change the user just made. One that lowers protection (the rule is main's, shared through
 * the contract) goes through settings.weaken, which needs the click or key press behind this call;
 * main refuses it on settings.update. Those of one press go as one call (weaken-per-press.ts). Main
 * then asks the user itself; a no rejects with ERR_CANCELLED (`wasCancelled`), nothing saved.
 */
export async function saveSettings(latch: LatchApi, current: Settings, patch: Partial<Settings>): Promise<Settings> {
  if (weakenedSettings(current, patch).length > 0) return weakenPerPress(latch, patch);
  try {
    return await latch.settings.update(patch);
  } catch (e) {
    // Main judged it against settings newer than this screen's (a change answered after this click):
    // it lowers protection after all. update spent no gesture (only main refuses on it), so the
    // click behind this call is still there for weaken.
    if (e instanceof BridgeError && e.code === 'ERR_FORBIDDEN_SENDER') return weakenPerPress(latch, patch);
    throw e;
  }
}

/** What to say when a change was not saved. */
export function notSavedMessage(e: unknown, fallback: string): string {
  if (!(e instanceof BridgeError)) return fallback;
  // The client's own words point at a button; here the user changes the setting again.
  return e.code === 'ERR_FORBIDDEN_SENDER'
    ? 'Not saved: lowering protection needs your own click or key press. Change it again.'
    : e.message;
}

/** The user said no to main's question: nothing was saved, and nothing went wrong either. */
export function wasCancelled(e: unknown): boolean {
  return e instanceof BridgeError && e.code === 'ERR_CANCELLED';
}
