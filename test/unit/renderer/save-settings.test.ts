import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../main/core/model/settings';
import { weakenedSettings } from '../../../main/core/model/settings-weakening';
import { BridgeError, createClient, type Envelope } from '../../../preload/api';
import { saveSettings, wasCancelled } from '../../../renderer/src/features/settings/save-settings';

/** A client over a main whose settings are `held`, with main's refusal on settings.update. */
function mainWith(held: Settings) {
  const sent: string[] = [];
  const inputs: unknown[] = [];
  const latch = createClient({
    invoke: async (channel, input): Promise<Envelope> => {
      sent.push(channel);
      inputs.push(input);
      const patch = input as Partial<Settings>;
      if (channel === 'settings.update' && weakenedSettings(held, patch).length > 0)
        return { ok: false, error: { code: 'ERR_FORBIDDEN_SENDER', message: 'lowers protection' } };
      Object.assign(held, patch);
      return { ok: true, value: { ...held } };
    },
    subscribe: () => () => undefined,
  });
  return { latch, sent, inputs };
}

describe('saving a change the user made in Settings', () => {
  it('goes through settings.weaken when main holds a stronger value than the screen showed (a stale view)', async () => {
    // The screen still shows close to tray on; main already has it off (the user's previous click).
    const shown = { ...DEFAULT_SETTINGS, closeToTray: true };
    const { latch, sent } = mainWith({ ...DEFAULT_SETTINGS, closeToTray: false });
    expect(await saveSettings(latch, shown, { closeToTray: true })).toMatchObject({ closeToTray: true });
    expect(sent).toEqual(['settings.update', 'settings.weaken']);
  });

  it('a change that keeps protection is one settings.update; one the screen knows lowers it, one settings.weaken', async () => {
    const { latch, sent } = mainWith({ ...DEFAULT_SETTINGS });
    await saveSettings(latch, DEFAULT_SETTINGS, { clipboardClearSeconds: 5 });
    await saveSettings(latch, { ...DEFAULT_SETTINGS, clipboardClearSeconds: 5 }, { autoLockMinutes: 0 });
    expect(sent).toEqual(['settings.update', 'settings.weaken']);
  });

  it('changes that lower protection asked for in one press go as one settings.weaken, so main asks once', async () => {
    // A number box left by a click on a checkbox: the box is saved as it loses focus, the checkbox at the click.
    const { latch, sent, inputs } = mainWith({ ...DEFAULT_SETTINGS });
    const [box, checkbox] = await Promise.all([
      saveSettings(latch, DEFAULT_SETTINGS, { autoLockMinutes: 0 }),
      saveSettings(latch, DEFAULT_SETTINGS, { closeToTray: true }),
    ]);
    expect(sent).toEqual(['settings.weaken']);
    expect(inputs).toEqual([{ autoLockMinutes: 0, closeToTray: true }]);
    expect(box).toEqual(checkbox);
    expect(box).toMatchObject({ autoLockMinutes: 0, closeToTray: true });
  });

  it("a no to main's question is a cancel, not a failure to report", async () => {
    const latch = createClient({
      invoke: async (): Promise<Envelope> => ({
        ok: false,
        error: { code: 'ERR_CANCELLED', message: 'Not changed: you cancelled.' },
      }),
      subscribe: () => () => undefined,
    });
    const refused = await saveSettings(latch, DEFAULT_SETTINGS, { autoLockMinutes: 0 }).catch((e: unknown) => e);
    expect(wasCancelled(refused)).toBe(true);
  });

  it('another refusal is not retried', async () => {
    const latch = createClient({
      invoke: async (): Promise<Envelope> => ({ ok: false, error: { code: 'ERR_BAD_INPUT', message: 'no' } }),
      subscribe: () => () => undefined,
    });
    await expect(saveSettings(latch, DEFAULT_SETTINGS, { theme: 'dark' })).rejects.toBeInstanceOf(BridgeError);
  });
});
