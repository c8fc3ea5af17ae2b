import { useState } from 'react';
import type { Settings, VaultStatus } from '../../../../preload/contract';
import { ROUTE_NAMES } from '../../app/route-names';
import { useLatch } from '../../latch-context';
import { TextField, useToast } from '../../ui';
import { DesktopSettings } from '../quick-access/DesktopSettings';
import { BackupsCard } from '../vault/BackupsCard';
import { VaultSettings } from '../vault/VaultSettings';
import { notSavedMessage, saveSettings } from './save-settings';
import { settingNumber } from './setting-number';

/** Preferences that are not secret. Each change is saved in main as soon as it is valid. */
export function SettingsPage({ settings, vault }: { settings: Settings; vault: VaultStatus }) {
  const latch = useLatch();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string | null>>({});

  const save = async (patch: Partial<Settings>, field: string) => {
    try {
      await saveSettings(latch, settings, patch);
      setErrors((e) => ({ ...e, [field]: null }));
    } catch (e) {
      setErrors((prev) => ({ ...prev, [field]: notSavedMessage(e, 'Could not save this setting.') }));
      toast.show('That setting was not saved.', 'error');
    }
  };

  const numberField = (
    field: 'autoLockMinutes' | 'clipboardClearSeconds',
    label: string,
    hint: string,
    range: { min: number; max: number },
  ) => (
    <TextField
      label={label}
      type="number"
      min={range.min}
      max={range.max}
      defaultValue={settings[field]}
      hint={hint}
      error={errors[field] ?? null}
      onBlur={(e) => {
        const read = settingNumber(e.currentTarget.value, range);
        if ('problem' in read) {
          setErrors((prev) => ({ ...prev, [field]: read.problem }));
          return;
        }
        if (read.value !== settings[field]) void save({ [field]: read.value }, field);
        else setErrors((prev) => ({ ...prev, [field]: null }));
      }}
    />
  );

  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page__header">
        <h1 className="page__title" id="settings-title">
          {ROUTE_NAMES.settings}
        </h1>
      </header>
      <div className="card stack">
        <h2 className="section-title">Appearance</h2>
        <div className="field">
          <label className="field__label" htmlFor="theme">
            Theme
          </label>
          <select
            id="theme"
            className="select"
            value={settings.theme}
            onChange={(e) => void save({ theme: e.currentTarget.value as Settings['theme'] }, 'theme')}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
      </div>
      <div className="card stack">
        <h2 className="section-title">Security</h2>
        <div className="form-grid">
          {numberField(
            'autoLockMinutes',
            'Auto-lock after (minutes)',
            'Idle time before the vault locks; 0 turns it off.',
            { min: 0, max: 1440 },
          )}
          {numberField(
            'clipboardClearSeconds',
            'Clear clipboard after (seconds)',
            'Only if it still holds what Latch put there.',
            { min: 1, max: 3600 },
          )}
        </div>
      </div>
      <DesktopSettings settings={settings} />
      <VaultSettings vault={vault} />
      <BackupsCard vault={vault} />
    </section>
  );
}
