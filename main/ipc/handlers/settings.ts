import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

export function settingsHandlers(s: AppServices): Pick<HandlerTable, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => {
      const next = s.settings.update(patch);
      s.vault.applySettings();
      s.events.emit('settings.changed', next);
      return next;
    },
  };
}
