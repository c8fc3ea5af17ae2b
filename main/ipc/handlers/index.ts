import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';
import { appHandlers } from './app';
import { ioHandlers } from './io';
import { labHandlers } from './lab';
import { oauthHandlers } from './oauth';
import { quickHandlers } from './quick';
import { requestsHandlers } from './requests';
import { servicesHandlers } from './services';
import { settingsHandlers } from './settings';
import { totpHandlers } from './totp';
import { vaultHandlers } from './vault';

/** Every channel of the contract, each with its handler; the type fails to check if one is missing. */
export function createHandlers(s: AppServices): HandlerTable {
  return {
    ...appHandlers(s),
    ...settingsHandlers(s),
    ...vaultHandlers(s),
    ...servicesHandlers(s),
    ...ioHandlers(s),
    ...quickHandlers(s),
    ...requestsHandlers(s),
    ...totpHandlers(s),
    ...labHandlers(s),
    ...oauthHandlers(s),
  } satisfies HandlerTable;
}
