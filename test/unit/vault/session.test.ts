import { describe, expect, it, vi } from 'vitest';
import { LatchError } from '../../../main/core/model/errors';
import {
  createVault,
  type OpenVault,
  type SessionEvent,
  type SessionTimer,
  VaultSession,
} from '../../../main/core/vault';
import { PASSWORD, TEST_ITERATIONS, tempVaultPath } from './helpers';

/** A clock and timer moved by hand. */
function manualTime() {
  let now = 1_000_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timer: SessionTimer = {
    setTimeout(fn, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
  };
  return {
    clock: { now: () => now },
    timer,
    pending: () => timers.size,
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

async function freshVault(): Promise<OpenVault> {
  const { vault } = await createVault({ path: tempVaultPath(), password: PASSWORD, iterations: TEST_ITERATIONS });
  return vault;
}

describe('VaultSession', () => {
  it('auto-locks after the inactivity period (default 10 minutes); touch() postpones it', async () => {
    const t = manualTime();
    const session = new VaultSession({ clock: t.clock, timer: t.timer });
    const events: SessionEvent[] = [];
    session.on((e) => events.push(e));
    const vault = await session.unlock(freshVault);
    expect(session.state).toBe('unlocked');
    await t.advance(9 * 60_000);
    session.touch();
    await t.advance(9 * 60_000);
    expect(session.state).toBe('unlocked');
    await t.advance(60_000 + 1);
    expect(session.state).toBe('locked');
    expect(vault.isLocked).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['unlocked', 'locked']);
    expect(events[1]).toMatchObject({ reason: 'auto', lostUnsavedChanges: false });
    expect(() => vault.entries()).toThrow(expect.objectContaining({ code: 'ERR_VAULT_LOCKED' }));
  });

  it('saves pending changes before locking; the auto-lock period is configurable; 0 turns it off', async () => {
    const t = manualTime();
    const session = new VaultSession({ clock: t.clock, timer: t.timer, autoLockMs: 1000 });
    const vault = await session.unlock(freshVault);
    vault.putRecord('a', null, 1);
    await t.advance(1001);
    await vi.waitFor(() => expect(session.state).toBe('locked'));
    expect(vault.isDirty).toBe(false);

    session.setAutoLockMs(0);
    await session.unlock(freshVault);
    await t.advance(24 * 3600_000);
    expect(session.state).toBe('unlocked');
    await session.lock();
    expect(session.state).toBe('locked');
  });

  it('slows wrong passwords down: 0, 1 s, 2 s, 4 s … capped; success resets', async () => {
    const t = manualTime();
    const session = new VaultSession({ clock: t.clock, timer: t.timer, maxDelayMs: 8000 });
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => session.delayAfter(n))).toEqual([0, 1000, 2000, 4000, 8000, 8000, 8000]);
    const wrong = async (): Promise<OpenVault> => {
      throw new LatchError('ERR_WRONG_PASSWORD', 'Wrong password.');
    };
    const failures: SessionEvent[] = [];
    session.on((e) => failures.push(e));
    await expect(session.unlock(wrong)).rejects.toMatchObject({
      code: 'ERR_WRONG_PASSWORD',
      message: 'Wrong password.',
    });
    expect(session.retryAfterMs()).toBe(1000);
    const second = session.unlock(wrong);
    second.catch(() => undefined);
    await t.advance(1000);
    await expect(second).rejects.toMatchObject({ code: 'ERR_WRONG_PASSWORD' });
    // The second attempt waited its second before failing.
    expect(session.retryAfterMs()).toBe(2000);
    expect(failures.map((e) => e.type === 'unlock-failed' && e.nextDelayMs)).toEqual([1000, 2000]);

    let attempted = false;
    const third = session.unlock(async () => {
      attempted = true;
      return freshVault();
    });
    await new Promise((r) => setImmediate(r));
    expect(attempted).toBe(false);
    await t.advance(2000);
    await third;
    expect(attempted).toBe(true);
    expect(session.retryAfterMs()).toBe(0);
  }, 20_000);

  it('unlocking an unlocked vault is a no-op: the open vault, its pending changes and its key stay', async () => {
    const session = new VaultSession();
    const first = await session.unlock(freshVault);
    first.putRecord('r1', { kind: 'note' }, { text: 'pending' });
    let attempted = false;
    const again = await session.unlock(async () => {
      attempted = true;
      return freshVault();
    });
    expect(again).toBe(first);
    expect(attempted).toBe(false);
    expect(first.isLocked).toBe(false);
    expect(first.isDirty).toBe(true);
    expect(session.current).toBe(first);
    await session.lock('manual');
  });

  it('confirmPassword checks the master password of the open vault under the wrong-password delay', async () => {
    const t = manualTime();
    const session = new VaultSession({ clock: t.clock, timer: t.timer });
    await expect(session.confirmPassword(PASSWORD)).rejects.toMatchObject({ code: 'ERR_VAULT_LOCKED' });
    const vault = await session.unlock(freshVault);
    expect(await session.confirmPassword(PASSWORD)).toBe(vault);
    await expect(session.confirmPassword('not the password')).rejects.toMatchObject({ code: 'ERR_WRONG_PASSWORD' });
    expect(session.retryAfterMs()).toBe(1000);
    let settled = false;
    const next = session.confirmPassword(PASSWORD).finally(() => {
      settled = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    await t.advance(1000);
    expect(await next).toBe(vault);
    expect(session.retryAfterMs()).toBe(0);
    await session.lock('manual');
  }, 20_000);

  it('listeners unsubscribe with the function on() returns, even from inside a listener', async () => {
    const t = manualTime();
    const session = new VaultSession({ clock: t.clock, timer: t.timer });
    const seen: string[] = [];
    const off1 = session.on((e) => {
      seen.push(`1:${e.type}`);
      off1();
    });
    const off2 = session.on((e) => seen.push(`2:${e.type}`));
    await session.unlock(freshVault);
    await session.lock();
    off2();
    off2();
    await session.unlock(freshVault);
    expect(seen).toEqual(['1:unlocked', '2:unlocked', '2:locked']);
  });
});
