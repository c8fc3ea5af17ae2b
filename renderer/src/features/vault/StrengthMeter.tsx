import { useEffect, useState } from 'react';
import { passwordStrength, type Strength } from './password-strength';

/** Estimates after typing pauses: a long password takes zxcvbn tens of milliseconds. */
const SETTLE_MS = 120;

function useStrength(password: string): Strength | null {
  const [strength, setStrength] = useState<Strength | null>(null);
  useEffect(() => {
    if (password === '') return setStrength(null);
    let live = true;
    const t = setTimeout(() => {
      void passwordStrength(password).then((s) => live && setStrength(s));
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [password]);
  return password === '' ? null : strength;
}

/** Four bars, a word and the time a slow offline attack would take; nothing while the field is empty. */
export function StrengthMeter({ password }: { password: string }) {
  const strength = useStrength(password);
  return (
    <div className="meter" data-testid="strength-meter" data-score={strength?.score ?? 'none'}>
      <div className="meter__bars" aria-hidden="true">
        <span className="meter__bar" />
        <span className="meter__bar" />
        <span className="meter__bar" />
        <span className="meter__bar" />
      </div>
      <p className="meter__text" aria-live="polite">
        {strength ? (
          <>
            <span className="meter__label">{strength.label}</span>
            {` · ${strength.crackTime} to crack offline`}
            {strength.warning ? <span className="meter__warning"> {strength.warning}</span> : null}
          </>
        ) : (
          'Use four or more unrelated words, or a long random password.'
        )}
      </p>
    </div>
  );
}
