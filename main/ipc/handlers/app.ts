import { linkUrl } from '../../security/link-targets';
import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function appHandlers(s: HandlerServices): TableOf<'app' | 'settings'> {
  return {
    'app.about': async () => ({ ...s.runtime, vaultPath: s.vaultPath(), keychain: await s.keychainStatus() }),
    'app.ping': ({ echo }) => ({ echo }),
    'app.openLink': async (target) => okAfter(s.browser.open(await linkUrl(target, linkSources(s)))),
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.vault.updateSettings(patch),
  };
}

/** What a link id may name: a service's base URL, the verification page of a device sign-in main started. */
function linkSources(s: HandlerServices) {
  return {
    serviceBaseUrl: async (id: string) => (await s.credentials.view(id)).baseUrl,
    deviceVerificationUri: (id: string) =>
      s.oauth.pendingDevices().find((d) => d.credentialId === id)?.verificationUri ?? null,
  };
}
