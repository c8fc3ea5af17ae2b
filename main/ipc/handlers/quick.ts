import type { HandlerTable } from '../dispatcher';
import { quickCopy } from '../quick-copy';
import type { AppServices } from '../services';

type QuickChannels = 'quick.copy' | 'quick.close' | 'quick.open' | 'quick.shortcut';

const ok = { ok: true as const };

export function quickHandlers(s: AppServices): Pick<HandlerTable, QuickChannels> {
  return {
    'quick.copy': (input) => quickCopy(s, input),
    'quick.close': () => {
      s.quickAccess.requestClose();
      return ok;
    },
    'quick.open': ({ route }) => {
      s.quickAccess.requestOpen(route);
      return ok;
    },
    'quick.shortcut': () => s.quickAccess.shortcut,
  };
}
