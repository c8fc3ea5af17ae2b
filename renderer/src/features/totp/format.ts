/**
 * Pure display helpers for the Codes screen and the MFA lab. The Base32 check mirrors the one
 * main applies on save (main/core/totp/base32.ts) so the form can point at a bad character as
 * the user types; main stays the authority.
 */

/** "123456" → "123 456", "12345678" → "1234 5678", Steam's "FR8RV" stays as it is. */
export function groupCode(code: string): string {
  if (!/^\d+$/.test(code) || code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

export type SecretProblem = { kind: 'empty' } | { kind: 'char'; position: number } | { kind: 'short'; bytes: number };

/** Under this a key is weak (or cut short); main accepts it with a warning, as the form shows it. */
const RECOMMENDED_BYTES = 10;

/** The first problem with a typed Base32 secret, or null. Positions are 1-based in the text as typed. */
export function secretProblem(text: string): SecretProblem | null {
  let chars = 0;
  // Padding is allowed at the end only: a "=" with key text after it is the bad character.
  let paddingAt = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) continue;
    if (ch === '=') {
      paddingAt ||= i + 1;
      continue;
    }
    if (paddingAt) return { kind: 'char', position: paddingAt };
    if (!/[A-Za-z2-7]/.test(ch)) return { kind: 'char', position: i + 1 };
    chars++;
  }
  if (chars === 0) return { kind: 'empty' };
  const bytes = Math.floor((chars * 5) / 8);
  return bytes < RECOMMENDED_BYTES ? { kind: 'short', bytes } : null;
}

/** A short key is saved (with its warning); only one that is not even a byte cannot make a code. */
export function problemBlocksSave(problem: SecretProblem | null): boolean {
  return problem !== null && (problem.kind !== 'short' || problem.bytes === 0);
}

export function secretProblemText(problem: SecretProblem): string {
  if (problem.kind === 'empty') return 'Paste or type the secret key.';
  if (problem.kind === 'char') return `Character ${problem.position} is not Base32: use A–Z and 2–7 (no 0, 1, 8 or 9).`;
  if (problem.bytes === 0) return 'This key is too short to make any code. Was the paste cut short?';
  return `This key is only ${problem.bytes} byte${problem.bytes === 1 ? '' : 's'} (${RECOMMENDED_BYTES} or more is normal). Check that the whole key was copied; if it was, the service issued a weak key: its codes work, but ask for a longer one if you can.`;
}

/** The MFA lab's verdict: "valid, on time", "valid, 1 step early", "valid, 2 steps late". */
export function describeVerdict(valid: boolean, delta: number | null): string {
  if (!valid || delta === null) return 'Not valid';
  if (delta === 0) return 'Valid, current step';
  const steps = Math.abs(delta) === 1 ? '1 step' : `${Math.abs(delta)} steps`;
  // A code from an earlier window (delta < 0) arrived late; one from a later window is early.
  return `Valid, ${steps} ${delta < 0 ? 'late' : 'early'}`;
}

/** Whole seconds left until `validUntilMs`, never negative. */
export function secondsLeft(validUntilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((validUntilMs - nowMs) / 1000));
}

/**
 * A code row's two lines: who issued it (bold, what the eye looks for first) and whose account
 * it is. The code's own name and its service are added only when they say something new.
 */
export function codeRowLabels(entry: {
  serviceName: string;
  name: string;
  issuer: string | null;
  account: string | null;
}): { title: string; subtitle: string } {
  const title = entry.issuer?.trim() || entry.serviceName;
  const account = entry.account?.trim() || '';
  const parts = [account || entry.name];
  if (account && entry.name !== account && entry.name !== title) parts.push(entry.name);
  if (entry.serviceName !== title) parts.push(entry.serviceName);
  return { title, subtitle: parts.join(' · ') };
}
