import { type ReactNode, type TextareaHTMLAttributes, useId } from 'react';

/** A labelled multi-line input (PEM keys, JSON, notes) with its error tied to it. */
export function TextAreaField({
  label,
  hint,
  error,
  mono,
  masked,
  action,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: string | undefined;
  error?: string | null;
  mono?: boolean | undefined;
  /** Draws each character as a dot, like a password input (a PEM key is a secret too). */
  masked?: boolean | undefined;
  /** A control beside the label (the reveal toggle). */
  action?: ReactNode;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      {action ? (
        <div className="field__label-row">
          <label className="field__label" htmlFor={id}>
            {label}
          </label>
          {action}
        </div>
      ) : (
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
      )}
      <textarea
        id={id}
        className={`field__textarea${mono ? ' mono' : ''}${masked ? ' field__textarea--masked' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        autoComplete="off"
        {...rest}
      />
      {error ? (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
      {hint ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
