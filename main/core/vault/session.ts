import { type ErrorCode, isLatchError, LatchError } from '../model/errors';
import type { Clock } from '../platform';
import { systemClock } from '../platform';
import type { OpenVault, UnsavedRecord } from './open-vault';

/** The timer the session schedules auto-lock with; injected so tests drive time by hand. */
export interface SessionTimer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimer: SessionTimer = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending auto-lock must not keep a command-line process alive.
    (t as { unref?: () => void }).unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type LockReason = 'manual' | 'auto' | 'closed';

export type SessionEvent =
  | { type: 'unlocked'; vaultId: string }
  | {
      type: 'locked';
      reason: LockReason;
      /** Auto-lock tried to save pending changes and could not: they were dropped with the keys. */
      lostUnsavedChanges: boolean;
      /** What was dropped, when something was (empty otherwise), so the app can name it. */
      lostRecords: UnsavedRecord[];
      saveError?: ErrorCode;
    }
  | { type: 'unlock-failed'; code: ErrorCode; failures: number; nextDelayMs: number };

export interface SessionOptions {
  /** Inactivity before auto-lock; 0 turns it off. Default 10 minutes. */
  autoLockMs?: number;
  clock?: Clock;
  timer?: SessionTimer;
  /** Longest delay between wrong-password attempts (default 30 s). */
  maxDelayMs?: number;
  /** How long an automatic lock waits for the work before it (lock hooks, the save) before it locks anyway. */
  lockWaitMs?: number;
}

export const DEFAULT_AUTO_LOCK_MS = 10 * 60_000;

/**
 * Longer than a token renewal on the wire may take (RENEWAL_TIMEOUT_MS, 30 s: a lock hook lets it save its
 * rotated refresh token) and a save (milliseconds); far shorter than an auto-lock period. Past it, what holds
 * the lock up waits on something that may never answer (a keychain prompt nobody sees), and the keys go without it.
 */
export const DEFAULT_LOCK_WAIT_MS = 45_000;

/**
 * Locked/unlocked state around one vault: auto-lock after inactivity (touch() on activity),
 * a growing delay after wrong passwords (0, 1 s, 2 s, 4 s … capped), and change events.
 */
export class VaultSession {
  private vault: OpenVault | null = null;
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  private readonly lockHooks = new Set<() => Promise<void>>();
  private readonly clock: Clock;
  private readonly timer: SessionTimer;
  private autoLockMs: number;
  private readonly maxDelayMs: number;
  private readonly lockWaitMs: number;
  private lastActivity = 0;
  private handle: unknown = null;
  private failures = 0;
  private notBefore = 0;

  constructor(options: SessionOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.timer = options.timer ?? systemTimer;
    this.autoLockMs = options.autoLockMs ?? DEFAULT_AUTO_LOCK_MS;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  }

  get state(): 'locked' | 'unlocked' {
    return this.vault === null ? 'locked' : 'unlocked';
  }

  /** The unlocked vault; null when locked. */
  get current(): OpenVault | null {
    return this.vault;
  }

  /** Subscribes; returns the function that unsubscribes (safe to call twice, or from inside a listener). */
  on(listener: (e: SessionEvent) => void): () => void {
    const wrapped = (e: SessionEvent) => listener(e);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  /**
   * Work that must finish while the vault is still open, awaited at the start of every lock
   * (manual or auto), e.g. saving a refresh token that was rotated in flight. Returns the
   * function that removes the hook.
   */
  beforeLock(hook: () => Promise<void>): () => void {
    this.lockHooks.add(hook);
    return () => {
      this.lockHooks.delete(hook);
    };
  }

  private emit(e: SessionEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // One failing listener must not stop the lock from being reported to the others.
      }
    }
  }

  /** The wait before the next unlock attempt is accepted, after `failures` wrong passwords in a row. */
  delayAfter(failures: number): number {
    if (failures <= 0) return 0;
    return Math.min(this.maxDelayMs, 1000 * 2 ** (failures - 1));
  }

  /** Milliseconds until another attempt is accepted (0: now). */
  retryAfterMs(): number {
    return Math.max(0, this.notBefore - this.clock.now());
  }

  /**
   * Runs an unlock attempt (openVault with the user's input), waiting out the delay earned by
   * earlier wrong passwords first. The error of a wrong password is passed through unchanged.
   */
  async unlock(attempt: () => Promise<OpenVault>): Promise<OpenVault> {
    // Unlocking an unlocked vault is a no-op: opening a second copy would drop the first
    // one's pending changes and leave every caller holding a locked vault.
    if (this.vault !== null) return this.vault;
    const vault = await this.delayed(attempt);
    if (this.vault !== null) {
      // Two unlocks raced: keep the one that won, close the other copy.
      if (this.vault !== vault) vault.lock();
      return this.vault;
    }
    this.vault = vault;
    this.touch();
    this.emit({ type: 'unlocked', vaultId: vault.id });
    return vault;
  }

  /**
   * Asks for the master password again before something that hands secrets out (an export):
   * checked against the open vault, under the same growing delay as unlock, so the check
   * cannot be used to guess the password quickly.
   */
  async confirmPassword(password: string): Promise<OpenVault> {
    const vault = this.vault;
    if (vault === null) throw new LatchError('ERR_VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    await this.delayed(() => vault.verifyPassword(password));
    this.touch();
    return vault;
  }

  /** Runs one password attempt after the delay earned so far; a wrong password earns a longer one. */
  private async delayed<T>(attempt: () => Promise<T>): Promise<T> {
    const wait = this.retryAfterMs();
    if (wait > 0) await new Promise<void>((r) => this.timer.setTimeout(r, wait));
    try {
      const result = await attempt();
      this.failures = 0;
      this.notBefore = 0;
      return result;
    } catch (e) {
      if (isLatchError(e) && e.code === 'ERR_WRONG_PASSWORD') {
        this.failures++;
        const delay = this.delayAfter(this.failures);
        this.notBefore = this.clock.now() + delay;
        this.emit({ type: 'unlock-failed', code: e.code, failures: this.failures, nextDelayMs: delay });
      } else if (isLatchError(e)) {
        this.emit({ type: 'unlock-failed', code: e.code, failures: this.failures, nextDelayMs: this.retryAfterMs() });
      }
      throw e;
    }
  }

  /** Records activity: the auto-lock countdown starts again. Cheap enough to call on every request. */
  touch(): void {
    this.lastActivity = this.clock.now();
    if (this.vault !== null && this.handle === null) this.schedule(this.autoLockMs);
  }

  setAutoLockMs(ms: number): void {
    this.autoLockMs = ms;
    this.cancel();
    if (this.vault !== null) this.schedule(ms);
  }

  private schedule(ms: number): void {
    if (this.autoLockMs <= 0) return;
    this.handle = this.timer.setTimeout(() => {
      this.handle = null;
      // An auto-lock locks even when its save fails; nothing left to report from a timer.
      this.tick().catch(() => undefined);
    }, ms);
  }

  private cancel(): void {
    if (this.handle !== null) this.timer.clearTimeout(this.handle);
    this.handle = null;
  }

  private async tick(): Promise<void> {
    if (this.vault === null || this.autoLockMs <= 0) return;
    // One timer, re-armed for the remainder: touch() never has to clear and re-create it.
    const idle = this.clock.now() - this.lastActivity;
    if (idle < this.autoLockMs) {
      this.schedule(this.autoLockMs - idle);
      return;
    }
    await this.lock('auto');
  }

  /**
   * Locks: pending changes are saved first. A manual lock whose save fails stays unlocked and
   * throws (nothing is lost; the app offers reload, keep mine or discard). An auto-lock cannot
   * wait for the user: when another program changed the file it reloads and re-applies this
   * session's changes (per record) and saves once more; only if that fails too does it lock
   * anyway, saying loudly (lostUnsavedChanges) that it dropped them. Nor can it wait forever: when the hooks
   * and the save have not settled within lockWaitMs (a writer turn held across a keychain prompt, a hook on a
   * network that hangs), it locks anyway with saveError ERR_TIMEOUT, and the save still waiting for its turn
   * then fails, writing nothing (OpenVault.lock). A save already writing the file then goes on and finishes or
   * fails whole: the lock drops the keys on time, and reports (its event) once that write has settled, what it
   * left out as lost. `discard` is the user's explicit choice to drop unsaved changes.
   */
  async lock(reason: LockReason = 'manual', options: { discard?: boolean } = {}): Promise<void> {
    const vault = this.vault;
    if (vault === null) return;
    const before = this.beforeLocking(vault, reason, options);
    let saveError = reason === 'manual' ? await before : await this.atMost(before, this.lockWaitMs);
    if (this.vault !== vault) return;
    this.cancel();
    this.vault = null;
    let lost = vault.isDirty && options.discard !== true;
    let lostRecords = lost ? vault.unsavedRecords() : [];
    // Given up on while its save was writing the file: that write goes on after the keys go (OpenVault.lock), so
    // what it holds is not lost unless it fails. The keys go now; the report waits for the write, bounded by the disk.
    const writing = saveError === 'ERR_TIMEOUT' && lost ? vault.writingSave() : null;
    const after = writing ? vault.unsavedRecords(writing.upTo) : [];
    vault.lock();
    if (writing) {
      const failed = await writing.done.then(
        () => undefined,
        (e: unknown) => (isLatchError(e) ? e.code : 'ERR_SAVE_FAILED'),
      );
      if (failed === undefined) {
        lostRecords = after;
        lost = after.length > 0;
        if (!lost) saveError = undefined;
      } else saveError = failed;
    }
    this.emit(
      saveError === undefined
        ? { type: 'locked', reason, lostUnsavedChanges: lost, lostRecords }
        : { type: 'locked', reason, lostUnsavedChanges: lost, lostRecords, saveError },
    );
  }

  /** The hooks, then the save of pending changes: the error code when an automatic lock could not save them. */
  private async beforeLocking(
    vault: OpenVault,
    reason: LockReason,
    options: { discard?: boolean },
  ): Promise<ErrorCode | undefined> {
    for (const hook of [...this.lockHooks]) await hook().catch(() => undefined);
    if (!vault.isDirty || options.discard === true) return undefined;
    try {
      await vault.save();
      return undefined;
    } catch (e) {
      if (reason === 'manual') throw e;
      return this.mergeAndSave(vault, e);
    }
  }

  /** What `work` settles with, or ERR_TIMEOUT when it has not within ms (it goes on; its end is ignored). */
  private async atMost(work: Promise<ErrorCode | undefined>, ms: number): Promise<ErrorCode | undefined> {
    let handle: unknown = null;
    const late = new Promise<ErrorCode>((resolve) => {
      handle = this.timer.setTimeout(() => resolve('ERR_TIMEOUT'), ms);
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      this.timer.clearTimeout(handle);
    }
  }

  /** After a failed save on auto-lock: the error code if the changes still could not be written. */
  private async mergeAndSave(vault: OpenVault, first: unknown): Promise<ErrorCode | undefined> {
    if (!isLatchError(first) || first.code !== 'ERR_VAULT_CHANGED_ON_DISK') {
      return isLatchError(first) ? first.code : 'ERR_SAVE_FAILED';
    }
    try {
      await vault.writerTurn(async () => {
        await vault.reload();
        await vault.save();
      });
      return undefined;
    } catch (e) {
      return isLatchError(e) ? e.code : 'ERR_SAVE_FAILED';
    }
  }
}
