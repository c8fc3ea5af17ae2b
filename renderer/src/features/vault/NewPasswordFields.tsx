import { PasswordField } from '../../ui';
import type { NewPasswordErrors } from './new-password';
import { StrengthMeter } from './StrengthMeter';

/** A new master password, its meter, and the second field that catches a typo (create and change). */
export function NewPasswordFields({
  label,
  password,
  confirm,
  errors,
  onPassword,
  onConfirm,
  autoFocus,
}: {
  label: string;
  password: string;
  confirm: string;
  errors: NewPasswordErrors;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <>
      <PasswordField
        label={label}
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        error={errors.password}
        autoComplete="new-password"
        autoFocus={autoFocus}
      />
      <StrengthMeter password={password} />
      <PasswordField
        label={`${label} again`}
        value={confirm}
        onChange={(e) => onConfirm(e.currentTarget.value)}
        error={errors.confirm}
        autoComplete="new-password"
      />
    </>
  );
}
