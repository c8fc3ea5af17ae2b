import { type KeyboardEvent, useId, useState } from 'react';
import { Button } from './Button';
import { TextField, type TextFieldProps } from './TextField';

export interface PasswordFieldProps extends Omit<TextFieldProps, 'type' | 'trailing'> {
  /**
   * What Show names ("Show password" when absent). A secret that is not a password names
   * itself ("Show Client secret"), so two reveal buttons in one form are told apart.
   */
  revealLabel?: string;
}

/**
 * Every password or secret input in the app: masked, with a Show toggle, and a warning while Caps
 * Lock is on (read from the key events, the only place a browser tells it). No other component
 * renders an input of type password (test/unit/renderer/password-fields.test.ts).
 */
export function PasswordField({ hint, onKeyDown, onKeyUp, id, revealLabel = 'password', ...rest }: PasswordFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const [shown, setShown] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const readCaps = (e: KeyboardEvent<HTMLInputElement>) => setCapsLock(e.getModifierState('CapsLock'));
  return (
    <TextField
      {...rest}
      id={inputId}
      type={shown ? 'text' : 'password'}
      onKeyDown={(e) => {
        readCaps(e);
        onKeyDown?.(e);
      }}
      onKeyUp={(e) => {
        readCaps(e);
        onKeyUp?.(e);
      }}
      onBlur={(e) => {
        setCapsLock(false);
        rest.onBlur?.(e);
      }}
      trailing={
        <Button
          size="small"
          variant="ghost"
          className="field__reveal reveal-toggle"
          // A toggle keeps its name and says its state by aria-pressed: "Hide password, pressed" read as
          // the opposite of what pressing it does. Not the field's label: "Show master password" would
          // also answer to "Master password".
          aria-pressed={shown}
          aria-label={`Show ${revealLabel}`}
          aria-controls={inputId}
          onClick={() => setShown((s) => !s)}
        >
          Show
        </Button>
      }
      hint={
        capsLock ? (
          <span className="field__caps" role="status">
            Caps Lock is on.
          </span>
        ) : (
          hint
        )
      }
    />
  );
}
