import { linkUrl } from '../../security/link-targets';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

export function appHandlers(s: AppServices): Pick<HandlerTable, 'app.about' | 'app.ping' | 'app.openLink'> {
  return {
    'app.about': async () => ({
      ...s.runtime,
      vaultPath: s.vaultPath(),
      keychain: await s.keychainStatus(),
    }),
    'app.ping': ({ echo }) => ({ echo }),
    'app.openLink': async (target) => {
      const url = await linkUrl(target, {
        serviceBaseUrl: async (id) => (await s.vault.store().view(id)).baseUrl,
        deviceVerificationUri: (id) =>
          s.oauth.pendingDevices().find((d) => d.credentialId === id)?.verificationUri ?? null,
      });
      await s.browser.open(url);
      return { ok: true as const };
    },
  };
}
