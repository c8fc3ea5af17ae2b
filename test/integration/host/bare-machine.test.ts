/**
 * Every browser-host channel that touches the OS keychain or the clipboard, as the machine
 * really is: with peers (scripts/with-peers.mjs: a keyring and an Xvfb display) they work; on a
 * bare machine (the `bare` step of `npm test`: no D-Bus session, no DISPLAY) they answer a clear
 * ERR_KEYCHAIN_UNAVAILABLE / ERR_CLIPBOARD, the password-only path works, and the host lives on
 * (an unhandled rejection anywhere fails this file).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClipboard } from '../../../main/core/clipboard/system-clipboard';
import { NapiKeychain } from '../../../main/core/keychain/napi-keychain';
import { createHostApp, type HostApp } from '../../host/host-app';
import { connectBridge } from '../../support/ws-client';

const keychainReachable = await new NapiKeychain().available();
const display =
  Boolean(process.env.DISPLAY) && spawnSync('sh', ['-c', 'command -v xclip'], { stdio: 'ignore' }).status === 0;
const xclipOut = (selection: string) =>
  spawnSync('xclip', ['-selection', selection, '-out'], { encoding: 'utf8' }).stdout ?? '';
const SECRET = 'sk_live_bare_machine_51f0';
const PASSWORD = 'correct horse battery';

let host: HostApp;
let bridge: Awaited<ReturnType<typeof connectBridge>>;
let dir: string;
let n = 0;
/** A fresh vault path per test; vault.create takes it (vault.choose only opens a path that holds a vault). */
const freshPath = () => join(dir, `v${++n}.latch`);
const value = (e: { ok: boolean; value?: unknown; error?: unknown }) => {
  expect(e.error).toBeUndefined();
  return e.value as Record<string, unknown>;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-bare-host-'));
  host = await createHostApp({ dataDir: dir });
  bridge = await connectBridge(host.origin, host.token);
});
afterAll(async () => {
  bridge?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the browser host ${keychainReachable ? 'with' : 'without'} a keychain, ${display ? 'with' : 'without'} a display`, () => {
  it('app.about and vault.status say whether the keychain answers', async () => {
    const about = value(await bridge.call('app.about'));
    expect((about.keychain as { reachable: boolean }).reachable).toBe(keychainReachable);
    const status = value(await bridge.call('vault.status'));
    expect(status).toMatchObject({ state: 'absent', keychainReachable });
  });

  it('password-only: create, lock, lock and forget, unlock, all answer and the host lives on', async () => {
    const path = freshPath();
    const created = value(await bridge.call('vault.create', { password: PASSWORD, iterations: 100_000, path }));
    expect(created.status).toMatchObject({ state: 'unlocked', keychainReachable });
    expect(existsSync(path)).toBe(true);
    expect(value(await bridge.call('vault.lock', { forget: false }))).toMatchObject({ state: 'locked' });
    expect(value(await bridge.call('vault.unlock', { password: PASSWORD }))).toMatchObject({ state: 'unlocked' });
    expect(value(await bridge.call('vault.lock', { forget: true }))).toMatchObject({ state: 'locked' });
    // Quick unlock was never set up: asking for it is refused, not a crash.
    const quick = await bridge.call('vault.unlock', { useQuickUnlock: true });
    expect(quick.ok).toBe(false);
    expect(value(await bridge.call('app.ping', { echo: 'alive' }))).toEqual({ echo: 'alive' });
  });

  it.runIf(!keychainReachable)(
    'quick unlock and hardened mode: ERR_KEYCHAIN_UNAVAILABLE before anything is written',
    async () => {
      for (const input of [
        { password: PASSWORD, iterations: 100_000, quickUnlock: true },
        { password: PASSWORD, iterations: 100_000, mode: 'hardened' },
      ]) {
        const path = freshPath();
        const r = await bridge.call('vault.create', { ...input, path });
        expect(r.error?.code).toBe('ERR_KEYCHAIN_UNAVAILABLE');
        expect(r.error?.message).toMatch(/keychain is not reachable/);
        expect(existsSync(path)).toBe(false);
        // Nothing written, nothing remembered: the app still points at its earlier file.
        expect(value(await bridge.call('vault.status')).path).not.toBe(path);
      }
      // Turning quick unlock on later says the same, and the vault stays as it was.
      value(await bridge.call('vault.create', { password: PASSWORD, iterations: 100_000, path: freshPath() }));
      const arm = await bridge.call('vault.setQuickUnlock', { enabled: true });
      expect(arm.error?.code).toBe('ERR_KEYCHAIN_UNAVAILABLE');
      expect(value(await bridge.call('vault.status'))).toMatchObject({ state: 'unlocked', quickUnlock: 'off' });
      value(await bridge.call('vault.lock', { forget: true }));
    },
  );

  it.runIf(keychainReachable)('quick unlock: create armed, lock, unlock without the password', async () => {
    const created = value(
      await bridge.call('vault.create', {
        password: PASSWORD,
        iterations: 100_000,
        quickUnlock: true,
        path: freshPath(),
      }),
    );
    expect(created.status).toMatchObject({ quickUnlock: 'armed' });
    value(await bridge.call('vault.lock', { forget: false }));
    expect(value(await bridge.call('vault.unlock', { useQuickUnlock: true }))).toMatchObject({ state: 'unlocked' });
    value(await bridge.call('vault.lock', { forget: true }));
  });

  describe('the clipboard channels', () => {
    let serviceId: string;
    let credentialId: string;
    let codeId: string;
    beforeAll(async () => {
      value(await bridge.call('vault.create', { password: PASSWORD, iterations: 100_000, path: freshPath() }));
      serviceId = value(await bridge.call('services.create', { service: { name: 'Stripe' } })).id as string;
      credentialId = value(
        await bridge.call('credentials.add', {
          serviceId,
          kind: 'secret',
          name: 'live',
          fields: { name: 'STRIPE', value: SECRET },
        }),
      ).id as string;
      codeId = value(
        await bridge.call('credentials.add', {
          serviceId,
          kind: 'totp',
          name: '2FA',
          fields: { secret: 'JBSWY3DPEHPK3PXP' },
        }),
      ).id as string;
    });

    it.runIf(!display)('without a display: ERR_CLIPBOARD that says why, and the host lives on', async () => {
      for (const [channel, input] of [
        ['credentials.copy', { serviceId, credentialId }],
        ['quick.copy', { serviceId, credentialId }],
        ['totp.copy', { serviceId, credentialId: codeId }],
      ] as const) {
        const r = await bridge.call(channel, input);
        expect(r.ok).toBe(false);
        if (channel !== 'quick.copy') {
          expect(r.error?.code).toBe('ERR_CLIPBOARD');
          expect(r.error?.message).toMatch(/no display/);
        }
        expect(JSON.stringify(r)).not.toContain(SECRET);
      }
      // A recovery kit exists only for a hardened vault, which needs the keychain a bare machine lacks: the
      // kit's Copy answers that there is none to copy, and nothing reaches a clipboard.
      const kit = await bridge.call('vault.copyRecoveryKit', {});
      expect(kit.ok).toBe(false);
      expect(kit.error?.code).toBe('ERR_NOT_FOUND');
      expect(value(await bridge.call('vault.lock', { forget: false }))).toMatchObject({ state: 'locked' });
      expect(value(await bridge.call('app.ping', { echo: 'alive' }))).toEqual({ echo: 'alive' });
    });

    it.runIf(display)(
      'with a display: a copy fills the clipboard and the primary selection; lock clears both',
      async () => {
        value(await bridge.call('totp.copy', { serviceId, credentialId: codeId }));
        expect(xclipOut('clipboard')).toMatch(/^\d{6}$/);
        value(await bridge.call('credentials.copy', { serviceId, credentialId }));
        expect(xclipOut('clipboard')).toBe(SECRET);
        expect(xclipOut('primary')).toBe(SECRET);
        value(await bridge.call('vault.lock', { forget: false }));
        for (let i = 0; i < 40 && xclipOut('primary') !== ''; i++) await new Promise((r) => setTimeout(r, 50));
        expect(xclipOut('clipboard')).toBe('');
        expect(xclipOut('primary')).toBe('');
      },
    );

    it.runIf(display)(
      'lock clears only the selection that still holds the secret: what the user copied since stays',
      async () => {
        value(await bridge.call('vault.unlock', { password: PASSWORD }));
        value(await bridge.call('credentials.copy', { serviceId, credentialId }));
        // The user copies something else: the clipboard is theirs now, the primary selection still holds the secret.
        await new SystemClipboard('linux').writeSelection('clipboard', 'the user copied this');
        value(await bridge.call('vault.lock', { forget: false }));
        // The X server hands the selection to the clearing xclip asynchronously: wait for it,
        // as the test above does (a bare read right after the lock failed under load).
        for (let i = 0; i < 40 && xclipOut('primary') !== ''; i++) await new Promise((r) => setTimeout(r, 50));
        expect(xclipOut('primary')).toBe('');
        expect(xclipOut('clipboard')).toBe('the user copied this');
      },
    );
  });
});
