import { DEFAULT_ITERATIONS } from '../core/vault/constants';
import { defaultVaultPath } from '../core/vault/default-path';
import { deriveNodePasswordBits, type KdfParams, StartedDerivation } from '../core/vault/kdf';
import { peekKdf } from '../core/vault/vault-id';
import { plainGet } from './get-args';
import { MAX_PASSWORD_LINE_BYTES } from './password-line';
import { type FirstLine, readFirstLineSync } from './stdin-first-line';

/** What the early start did: stdin's first line (or the bytes to give back), and the derivation it started. */
/**
 * The most iterations the early start runs on a header it has not verified. Past it the ordinary path verifies
 * the file before it derives: a damaged or planted header naming up to 100M iterations would otherwise hold the
 * process on a useless PBKDF2 after the checksum error was printed (Node waits for the thread pool to exit, even
 * in process.exit): 11 s here. A vault made with more than this gets no head start, only its own cost.
 */
export const EARLY_KDF_MAX_ITERATIONS = 4 * DEFAULT_ITERATIONS;

export interface EarlyKdf {
  first: FirstLine;
  /** The header's, unverified: what the derivation runs with. */
  kdf: KdfParams;
  /** None without a password line, or when the line was given back (early-unlock.ts then reads it as before). */
  started: StartedDerivation | undefined;
}

export interface EarlyKdfInput {
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  /** Asked only when neither --vault nor LATCH_VAULT names the file: the entry loads node:os only then. */
  homedir: () => string;
  /** stdin's descriptor. */
  fd: number;
}

/**
 * `latch get REF --password-stdin` (scripts, and the benchmark against keepassxc-cli): the key derivation is
 * most of its time, and it needs only the password and the KDF parameters in the header's first bytes. So the
 * entry (index.ts) runs this before it loads anything else: a few synchronous reads (the header, stdin's first line)
 * and node:crypto's pbkdf2 on the thread pool, a few milliseconds after Node is ready. Loading the command's code,
 * reading the file whole and verifying its checksum then happen while PBKDF2 runs. The open takes the result only
 * for the password and the parameters of the header it reads and verifies (StartedDerivation.take), and derives
 * anew for anything else; every check and every error of the ordinary path stays as it was.
 * undefined for any other shape of arguments (get-args.ts: the ones the agent's fast path takes, with
 * --password-stdin), or a file whose header does not plainly name a KDF this Latch runs: the ordinary path then says why.
 */
export function startEarlyKdf(argv: readonly string[], input: EarlyKdfInput): EarlyKdf | undefined {
  const args = plainGet(argv);
  if (args === null || !args.passwordStdin) return undefined;
  const { env, platform } = input;
  const kdf = peekKdf(args.vault || env.LATCH_VAULT || defaultVaultPath({ platform, env, homedir: input.homedir() }));
  if (kdf === null || kdf.iterations > EARLY_KDF_MAX_ITERATIONS) return undefined;
  const first = readFirstLineSync(input.fd, MAX_PASSWORD_LINE_BYTES);
  // An empty or missing line: the ordinary path refuses it before any derivation, with its own message.
  const password = 'line' in first ? first.line : null;
  return { first, kdf, started: password ? StartedDerivation.start(password, kdf, deriveNodePasswordBits) : undefined };
}
