import { describe, expect, it } from 'vitest';
import { createVault, VaultSession } from '../../../main/core/vault';
import { PASSWORD, TEST_ITERATIONS, tempVaultPath } from './helpers';

describe('VaultSession.beforeLock', () => {
  it('awaits every hook while the vault is still open, on manual and auto lock; a failing hook does not block', async () => {
    const session = new VaultSession({ autoLockMs: 0 });
    const seen: string[] = [];
    session.beforeLock(async () => {
      await new Promise((r) => setTimeout(r, 30));
      // A refresh on the wire saving its rotated token: the vault must still be there.
      seen.push(session.current === null ? 'locked' : 'open');
    });
    const off = session.beforeLock(async () => {
      throw new Error('hook failed');
    });
    session.on((e) => {
      if (e.type === 'locked') seen.push('locked-event');
    });
    await session.unlock(
      async () => (await createVault({ path: tempVaultPath(), password: PASSWORD, iterations: TEST_ITERATIONS })).vault,
    );
    await session.lock('manual');
    expect(seen).toEqual(['open', 'locked-event']);
    expect(session.state).toBe('locked');
    off();
    // Locking a locked session runs no hook.
    await session.lock('manual');
    expect(seen).toEqual(['open', 'locked-event']);
  });
});
