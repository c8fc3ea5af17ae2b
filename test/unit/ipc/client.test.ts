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

    it('are the ones that export, open a page, reveal, copy or send a secret, widen where one may go, or weaken the vault', () => {
      const gated = Object.entries(channels)
        .filter(([, spec]) => spec.gesture)
        .map(([name]) => name)
        .sort();
      expect(gated).toEqual([
        'app.openLink',
        'audit.run',
        'credentials.copy',
        'credentials.forgetHost',
        'credentials.reveal',
        'credentials.update',
        'io.exportBackup',
        'io.exportPlaintext',
        'jwt.sign',
        'oauth.signIn',
        'quick.copy',
        'requests.approveHost',
        'requests.copyAsWithSecrets',
        'requests.send',
        'services.update',
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
  });
});
