import { TextField, type TextFieldProps } from './TextField';
import { wholeNumberIn } from './whole-number';

export type NumberFieldProps = Omit<TextFieldProps, 'type' | 'value' | 'onChange' | 'min' | 'max'> & {
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
};

/** A labelled box for a whole number in [min, max]; what is typed is kept inside the range. */
export function NumberField({ value, min, max, onChange, ...rest }: NumberFieldProps) {
  return (
    <TextField
      {...rest}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={value}
      onChange={(e) => onChange(wholeNumberIn(e.currentTarget.value, min, max))}
    />
  );
}
