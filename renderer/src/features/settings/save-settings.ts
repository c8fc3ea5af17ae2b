import { BridgeError, type LatchApi } from '../../../../preload/api';
import { type Settings, weakenedSettings } from '../../../../preload/contract';

/**
 * Saves a change the user just made. One that lowers protection (the rule is main's, shared through
 * the contract) goes through settings.weaken, which needs the click or key press behind this call;
 * main refuses it on settings.update.
 */
export function saveSettings(latch: LatchApi, current: Settings, patch: Partial<Settings>): Promise<Settings> {
  return weakenedSettings(current, patch).length > 0 ? latch.settings.weaken(patch) : latch.settings.update(patch);
}

/** What to say when a change was not saved. */
export function notSavedMessage(e: unknown, fallback: string): string {
  if (!(e instanceof BridgeError)) return fallback;
  // The client's own words point at a button; here the user changes the setting again.
  return e.code === 'ERR_FORBIDDEN_SENDER'
    ? 'Not saved: lowering protection needs your own click or key press. Change it again.'
    : e.message;
}
