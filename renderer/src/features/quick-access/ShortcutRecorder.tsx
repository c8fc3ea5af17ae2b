import { type KeyboardEvent, useId, useState } from 'react';
import { acceleratorChips, acceleratorFromKeyPress, type Platform } from '../../../../preload/contract';

const platform: Platform = /^Mac/.test(globalThis.navigator?.platform ?? '') ? 'darwin' : 'other';

/**
 * Records a key combination for the global shortcut: focus it and press the keys. It shows
 * them as chips and hands Electron's accelerator to `onRecord`. Escape puts back the saved
 * one, Backspace clears the field to record again; a combination without Ctrl, Alt, Cmd or
 * Super is shown with the reason it cannot be used, and not saved. Tab still leaves the field.
 */
export function ShortcutRecorder({
  label,
  value,
  onRecord,
  error,
  hint,
}: {
  label: string;
  value: string;
  onRecord: (accelerator: string) => void;
  error?: string | null;
  hint?: string;
}) {
  const id = useId();
  // null: showing the saved value; a string: what is being recorded ('' after Backspace).
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = draft ?? value;
  const message = problem ?? error ?? null;

  const reset = () => {
    setDraft(null);
    setProblem(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const modified = e.ctrlKey || e.altKey || e.metaKey;
    if (e.key === 'Tab' && !modified) return; // the way out, never recorded (no keyboard trap)
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape' && !modified && !e.shiftKey) return reset();
    if (e.key === 'Backspace' && !modified && !e.shiftKey) {
      setDraft('');
      setProblem(null);
      return;
    }
    const recorded = acceleratorFromKeyPress(e, platform);
    if (recorded.kind === 'modifiers-only') return;
    if (recorded.kind === 'refused') {
      setDraft(recorded.accelerator);
      setProblem(recorded.reason);
      return;
    }
    reset();
    if (recorded.accelerator !== value) onRecord(recorded.accelerator);
  };

  const chips = acceleratorChips(shown, platform);
  return (
    <div className={`field${message ? ' field--invalid' : ''}`}>
      <span className="field__label" id={`${id}-label`}>
        {label}
      </span>
      {/* biome-ignore lint/a11y/useSemanticElements: no native element records a key combination */}
      <div
        role="textbox"
        tabIndex={0}
        className="field__control shortcut-recorder"
        aria-labelledby={`${id}-label`}
        aria-describedby={[message ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(' ')}
        aria-invalid={message ? true : undefined}
        data-accelerator={shown}
        onKeyDown={onKeyDown}
        onBlur={reset}
      >
        {chips.length === 0 ? (
          <span className="shortcut-recorder__empty">Press the keys</span>
        ) : (
          chips.map((chip, i) => (
            <kbd key={i} className="shortcut-recorder__chip">
              {chip}
            </kbd>
          ))
        )}
      </div>
      {message ? (
        <div className="field__error" id={`${id}-error`} role="alert">
          {message}
        </div>
      ) : null}
      <div className="field__hint" id={`${id}-hint`}>
        {hint ?? 'Click here and press the keys together. Escape puts back the saved one; Backspace clears.'}
      </div>
    </div>
  );
}
