// Auto-lock drops the keys on time, whatever a writer is waiting on: a keychain prompt nobody answers, or any
// writer turn that never settles. The change that was waiting then fails cleanly, and the file is never
// half-written or lost.
import { describe, expect, it, vi } from 'vitest';
import { MemoryKeychain } from '../../../main/core/keychain/memory-keychain';
import { RENEWAL_TIMEOUT_MS } from '../../../main/core/oauth/http-options';
import { createVault, deviceKeyName, openVault, type SessionEvent, VaultSession } from '../../../main/core/vault';
import type { SaveStep } from '../../../main/core/vault/atomic-write';
import { DEFAULT_LOCK_WAIT_MS } from '../../../main/core/vault/session';
import { codeOf, PASSWORD, quickUnlockVault, TEST_ITERATIONS, tempVaultPath } from './helpers';

const NEW = 'a brand new master password';

/** A keychain whose every call, once `stall` names it, waits until answer(): a prompt the user never sees. */
class StallingKeychain extends MemoryKeychain {
  readonly stall = new Set<string>();
  readonly asked: string[] = [];
  #waiting: (() => void)[] = [];

  async #gate(call: string): Promise<void> {
    if (!this.stall.has(call)) return;
    this.asked.push(call);
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  answer(): void {
    this.stall.clear();
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
  override async available() {
    await this.#gate('available');
    return super.available();
  }
  override async get(name: string) {
    await this.#gate('get');
    return super.get(name);
  }
  override async set(name: string, secret: string) {
    await this.#gate('set');
    return super.set(name, secret);
  }
}

/** A session over a fresh vault with quick unlock and one saved record; its lock events. */
async function unlocked(o: { autoLockMs: number; lockWaitMs: number }) {
  const keychain = new StallingKeychain();
  const { path, vault } = await quickUnlockVault(keychain);
  vault.putRecord('saved', { name: 'saved' }, { secret: 'on disk before' });
  await vault.save();
  const session = new VaultSession(o);
  const events: SessionEvent[] = [];
  session.on((e) => events.push(e));
  await session.unlock(async () => vault);
  return { path, keychain, vault, session, events, since: Date.now() };
}

const lockedEvent = (events: SessionEvent[]) => events.find((e) => e.type === 'locked');

/** A new vault whose next write, once stallNext() is called, waits at the rename until release(). */
async function vaultStallingAtRename() {
  const path = tempVaultPath();
  let stalling = false;
  let atRename: () => void = () => {};
  let letGo: () => void = () => {};
  const { vault } = await createVault({
    path,
    password: PASSWORD,
    iterations: TEST_ITERATIONS,
    onSaveStep: async (step: SaveStep) => {
      if (step !== 'rename' || !stalling) return;
      atRename();
      await new Promise<void>((r) => (letGo = r));
    },
  });
  return {
    path,
    vault,
    /** Resolves when the write reaches the rename. */
    stallNext: () => {
      stalling = true;
      return new Promise<void>((r) => (atRename = r));
    },
    release: () => {
      stalling = false;
      letGo();
    },
  };
}

describe('auto-lock does not wait on a writer that waits on the user', () => {
  for (const call of ['available', 'set'] as const) {
    it(`a re-key waiting on the keychain (${call}) leaves the turn free: the auto-lock saves and locks on time`, async () => {
      const { path, keychain, vault, session, events, since } = await unlocked({
        autoLockMs: 200,
        lockWaitMs: 60_000,
      });
      const deviceKeyBefore = keychain.secrets.get(deviceKeyName(vault.id));
      keychain.stall.add(call);
      const rekey = vault.changePasswordAndRekey(PASSWORD, NEW, { backups: 'delete' });
      await vi.waitFor(() => expect(keychain.asked).toEqual([call]), { timeout: 10_000 });
      vault.putRecord('typed', { name: 'typed' }, { secret: 'made while the prompt was up' });
      // Without a keychain answer, ever: the lock must not need one.
      await vi.waitFor(() => expect(session.state).toBe('locked'), { timeout: 10_000 });
      expect(Date.now() - since).toBeLessThan(10_000);
      expect(lockedEvent(events)).toEqual({
        type: 'locked',
        reason: 'auto',
        lostUnsavedChanges: false,
        lostRecords: [],
      });
      expect(vault.isLocked).toBe(true);

      keychain.answer();
      const error = await rekey.catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'ERR_VAULT_LOCKED',
        message: expect.stringContaining('nothing was changed'),
      });
      // The old password and the old device key still open it, with the change the lock saved.
      const reopened = await openVault({ path, password: PASSWORD });
      expect(await reopened.readRecord('typed')).toEqual({ secret: 'made while the prompt was up' });
      expect(keychain.secrets.get(deviceKeyName(vault.id))).toEqual(deviceKeyBefore);
      const quick = await openVault({ path, useQuickUnlock: true, keychain });
      expect(await quick.readRecord('saved')).toEqual({ secret: 'on disk before' });
      expect(vault.isLocked).toBe(true);
    });
  }

  it('a writer turn that never settles: the auto-lock locks after lockWaitMs, names what it dropped, writes nothing', async () => {
    const { path, vault, session, events } = await unlocked({ autoLockMs: 100, lockWaitMs: 300 });
    let endTurn = () => {};
    const stuck = vault.writerTurn(() => new Promise<void>((resolve) => (endTurn = resolve)));
    vault.putRecord('typed', { name: 'typed' }, { secret: 'not saved' });
    await vi.waitFor(() => expect(session.state).toBe('locked'), { timeout: 10_000 });
    expect(lockedEvent(events)).toMatchObject({
      reason: 'auto',
      lostUnsavedChanges: true,
      lostRecords: [{ id: 'typed' }],
      saveError: 'ERR_TIMEOUT',
    });
    expect(vault.isLocked).toBe(true);
    // The turn ends at last: the lock's save, waiting behind it, finds the vault locked and writes nothing.
    endTurn();
    await stuck;
    await new Promise((r) => setTimeout(r, 50));
    expect(vault.isLocked).toBe(true);
    const reopened = await openVault({ path, password: PASSWORD });
    expect([...reopened.entries().keys()]).toEqual(['saved']);
    expect(await reopened.readRecord('saved')).toEqual({ secret: 'on disk before' });
  });

  it('given up on while its own save is at the rename: locks on time, and says nothing was lost once the write lands', async () => {
    const { path, vault, stallNext, release } = await vaultStallingAtRename();
    vault.putRecord('saved', { name: 'saved' }, { secret: 'on disk before' });
    await vault.save();
    const session = new VaultSession({ autoLockMs: 100, lockWaitMs: 300 });
    const events: SessionEvent[] = [];
    session.on((e) => events.push(e));
    await session.unlock(async () => vault);
    const reachedRename = stallNext();
    vault.putRecord('typed', { name: 'typed' }, { secret: 'written by the lock' });
    const since = Date.now();
    await reachedRename;
    // The keys go on time, the write still held at the rename.
    await vi.waitFor(() => expect(session.state).toBe('locked'), { timeout: 10_000 });
    expect(Date.now() - since).toBeLessThan(5_000);
    expect(vault.isLocked).toBe(true);
    expect(lockedEvent(events)).toBeUndefined();

    release();
    await vi.waitFor(() => expect(lockedEvent(events)).toBeDefined(), { timeout: 10_000 });
    expect(lockedEvent(events)).toEqual({ type: 'locked', reason: 'auto', lostUnsavedChanges: false, lostRecords: [] });
    const reopened = await openVault({ path, password: PASSWORD });
    expect(await reopened.readRecord('typed')).toEqual({ secret: 'written by the lock' });
    expect(await reopened.readRecord('saved')).toEqual({ secret: 'on disk before' });
  });

  it('a lock while a re-key writes the file: the file is written whole under the new password, no key comes back', async () => {
    const { path, vault, stallNext, release } = await vaultStallingAtRename();
    vault.putRecord('saved', { name: 'saved' }, { secret: 'kept' });
    await vault.save();
    const reachedRename = stallNext();
    const rekey = vault.changePasswordAndRekey(PASSWORD, NEW, { backups: 'delete' });
    await reachedRename;
    vault.lock();
    release();
    expect(await codeOf(rekey)).toBe('resolved');
    expect(vault.isLocked).toBe(true);
    expect(await codeOf(vault.readRecord('saved'))).toBe('ERR_VAULT_LOCKED');
    const reopened = await openVault({ path, password: NEW });
    expect(await reopened.readRecord('saved')).toEqual({ secret: 'kept' });
  });
});

describe('how long an automatic lock waits', () => {
  it('longer than a token renewal may take, so a refresh on the wire still saves its rotated token first', () => {
    expect(DEFAULT_LOCK_WAIT_MS).toBeGreaterThan(RENEWAL_TIMEOUT_MS);
    expect(DEFAULT_LOCK_WAIT_MS).toBeLessThan(60_000);
  });
});
