import { useState } from 'react';
import { newPasswordErrors } from './new-password';

/**
 * The state behind NewPasswordFields (create and change share it): the two fields, whether
 * the user tried to submit, and the errors that follow from both.
 */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  return {
    password,
    confirm,
    /** Spread into <NewPasswordFields>. */
    fields: {
      password,
      confirm,
      errors: newPasswordErrors(password, confirm, submitted),
      onPassword: setPassword,
      onConfirm: setConfirm,
    },
    /** Marks the form submitted (so "too short" shows); true when the new password may be sent. */
    check: () => {
      setSubmitted(true);
      return !newPasswordErrors(password, confirm, true).any;
    },
    reset: () => {
      setPassword('');
      setConfirm('');
      setSubmitted(false);
    },
  };
}
