import { MASTER_PASSWORD_RULE, MIN_MASTER_PASSWORD_LENGTH } from '../../../../preload/contract';

export interface NewPasswordErrors {
  password: string | null;
  confirm: string | null;
  any: boolean;
}

/**
 * The errors under a new master password and its confirmation. They are computed from what is
 * typed now, so each one clears the moment it is fixed. Too short shows once the user tried to
 * submit (not while the first characters go in); a mismatch as soon as the second field has text.
 */
export function newPasswordErrors(password: string, confirm: string, submitted: boolean): NewPasswordErrors {
  const short = [...password].length < MIN_MASTER_PASSWORD_LENGTH;
  const differs = password !== confirm;
  const passwordError = short && submitted ? `Too short: ${MASTER_PASSWORD_RULE}.` : null;
  const confirmError = differs && (confirm.length > 0 || submitted) ? 'The two passwords are not the same.' : null;
  return { password: passwordError, confirm: confirmError, any: short || differs };
}
