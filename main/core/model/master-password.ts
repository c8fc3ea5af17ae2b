import { LatchError } from './errors';

/**
 * The one rule for a new master password (the app's forms, the contract and `latch init` /
 * `latch passwd` all use it). Length is the only rule: PBKDF2 slows guessing, it cannot
 * make a short password long, and a minimum is the part every surface can check the same way.
 */
export const MIN_MASTER_PASSWORD_LENGTH = 8;
export const MAX_MASTER_PASSWORD_LENGTH = 1024;

export const MASTER_PASSWORD_RULE = `use at least ${MIN_MASTER_PASSWORD_LENGTH} characters`;

/** Throws ERR_BAD_INPUT when `password` may not become a master password. */
export function checkNewMasterPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_MASTER_PASSWORD_LENGTH) {
    throw new LatchError('ERR_BAD_INPUT', `The new password is too short: ${MASTER_PASSWORD_RULE}.`, {
      detail: { field: 'password', min: MIN_MASTER_PASSWORD_LENGTH },
    });
  }
  if (password.length > MAX_MASTER_PASSWORD_LENGTH) {
    throw new LatchError('ERR_BAD_INPUT', `The new password is longer than ${MAX_MASTER_PASSWORD_LENGTH} characters.`, {
      detail: { field: 'password', max: MAX_MASTER_PASSWORD_LENGTH },
    });
  }
}
