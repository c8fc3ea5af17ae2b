import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

export function appHandlers(s: AppServices): Pick<HandlerTable, 'app.about' | 'app.ping'> {
  return {
    'app.about': async () => ({
      ...s.runtime,
      vaultPath: s.vaultPath(),
      keychain: await s.keychainStatus(),
    }),
    'app.ping': ({ echo }) => ({ echo }),
  };
}
