import { useRef, useState } from 'react';
import { type Settings, type VaultStatus, weakenedSettings } from '../../../../preload/contract';
import { ROUTE_NAMES } from '../../app/route-names';
import { useLatch } from '../../latch-context';
import { TextField, useToast } from '../../ui';
import { DesktopSettings } from '../quick-access/DesktopSettings';
import { BackupsCard } from '../vault/BackupsCard';
import { VaultSettings } from '../vault/VaultSettings';
import { notSavedMessage, saveSettings } from './save-settings';
import { settingNumber } from './setting-number';
import { useHeldPress } from './use-held-press';

type NumberSetting = 'autoLockMinutes' | 'clipboardClearSeconds';

/** Preferences that are not secret. Each change is saved in main as soon as it is valid. */
export function SettingsPage({ settings, vault }: { settings: Settings; vault: VaultStatus }) {
  const latch = useLatch();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string | null>>({});

  const save = async (patch: Partial<Settings>, field: string, current = settings) => {
    try {
      await saveSettings(latch, current, patch);
      setErrors((e) => ({ ...e, [field]: null }));
    } catch (e) {
      setErrors((prev) => ({ ...prev, [field]: notSavedMessage(e, 'Could not save this setting.') }));
      toast.show('That setting was not saved.', 'error');
    }
  };

  // The value of each number box whose save is under way: keys typed faster than main answers are
  // compared with it, not with the settings main last announced.
  const saving = useRef<Partial<Record<NumberSetting, number>>>({});
  const known = (field: NumberSetting) => saving.current[field] ?? settings[field];
  const saveNumber = (field: NumberSetting, value: number) => {
    const current = { ...settings, [field]: known(field) };
    saving.current[field] = value;
    void save({ [field]: value }, field, current).finally(() => {
      if (saving.current[field] === value) delete saving.current[field];
    });
  };

  const press = useHeldPress<NumberSetting>((field, value) => {
    if (value !== known(field)) saveNumber(field, value);
  });
  const lowers = (field: NumberSetting, value: number) =>
    weakenedSettings({ ...settings, [field]: known(field) }, { [field]: value }).length > 0;

  const numberField = (field: NumberSetting, label: string, hint: string, range: { min: number; max: number }) => (
    <TextField
      label={label}
      type="number"
      min={range.min}
      max={range.max}
      defaultValue={settings[field]}
      hint={hint}
      error={errors[field] ?? null}
      {...press.handlers}
      // Saved as typed, each key press its own gesture (a lowering one at the key's release: use-held-press.ts).
      // Saved only when the box was left, a change lowering
      // protection took the press that left it (a click on a checkbox), and that checkbox's own change,
      // lowering protection too, was refused for the same press.
      onChange={(e) => {
        const read = settingNumber(e.currentTarget.value, range);
        if ('value' in read && read.value !== known(field)) press.change(field, read.value, lowers(field, read.value));
      }}
      // Left: what is in the box must be a number (said now, not while it is typed). A value the box shows
      // but main does not have, with no save of it under way (one refused, then typed again as it was: no
      // change event), is saved with the press that left the box.
      onBlur={(e) => {
        press.left();
        const read = settingNumber(e.currentTarget.value, range);
        if ('problem' in read) setErrors((prev) => ({ ...prev, [field]: read.problem }));
        else if (read.value === known(field)) setErrors((prev) => ({ ...prev, [field]: null }));
        else saveNumber(field, read.value);
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
