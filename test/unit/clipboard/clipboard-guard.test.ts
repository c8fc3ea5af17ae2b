import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClipboardGuard, type GuardTimer } from '../../../main/core/clipboard/clipboard-guard';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import { appForTest, createTestVault } from '../../support/app-for-test';

/** A fake clock for the guard's timer: nothing fires until advance() passes its due time. */
class FakeTimer implements GuardTimer {
  now = 0;
  #next = 1;
  readonly #due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#due.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    this.now += ms;
    for (const [id, t] of [...this.#due]) {
      if (t.at > this.now) continue;
      this.#due.delete(id);
      t.fn();
    }
    // Let the guard's async check (read, compare, clear) finish.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
  get pending(): number {
    return this.#due.size;
  }
}

describe('ClipboardGuard (fake clock)', () => {
  it('clears after the set time, not before', async () => {
    const clipboard = new MemoryClipboard();
    const timer = new FakeTimer();
    const guard = new ClipboardGuard(clipboard, timer);
    const checks: boolean[] = [];
    guard.onChecked((e) => checks.push(e.cleared));
    await guard.copy('s3cret', 30);
    expect(clipboard.text).toBe('s3cret');
    expect(guard.holdsSecret).toBe(true);
    await timer.advance(29_999);
    expect(clipboard.text).toBe('s3cret');
    await timer.advance(1);
    expect(clipboard.text).toBe('');
    expect(guard.holdsSecret).toBe(false);
    expect(checks).toEqual([true]);
  });

  it('a lock or quit during a copy still being written clears it (found by the shell harness)', async () => {
    // The text lands at once (Electron's clipboard), the write finishes later (xclip for the
    // X primary selection): a clear asked for in between must not miss it.
    let finish!: () => void;
    const clipboard = new MemoryClipboard();
    clipboard.writeText = async (text: string) => {
      clipboard.text = text;
      await new Promise<void>((r) => {
        finish = r;
      });
    };
    const guard = new ClipboardGuard(clipboard, new FakeTimer());
    const copying = guard.copy('s3cret', 30);
    expect(clipboard.text).toBe('s3cret');
    expect(guard.holdsSecret).toBe(true);
    const clearing = guard.clearIfOurs();
    finish();
    await copying;
    expect(await clearing).toBe(true);
    expect(clipboard.text).toBe('');
    expect(guard.holdsSecret).toBe(false);
  });

  it('leaves alone what the user copied since', async () => {
    const clipboard = new MemoryClipboard();
    const timer = new FakeTimer();
    const guard = new ClipboardGuard(clipboard, timer);
    const checks: boolean[] = [];
    guard.onChecked((e) => checks.push(e.cleared));
    await guard.copy('s3cret', 10);
    clipboard.text = 'my own note';
    await timer.advance(10_000);
    expect(clipboard.text).toBe('my own note');
    expect(checks).toEqual([false]);
  });

  it('a second copy replaces the first timer: only the newer deadline counts', async () => {
    const clipboard = new MemoryClipboard();
    const timer = new FakeTimer();
    const guard = new ClipboardGuard(clipboard, timer);
    await guard.copy('first', 10);
    await timer.advance(8_000);
    await guard.copy('second', 10);
    expect(timer.pending).toBe(1);
    await timer.advance(5_000);
    expect(clipboard.text).toBe('second');
    await timer.advance(5_000);
    expect(clipboard.text).toBe('');
  });

  it('clearIfOurs (lock, quit) clears at once and cancels the timer; with nothing copied it does nothing', async () => {
    const clipboard = new MemoryClipboard();
    const timer = new FakeTimer();
    const guard = new ClipboardGuard(clipboard, timer);
    expect(await guard.clearIfOurs()).toBe(false);
    clipboard.text = 'unrelated';
    expect(await guard.clearIfOurs()).toBe(false);
    expect(clipboard.text).toBe('unrelated');
    await guard.copy('s3cret', 60);
    expect(await guard.clearIfOurs()).toBe(true);
    expect(clipboard.text).toBe('');
    expect(timer.pending).toBe(0);
  });
});

describe('ClipboardGuard and the X11 primary selection', () => {
  it('clears each selection that still holds the secret, and only those', async () => {
    const clipboard = new MemoryClipboard({ primary: true });
    const guard = new ClipboardGuard(clipboard, new FakeTimer());
    await guard.copy('s3cret', 30);
    expect(await clipboard.readText('primary')).toBe('s3cret');
    // The user copied something since: the clipboard is theirs, the primary selection still holds the secret.
    clipboard.text = 'my own note';
    expect(await guard.clearIfOurs()).toBe(true);
    expect(clipboard.text).toBe('my own note');
    expect(await clipboard.readText('primary')).toBe('');

    await guard.copy('s3cret', 30);
    // The user selected some text since: the other way round.
    clipboard.put('primary', 'selected text');
    expect(await guard.clearIfOurs()).toBe(true);
    expect(clipboard.text).toBe('');
    expect(await clipboard.readText('primary')).toBe('selected text');
  });

  it('never rejects when a selection cannot be read or cleared (the display went away)', async () => {
    const clipboard = new MemoryClipboard({ primary: true });
    const guard = new ClipboardGuard(clipboard, new FakeTimer());
    await guard.copy('s3cret', 30);
    clipboard.readText = async (s) => {
      if (s === 'primary') throw new Error('no display');
      return 's3cret';
    };
    clipboard.clear = async () => {
      throw new Error('no display');
    };
    await expect(guard.clearIfOurs()).resolves.toBe(false);
  });
});

describe('clipboard on lock (VaultService) and quick copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latch-guard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quick copy puts the primary secret on the clipboard, notes it as recent, and locking clears it', async () => {
    const clipboard = new MemoryClipboard();
    const app = appForTest(dir, { clipboard });
    await createTestVault(app);
    const serviceId = await app.credentials.createService({ name: 'Stripe' });
    const credentialId = await app.credentials.addCredential(serviceId, {
      kind: 'basic',
      name: 'admin',
      fields: { username: 'root', password: 'pw-123' },
    });

    expect(await app.copier.quickCopy(serviceId, credentialId, 'primary')).toEqual({
      clearsInSeconds: 30,
      label: 'Secret',
    });
    expect(clipboard.text).toBe('pw-123');
    expect(app.quickAccess.recent).toEqual([{ serviceId, credentialId }]);
    expect(await app.copier.quickCopy(serviceId, credentialId, 'username')).toMatchObject({ label: 'Username' });
    expect(clipboard.text).toBe('root');
    // The "copied" message names what an AWS key's non-secret half is.
    const awsId = await app.credentials.addCredential(serviceId, {
      kind: 'aws-sigv4',
      name: 'deploy',
      fields: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalr/K7MDENG',
        region: 'eu-west-1',
        service: 's3',
      },
    });
    expect(await app.copier.quickCopy(serviceId, awsId, 'username')).toMatchObject({ label: 'Access key ID' });
    expect(clipboard.text).toBe('AKIAIOSFODNN7EXAMPLE');
    await app.copier.quickCopy(serviceId, credentialId, 'env');
    expect(clipboard.text).toBe('STRIPE_ADMIN=pw-123');
    await app.copier.quickCopy(serviceId, credentialId, 'reference');
    expect(clipboard.text).toBe('latch://Stripe/admin');
    await app.copier.quickCopy(serviceId, credentialId, 'primary');

    await app.vault.lock(false);
    await expect.poll(() => clipboard.text).toBe('');
    await expect(app.copier.quickCopy(serviceId, credentialId, 'primary')).rejects.toMatchObject({
      code: 'ERR_VAULT_LOCKED',
    });
  });
});
