import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function quickHandlers({ copier, quickAccess }: HandlerServices): TableOf<'quick'> {
  return {
    'quick.copy': ({ serviceId, credentialId, as }) => copier.quickCopy(serviceId, credentialId, as),
    'quick.close': () => okAfter(quickAccess.requestClose()),
    'quick.open': ({ route }) => okAfter(quickAccess.requestOpen(route)),
    'quick.shortcut': () => quickAccess.shortcut,
  };
}
