/**
 * What counts as the user's activity for auto-lock. A script in the renderer may call any channel that needs
 * no gesture as often as it likes: had those calls (a poll of the service list) counted, it could keep the vault
 * from ever locking itself. Only a gesture channel (the preload serves it for a press of the user's own) counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../../preload/contract';
import { composeForTest } from './test-services';

const ctx = { transport: 'browser-host' as const };
const PASSWORD = 'correct horse battery staple 42';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('auto-lock activity', () => {
  it('reads and other calls a script may make at will do not count; a gesture channel does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-activity-'));
    dirs.push(dir);
    const { dispatch, services } = composeForTest({ dataDir: dir });
    const created = await dispatch('vault.create', { password: PASSWORD, iterations: 100_000 }, ctx);
    expect(created.ok).toBe(true);
    const touch = vi.spyOn(services.vault.session, 'touch');
    try {
      for (const channel of ['services.list', 'vault.status', 'settings.get', 'totp.list'] as const) {
        expect(channels[channel].gesture, channel).toBe(false);
        const reply = await dispatch(channel, {}, ctx);
        expect(reply.ok, channel).toBe(true);
      }
      expect(touch).not.toHaveBeenCalled();

      expect(channels['vault.touch'].gesture).toBe(true);
      expect(await dispatch('vault.touch', {}, ctx)).toEqual({ ok: true, value: { ok: true } });
      expect(touch).toHaveBeenCalled();
    } finally {
      touch.mockRestore();
      await dispatch('vault.lock', {}, ctx);
    }
  });
});
