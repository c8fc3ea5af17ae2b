import { useRef, useState } from 'react';
import type { Settings, VaultStatus } from '../../../../preload/contract';
import { ROUTE_NAMES } from '../../app/route-names';
import { useLatch } from '../../latch-context';
import { TextField, useToast } from '../../ui';
import { DesktopSettings } from '../quick-access/DesktopSettings';
import { BackupsCard } from '../vault/BackupsCard';
import { VaultSettings } from '../vault/VaultSettings';
import { notSavedMessage, saveSettings, wasCancelled } from './save-settings';
import { settingNumber } from './setting-number';

type NumberSetting = 'autoLockMinutes' | 'clipboardClearSeconds';

/**
 * Preferences that are not secret. Each change is saved in main as soon as the user has made it; one
 * that lowers protection only once the user has said yes to main's own question.
 */
export function SettingsPage({ settings, vault }: { settings: Settings; vault: VaultStatus }) {
  const latch = useLatch();
  const toast = useToast();
  const [errors, setErrors] = useState<Record<string, string | null>>({});

  const save = async (patch: Partial<Settings>, field: string, current = settings, onCancel?: () => void) => {
    try {
      await saveSettings(latch, current, patch);
      setErrors((e) => ({ ...e, [field]: null }));
    } catch (e) {
      if (wasCancelled(e)) {
        // The user said no to main's question: the stored value stays, and so does the screen's, quietly.
        setErrors((prev) => ({ ...prev, [field]: null }));
        onCancel?.();
        return;
      }
      setErrors((prev) => ({ ...prev, [field]: notSavedMessage(e, 'Could not save this setting.') }));
      toast.show('That setting was not saved.', 'error');
    }
  };

  // The settings main last announced, for a box to show again after a cancel that answers later.
  const latest = useRef(settings);
  latest.current = settings;
  const boxes = useRef<Partial<Record<NumberSetting, HTMLInputElement | null>>>({});

  // The value of each number box whose save is under way: a box left again before main answers is
  // compared with it, not with the settings main last announced.
  const saving = useRef<Partial<Record<NumberSetting, number>>>({});
  const known = (field: NumberSetting) => saving.current[field] ?? settings[field];
  const saveNumber = (field: NumberSetting, value: number) => {
    const current = { ...settings, [field]: known(field) };
    saving.current[field] = value;
    const showStored = () => {
      const box = boxes.current[field];
      if (box) box.value = String(latest.current[field]);
    };
    void save({ [field]: value }, field, current, showStored).finally(() => {
      if (saving.current[field] === value) delete saving.current[field];
    });
  };

  /**
   * A number box is saved when the user is done with it: left (Tab, a click elsewhere) or Enter. Not
   * at each key press or arrow step: typing 120 would otherwise save 1, then ask main to lower it to 12
   * (a question for every digit), and ArrowUp from 10 to 15 would ask five times. A value main does
   * not have, with no save of it under way (one refused, then left again as it was), is saved with the
   * press that left the box.
   */
  const commit = (field: NumberSetting, box: HTMLInputElement, range: { min: number; max: number }) => {
    const read = settingNumber(box.value, range);
    if ('problem' in read) setErrors((prev) => ({ ...prev, [field]: read.problem }));
    else if (read.value === known(field)) setErrors((prev) => ({ ...prev, [field]: null }));
    else saveNumber(field, read.value);
  };

  const numberField = (field: NumberSetting, label: string, hint: string, range: { min: number; max: number }) => (
    <TextField
      label={label}
      type="number"
      min={range.min}
      max={range.max}
      defaultValue={settings[field]}
      hint={hint}
      error={errors[field] ?? null}
      ref={(box: HTMLInputElement | null) => {
        boxes.current[field] = box;
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(field, e.currentTarget, range);
      }}
      // What is in the box must be a number (said now, not while it is typed).
      onBlur={(e) => commit(field, e.currentTarget, range)}
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
