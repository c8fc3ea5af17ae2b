import type { HandlerTable } from '../dispatcher';
import type { HandlerServices } from '../services';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { ioHandlers } from './io';
import { jwtHandlers } from './jwt';
import { labHandlers } from './lab';
import { limitsHandlers } from './limits';
import { oauthHandlers } from './oauth';
import { quickHandlers } from './quick';
import { requestsHandlers } from './requests';
import { servicesHandlers } from './services';
import { totpHandlers } from './totp';
import { vaultHandlers } from './vault';

/** Every channel of the contract, each with its handler; the type fails to check if one is missing. */
export function createHandlers(s: HandlerServices): HandlerTable {
  return {
    ...appHandlers(s),
    ...vaultHandlers(s),
    ...servicesHandlers(s),
    ...ioHandlers(s),
    ...quickHandlers(s),
    ...requestsHandlers(s),
    ...auditHandlers(s),
    ...limitsHandlers(s),
    ...totpHandlers(s),
    ...labHandlers(s),
    ...oauthHandlers(s),
    ...jwtHandlers(s),
  } satisfies HandlerTable;
}
