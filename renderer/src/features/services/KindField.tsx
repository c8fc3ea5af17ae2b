import { SelectField, TextField } from '../../ui';
import { type FieldSpec, isSecretType } from './kinds';
import { SecretInput } from './SecretInput';
import { TextAreaField } from './TextAreaField';

/** "Signing key (PEM or JWK)" → "signing key", for "Leave empty to keep the current signing key". */
const noun = (label: string) => label.replace(/\s*\(.*\)\s*$/, '').toLowerCase();

/** One input of the credential form, chosen by the field's type. */
export function KindField({
  spec,
  value,
  error,
  editing,
  onChange,
}: {
  spec: FieldSpec;
  value: string;
  error: string | null;
  editing: boolean;
  onChange: (value: string) => void;
}) {
  const keeps = editing && isSecretType(spec.type);
  // Editing starts every secret blank and blank keeps the stored one: say so where it is typed.
  const placeholder = keeps ? `Leave empty to keep the current ${noun(spec.label)}` : spec.placeholder;
  const label = spec.required || keeps ? spec.label : `${spec.label} (optional)`;
  switch (spec.type) {
    case 'secret':
    case 'secret-textarea':
      return (
        <SecretInput
          label={label}
          value={value}
          error={error}
          hint={spec.hint}
          placeholder={placeholder}
          multiline={spec.type === 'secret-textarea'}
          rows={spec.rows}
          className={spec.wide ? 'field--wide' : undefined}
          onChange={onChange}
        />
      );
    case 'select':
      return (
        <SelectField label={spec.label} value={value} options={spec.options ?? []} onChange={onChange} error={error} />
      );
    case 'checkbox':
      return (
        <label className="check">
          <input
            type="checkbox"
            checked={value === 'true'}
            onChange={(e) => onChange(String(e.currentTarget.checked))}
          />
          {spec.label}
        </label>
      );
    case 'textarea':
      return (
        <TextAreaField
          label={label}
          value={value}
          error={error}
          hint={spec.hint}
          mono={spec.mono}
          placeholder={placeholder}
          rows={spec.rows ?? 3}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return (
        <TextField
          label={label}
          type={spec.type === 'number' ? 'number' : 'text'}
          value={value}
          error={error}
          hint={spec.hint}
          mono={spec.mono}
          placeholder={placeholder}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
