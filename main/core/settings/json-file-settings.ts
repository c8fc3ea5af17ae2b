import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DEFAULT_SETTINGS,
  patchedSettings,
  type Settings,
  type SettingsPatch,
  SettingsSchema,
} from '../model/settings';
import type { SettingsStore } from '../platform';

/**
 * Settings as a JSON file, for the command line and the browser host (the shell uses
 * electron-store). A file that does not parse falls back to defaults rather than
 * stopping the app: preferences are never worth refusing to start over.
 */
export class JsonFileSettings implements SettingsStore {
  #current: Settings;
  constructor(private readonly path: string) {
    this.#current = JsonFileSettings.#load(path);
  }

  static #load(path: string): Settings {
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
  }

  get(): Settings {
    return { ...this.#current };
  }

  update(patch: SettingsPatch): Settings {
    const next = patchedSettings(this.#current, patch);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
    this.#current = next;
    return { ...next };
  }
}

/** Settings that live only in memory: for tests and for a host started with no data folder. */
export class MemorySettings implements SettingsStore {
  #current: Settings = { ...DEFAULT_SETTINGS };
  get(): Settings {
    return { ...this.#current };
  }
  update(patch: SettingsPatch): Settings {
    this.#current = patchedSettings(this.#current, patch);
    return { ...this.#current };
  }
}
