/**
 * A rough strength estimate for the master password meter: length and character
 * variety, with common patterns penalised. It guides; it does not refuse.
 */
export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
}

const COMMON = /^(password|passw0rd|letmein|qwerty|123456|iloveyou|admin|welcome)/i;

export function passwordStrength(pw: string): Strength {
  if (pw.length === 0) return { score: 0, label: 'Empty' };
  let pool = 0;
  if (/[a-z]/.test(pw)) pool += 26;
  if (/[A-Z]/.test(pw)) pool += 26;
  if (/[0-9]/.test(pw)) pool += 10;
  if (/[^A-Za-z0-9]/.test(pw)) pool += 33;
  let bits = pw.length * Math.log2(Math.max(pool, 2));
  if (COMMON.test(pw)) bits /= 3;
  if (/(.)\1{2,}/.test(pw)) bits *= 0.8;
  const score = bits < 35 ? 0 : bits < 50 ? 1 : bits < 65 ? 2 : bits < 85 ? 3 : 4;
  return {
    score: score as Strength['score'],
    label: ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'][score] ?? 'Weak',
  };
}
