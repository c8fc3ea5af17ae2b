/**
 * Recovery codes for the user's own app (the MFA lab and `latch totp backup-codes`): a set of
 * one-time codes drawn uniformly from a readable alphabet with crypto.randomInt (no modulo bias),
 * with the entropy each code carries and how the app should store them.
 */
import { randomInt } from 'node:crypto';
import { LatchError } from '../model/errors';

/**
 * The alphabets offered. Crockford's Base32 leaves out I, L, O and U, so a code read aloud or
 * copied from paper has no 1/I/l or 0/O to confuse; case does not matter when it is checked.
 */
export const BACKUP_ALPHABETS = {
  digits: '0123456789',
  hex: '0123456789abcdef',
  base32: '0123456789ABCDEFGHJKMNPQRSTVWXYZ',
} as const;
export type BackupAlphabet = keyof typeof BACKUP_ALPHABETS;
export const BACKUP_ALPHABET_NAMES = Object.keys(BACKUP_ALPHABETS) as BackupAlphabet[];

export const BACKUP_CODE_LIMITS = { count: { min: 1, max: 100 }, length: { min: 6, max: 32 } } as const;

export interface BackupCodeOptions {
  count: number;
  /** Characters of randomness per code (the group separators are not counted). */
  length: number;
  alphabet: BackupAlphabet;
  /** A dash every `group` characters (0: none), so a code is read in chunks. */
  group: number;
}

export const DEFAULT_BACKUP_CODE_OPTIONS: BackupCodeOptions = { count: 10, length: 10, alphabet: 'base32', group: 5 };

/** How the user's app should keep the codes: the scheme, why, and one line that does it. */
export interface StorageSuggestion {
  scheme: 'argon2id' | 'sha-256';
  why: string;
  example: string;
}

export interface GeneratedBackupCodes {
  codes: string[];
  alphabet: BackupAlphabet;
  /** log2(alphabet size) × length: what an attacker must guess for one code. */
  entropyBits: number;
  storage: StorageSuggestion;
}

/** A source of uniform integers in [0, max): crypto.randomInt, or a stand-in in tests. */
export type RandomInt = (max: number) => number;

function bad(field: string, message: string): LatchError {
  return new LatchError('ERR_BAD_INPUT', message, { detail: { field } });
}

function within(value: number, field: string, { min, max }: { min: number; max: number }): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw bad(field, `${field} must be from ${min} to ${max}.`);
}

export function backupCodeEntropyBits(alphabet: BackupAlphabet, length: number): number {
  return Math.round(length * Math.log2(BACKUP_ALPHABETS[alphabet].length) * 10) / 10;
}

/**
 * A fast hash is enough only when guessing is hopeless anyway (128 bits and up); below that a
 * leaked table of SHA-256 hashes is searched offline at billions a second, so each code gets a
 * slow, salted, memory-hard hash (Argon2id, OWASP's first choice for secrets a person types).
 */
export function storageSuggestion(entropyBits: number): StorageSuggestion {
  if (entropyBits >= 128) {
    return {
      scheme: 'sha-256',
      why: `${entropyBits} bits cannot be guessed even from a leaked table, so a fast hash is enough. Normalise (drop dashes and spaces, lower case) before hashing and checking, compare in constant time, and delete a code once used.`,
      example: "createHash('sha256').update(code.replace(/[\\s-]/g, '').toLowerCase()).digest('hex')",
    };
  }
  return {
    scheme: 'argon2id',
    why: `${entropyBits} bits is few enough that a leaked table of fast hashes could be searched offline, so each code needs a slow, salted hash (scrypt if you have no Argon2). Normalise (drop dashes and spaces, lower case) before hashing and checking, and delete a code once used.`,
    example: "await argon2.hash(code.replace(/[\\s-]/g, '').toLowerCase(), { type: argon2.argon2id })",
  };
}

function groupCode(raw: string, group: number): string {
  if (group <= 0 || group >= raw.length) return raw;
  return raw.match(new RegExp(`.{1,${group}}`, 'g'))!.join('-');
}

export function generateBackupCodes(
  options: Partial<BackupCodeOptions> = {},
  random: RandomInt = (max) => randomInt(max),
): GeneratedBackupCodes {
  const o = { ...DEFAULT_BACKUP_CODE_OPTIONS, ...options };
  within(o.count, 'count', BACKUP_CODE_LIMITS.count);
  within(o.length, 'length', BACKUP_CODE_LIMITS.length);
  within(o.group, 'group', { min: 0, max: o.length });
  if (!Object.hasOwn(BACKUP_ALPHABETS, o.alphabet))
    throw bad('alphabet', `alphabet must be one of ${BACKUP_ALPHABET_NAMES.join(', ')}.`);
  const symbols = BACKUP_ALPHABETS[o.alphabet];
  const entropyBits = backupCodeEntropyBits(o.alphabet, o.length);
  // A set this dense in its space would take long to fill without repeats and is too guessable anyway.
  if (entropyBits < 20) throw bad('length', 'Codes that short are guessable: make them longer.');
  const seen = new Set<string>();
  const codes: string[] = [];
  while (codes.length < o.count) {
    let raw = '';
    for (let i = 0; i < o.length; i++) raw += symbols[random(symbols.length)];
    if (seen.has(raw)) continue; // a repeat would be one code counted twice: draw again
    seen.add(raw);
    codes.push(groupCode(raw, o.group));
  }
  return { codes, alphabet: o.alphabet, entropyBits, storage: storageSuggestion(entropyBits) };
}
