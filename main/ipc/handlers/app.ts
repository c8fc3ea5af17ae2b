import { linkUrl } from '../../security/link-targets';
import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function appHandlers(s: HandlerServices): TableOf<'app' | 'settings'> {
  return {
    'app.about': async () => ({ ...s.runtime, vaultPath: s.vaultPath(), keychain: await s.keychainStatus() }),
    'app.ping': ({ echo }) => ({ echo }),
    'app.openLink': async (target) => okAfter(s.browser.open(await linkUrl(target, s.links))),
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => s.vault.updateSettings(patch),
    'settings.weaken': (patch) => s.vault.weakenSettings(patch),
  };
}
