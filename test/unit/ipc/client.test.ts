import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeError, createClient } from '../../../preload/api';
import { channels } from '../../../preload/contract';
import { composeForTest } from './test-services';

describe('the typed client built from the contract', () => {
  it('calls through a transport and throws BridgeError with the code', async () => {
    const { dispatch, events } = composeForTest();
    const latch = createClient({
      invoke: (channel, input) => dispatch(channel, input, { transport: 'browser-host' }),
      subscribe: (event, listener) => events.subscribe((name, payload) => name === event && listener(payload)),
    });
    expect(await latch.app.ping({ echo: 'x' })).toEqual({ echo: 'x' });
    const error = await latch.settings.update({ clipboardClearSeconds: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('ERR_BAD_INPUT');

    const seen: string[] = [];
    const off = latch.settings.onChanged((s) => seen.push(s.theme));
    await latch.settings.update({ theme: 'dark' });
    off();
    await latch.settings.update({ theme: 'light' });
    expect(seen).toEqual(['dark']);
  });

  describe('channels that need a user gesture', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('are the ones that export, open a page, reveal, copy or send a secret, widen where one may go, weaken the vault, lose what it holds, or keep it from locking', () => {
      const gated = Object.entries(channels)
        .filter(([, spec]) => spec.gesture)
        .map(([name]) => name)
        .sort();
      expect(gated).toEqual([
        'app.openLink',
        'audit.run',
        'credentials.copy',
        'credentials.delete',
        'credentials.forgetHost',
        'credentials.reveal',
        'credentials.rotate',
        'credentials.update',
        'io.exportBackup',
        'io.exportPlaintext',
        'jwt.sign',
        'oauth.signIn',
        'quick.copy',
        'requests.approveHost',
        'requests.copyAsWithSecrets',
        'requests.send',
        'services.delete',
        'services.update',
        'settings.weaken',
        'totp.copy',
        'totp.nextHotp',
        'totp.showQr',
        'totp.useBackupCode',
        'vault.changePassword',
        'vault.choose',
        'vault.copyRecoveryKit',
        'vault.create',
        'vault.resolveSaveFailure',
        'vault.restoreBackup',
        'vault.setQuickUnlock',
        'vault.touch',
      ]);
    });

    it('are refused before they reach main when the frame has no user activation', async () => {
      const sent: string[] = [];
      const latch = createClient({
        invoke: async (channel) => {
          sent.push(channel);
          return { ok: true, value: { ok: true } };
        },
        subscribe: () => () => undefined,
      });
      const activation = { isActive: false };
      vi.stubGlobal('navigator', { userActivation: activation });
      const refused = await latch.app.openLink({ target: 'docs', page: 'readme' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(BridgeError);
      expect((refused as BridgeError).code).toBe('ERR_FORBIDDEN_SENDER');
      await latch.app.ping({ echo: 'no gesture needed' });
      expect(sent).toEqual(['app.ping']);
      activation.isActive = true;
      await latch.app.openLink({ target: 'docs', page: 'readme' });
      expect(sent).toEqual(['app.ping', 'app.openLink']);
    });

    it('are served once per click or key press: the seconds of activation after one click are not a loop', async () => {
      // The window's input listeners, as the preload registers them; `fire` stands for the browser.
      const inputs = new Map<string, ((e: { isTrusted: boolean }) => void)[]>();
      vi.stubGlobal('addEventListener', (type: string, fn: (e: { isTrusted: boolean }) => void, capture: boolean) => {
        expect(capture).toBe(true);
        inputs.set(type, [...(inputs.get(type) ?? []), fn]);
      });
      const fire = (type: string, isTrusted: boolean) => {
        for (const fn of inputs.get(type) ?? []) fn({ isTrusted });
      };
      vi.stubGlobal('navigator', { userActivation: { isActive: true } });
      const sent: string[] = [];
      const latch = createClient({
        invoke: async (channel) => {
          sent.push(channel);
          return { ok: true, value: { left: 1, clearsInSeconds: 30 } };
        },
        subscribe: () => () => undefined,
      });
      const use = (index: number) =>
        latch.totp.useBackupCode({ serviceId: 's', index }).then(
          () => 'served',
          (e: BridgeError) => e.code,
        );
      fire('pointerdown', true);
      // One click: one recovery code, whatever a script does with the activation left after it.
      expect(await use(0)).toBe('served');
      expect(await use(1)).toBe('ERR_FORBIDDEN_SENDER');
      // The same click's later events (a script listening between them) are not another press.
      for (const type of ['mousedown', 'pointerup', 'mouseup', 'click', 'keyup', 'touchend']) fire(type, true);
      expect(await use(2)).toBe('ERR_FORBIDDEN_SENDER');
      // Another gesture channel in the same click is its own (the host prompt's approve, then the send).
      expect(await latch.totp.copy({ serviceId: 's', credentialId: 'c' }).then(() => 'served')).toBe('served');
      // A script's own events are not input.
      fire('click', false);
      fire('keydown', false);
      expect(await use(1)).toBe('ERR_FORBIDDEN_SENDER');
      // The next key press is.
      fire('keydown', true);
      expect(await use(1)).toBe('served');
      expect(sent).toEqual(['totp.useBackupCode', 'totp.copy', 'totp.useBackupCode']);
      // A channel that needs no gesture is never counted.
      await latch.app.ping({ echo: 'a' });
      await latch.app.ping({ echo: 'b' });
      expect(sent.filter((c) => c === 'app.ping')).toHaveLength(2);
    });

    it('a key held down is one press: its auto-repeats start no new round', async () => {
      type Input = { isTrusted: boolean; repeat?: boolean };
      const inputs = new Map<string, ((e: Input) => void)[]>();
      vi.stubGlobal('addEventListener', (type: string, fn: (e: Input) => void) => {
        inputs.set(type, [...(inputs.get(type) ?? []), fn]);
      });
      const fire = (type: string, e: Input) => {
        for (const fn of inputs.get(type) ?? []) fn(e);
      };
      vi.stubGlobal('navigator', { userActivation: { isActive: true } });
      const latch = createClient({
        invoke: async () => ({ ok: true, value: { left: 1, clearsInSeconds: 30 } }),
        subscribe: () => () => undefined,
      });
      const use = (index: number) =>
        latch.totp.useBackupCode({ serviceId: 's', index }).then(
          () => 'served',
          (e: BridgeError) => e.code,
        );
      fire('keydown', { isTrusted: true, repeat: false });
      expect(await use(0)).toBe('served');
      // Holding the key: the browser's repeats are trusted, but the user pressed once.
      for (let i = 0; i < 30; i++) fire('keydown', { isTrusted: true, repeat: true });
      expect(await use(1)).toBe('ERR_FORBIDDEN_SENDER');
      // Let go and press again: a new round.
      fire('keyup', { isTrusted: true });
      fire('keydown', { isTrusted: true, repeat: false });
      expect(await use(1)).toBe('served');
    });
  });
});
