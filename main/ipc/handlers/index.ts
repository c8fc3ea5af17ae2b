import { createPoliteGate, LimitRecords } from '../../core/limits';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { ioHandlers } from './io';
import { labHandlers } from './lab';
import { limitsHandlers } from './limits';
import { oauthHandlers } from './oauth';
import { quickHandlers } from './quick';
import { requestsHandlers } from './requests';
import { servicesHandlers } from './services';
import { settingsHandlers } from './settings';
import { totpHandlers } from './totp';
import { vaultHandlers } from './vault';

/** Every channel of the contract, each with its handler; the type fails to check if one is missing. */
export function createHandlers(s: AppServices): HandlerTable {
  // One gate for the app: the tester waits on it, the service page shows and edits its limits.
  const gate = createPoliteGate({
    records: () => new LimitRecords(s.vault.vault()),
    clock: s.clock,
    shareSends: false,
  });
  return {
    ...appHandlers(s),
    ...settingsHandlers(s),
    ...vaultHandlers(s),
    ...servicesHandlers(s),
    ...ioHandlers(s),
    ...quickHandlers(s),
    ...requestsHandlers(s, gate),
    ...auditHandlers(s),
    ...limitsHandlers(s, gate),
    ...totpHandlers(s),
    ...labHandlers(s),
    ...oauthHandlers(s),
  } satisfies HandlerTable;
}
