import { SelectField, TextField } from '../../ui';
import { type FieldSpec, isSecretType } from './kinds';
import { TextAreaField } from './TextAreaField';

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
  const placeholder = editing && isSecretType(spec.type) ? 'unchanged' : spec.placeholder;
  const label = spec.required && !(editing && isSecretType(spec.type)) ? spec.label : `${spec.label} (optional)`;
  switch (spec.type) {
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
    case 'secret-textarea':
      return (
        <TextAreaField
          label={label}
          value={value}
          error={error}
          hint={spec.hint}
          mono={spec.mono}
          placeholder={placeholder}
          rows={spec.rows ?? (spec.type === 'secret-textarea' ? 5 : 3)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return (
        <TextField
          label={label}
          type={spec.type === 'secret' ? 'password' : spec.type === 'number' ? 'number' : 'text'}
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
