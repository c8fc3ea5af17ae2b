import { useState } from 'react';
import { PasswordField } from '../../ui';
import { TextAreaField } from './TextAreaField';

/**
 * A secret typed or pasted into a form (a key, a password, a PEM private key): masked until
 * the user asks to see it, so a shared screen or a screenshot never shows it by default.
 * Show lets the user check a paste before saving; the value stays in the form either way.
 * One line is a PasswordField; several lines are a textarea drawn as dots with the same toggle.
 */
export function SecretInput({
  label,
  value,
  error,
  hint,
  placeholder,
  multiline,
  rows,
  className,
  onChange,
}: {
  label: string;
  value: string;
  error: string | null;
  hint?: string | undefined;
  placeholder?: string | undefined;
  multiline?: boolean;
  rows?: number;
  className?: string | undefined;
  onChange: (value: string) => void;
}) {
  const [shown, setShown] = useState(false);
  if (!multiline)
    return (
      <PasswordField
        label={label}
        revealLabel={label}
        value={value}
        error={error}
        hint={hint}
        mono
        className={className}
        placeholder={placeholder}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    );
  return (
    <TextAreaField
      label={label}
      value={value}
      error={error}
      hint={hint}
      mono
      masked={!shown}
      action={
        <button
          type="button"
          className="btn btn--ghost btn--small reveal-toggle"
          // One name, the state in aria-pressed (as PasswordField).
          aria-pressed={shown}
          aria-label={`Show ${label}`}
          onClick={() => setShown((s) => !s)}
        >
          Show
        </button>
      }
      placeholder={placeholder}
      rows={rows ?? 5}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
