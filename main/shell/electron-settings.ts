import Store from 'electron-store';
import {
  DEFAULT_SETTINGS,
  patchedSettings,
  type Settings,
  type SettingsPatch,
  SettingsSchema,
} from '../core/model/settings';
import type { SettingsStore } from '../core/platform';

/**
 * Non-secret preferences in electron-store (a JSON file in the app-data folder). The
 * schema is the same one the contract uses; nothing secret is ever written here.
 */
export class ElectronSettings implements SettingsStore {
  readonly #store = new Store<{ settings: Settings }>({ name: 'settings', defaults: { settings: DEFAULT_SETTINGS } });

  get(): Settings {
    const parsed = SettingsSchema.safeParse(this.#store.get('settings'));
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  }

  update(patch: SettingsPatch): Settings {
    const next = patchedSettings(this.get(), patch);
    this.#store.set('settings', next);
    return next;
  }
}
