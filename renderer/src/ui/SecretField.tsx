import { useEffect, useId, useRef, useState } from 'react';
import { Button } from './Button';

export interface SecretFieldProps {
  label: string;
  /**
   * Whose secret this is ("live key"), for the buttons' names: a page of cards has many a "Password", and a
   * screen reader's list of buttons read "Copy Password" twice with nothing to tell them apart.
   */
  owner?: string;
  /** Asks main for this one field's value; the renderer holds it only while it is shown. */
  onReveal: () => Promise<string>;
  /** Main copies the value; the renderer never touches it. */
  onCopy: () => Promise<void>;
  /** How long a revealed value stays on screen. */
  revealSeconds?: number;
  /** Extra actions (copy as env line, copy reference…). */
  extra?: React.ReactNode;
}

const MASK = '••••••••••••••••';

/** A secret shown masked; reveal shows it for a few seconds, copy goes through main. */
export function SecretField({ label, owner, onReveal, onCopy, revealSeconds = 10, extra }: SecretFieldProps) {
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();
  const named = owner === undefined ? label : `${label} of ${owner}`;

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const hide = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setValue(null);
  };

  const toggle = async () => {
    if (value !== null) return hide();
    setBusy(true);
    try {
      setValue(await onReveal());
      timer.current = setTimeout(hide, revealSeconds * 1000);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field">
      <span className="field__label" id={`${id}-label`}>
        {label}
      </span>
      <div className="field__control">
        <span
          className={`secret${value === null ? ' secret--masked' : ''}`}
          data-testid="secret-value"
          aria-live="polite"
          title={value === null ? 'Hidden' : undefined}
        >
          {value ?? MASK}
        </span>
        <Button
          size="small"
          variant="ghost"
          onClick={toggle}
          disabled={busy}
          className="reveal-toggle"
          // One name, the state in aria-pressed: "Hide Key, pressed" read as the opposite of what it does.
          aria-pressed={value !== null}
          aria-label={`Reveal ${named}`}
        >
          Reveal
        </Button>
        <Button size="small" variant="ghost" onClick={() => void onCopy()} aria-label={`Copy ${named}`}>
          Copy
        </Button>
        {extra}
      </div>
    </div>
  );
}
