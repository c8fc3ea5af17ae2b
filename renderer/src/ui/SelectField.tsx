import { useId } from 'react';

type Option<T extends string> = T | { value: T; label: string };

/**
 * A labelled select styled like the text fields. Options are plain values (shown as
 * themselves, or through `labels`) or value/label pairs.
 */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  error,
  disabled,
  labels,
}: {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  error?: string | null | undefined;
  disabled?: boolean;
  labels?: Partial<Record<string, string>>;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="field__control">
        <select
          id={id}
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.currentTarget.value as T)}
        >
          {options.map((o) => {
            const v = typeof o === 'string' ? o : o.value;
            const text = typeof o === 'string' ? (labels?.[o] ?? o) : o.label;
            return (
              <option key={v} value={v}>
                {text}
              </option>
            );
          })}
        </select>
      </div>
      {error ? (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
