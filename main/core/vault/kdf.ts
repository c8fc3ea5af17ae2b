import { LatchError } from '../model/errors';
import { KDF_NAME, KEY_BYTES, MAX_ITERATIONS, MIN_ITERATIONS, SALT_BYTES } from './constants';

// Looked up on use: globalThis.crypto loads Node's WebCrypto internals (4-7 ms), and `latch get --password-stdin`
// loads this file before anything else to start its derivation with node:crypto (main/cli/early-kdf.ts).
const subtle = () => globalThis.crypto.subtle;
const enc = new TextEncoder();

export interface KdfParams {
  name: string;
  iterations: number;
  /** base64 */
  salt: string;
}

export function newKdfParams(iterations: number): KdfParams {
  checkIterations(iterations, 'set');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { name: KDF_NAME, iterations, salt: Buffer.from(salt).toString('base64') };
}

/** Refuses cost parameters that are a downgrade (too few) or a denial of service (too many). */
export function checkIterations(iterations: number, when: 'open' | 'set'): void {
  if (!Number.isSafeInteger(iterations) || iterations > MAX_ITERATIONS) {
    throw new LatchError(
      when === 'open' ? 'ERR_VAULT_CORRUPT' : 'ERR_BAD_INPUT',
      `The key derivation iteration count must be a whole number up to ${MAX_ITERATIONS}.`,
      { detail: { part: 'header', field: 'kdf.iterations' } },
    );
  }
  if (iterations < MIN_ITERATIONS) {
    throw when === 'open'
      ? new LatchError(
          'ERR_VAULT_DOWNGRADE',
          `This vault asks for only ${iterations} key derivation iterations (the floor is ${MIN_ITERATIONS}); it may have been tampered with to make the password easier to guess, so Latch will not open it. Restore it from a backup you trust.`,
          { detail: { part: 'header', field: 'kdf.iterations', iterations, floor: MIN_ITERATIONS } },
        )
      : new LatchError('ERR_BAD_INPUT', `Use at least ${MIN_ITERATIONS} iterations.`, {
          detail: { field: 'iterations', floor: MIN_ITERATIONS },
        });
  }
}

/** PBKDF2-HMAC-SHA256 → 32 raw bytes. Runs on the libuv thread pool, so callers can overlap other work. */
export async function derivePasswordBits(password: string, kdf: KdfParams): Promise<Uint8Array> {
  checkKdfName(kdf);
  const pw = enc.encode(password.normalize('NFC'));
  try {
    const base = await subtle().importKey('raw', pw, 'PBKDF2', false, ['deriveBits']);
    const salt = Buffer.from(kdf.salt, 'base64');
    const bits = await subtle().deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: kdf.iterations },
      base,
      KEY_BYTES * 8,
    );
    return new Uint8Array(bits);
  } finally {
    pw.fill(0);
  }
}

function checkKdfName(kdf: KdfParams): void {
  if (kdf.name !== KDF_NAME) {
    throw new LatchError(
      'ERR_VAULT_UNSUPPORTED',
      `This vault uses the key derivation "${kdf.name}", which this Latch does not know.`,
      {
        detail: { part: 'header', field: 'kdf.name' },
      },
    );
  }
}

/**
 * The same bits as derivePasswordBits, through node:crypto's pbkdf2 (also on the thread pool): what the early start
 * of `latch get --password-stdin` uses, because WebCrypto's first use loads 4-7 ms of Node's internals before the
 * derivation begins, against 2-3 ms for node:crypto. The ordinary open keeps WebCrypto
 * (test/unit/vault/started-derivation.test.ts checks that both give the same bits).
 */
export async function deriveNodePasswordBits(password: string, kdf: KdfParams): Promise<Uint8Array> {
  checkKdfName(kdf);
  // Loaded here, not imported: the early start's chunk is the first every command loads, and only this needs it.
  const { pbkdf2 } = process.getBuiltinModule('node:crypto');
  const pw = Buffer.from(password.normalize('NFC'), 'utf8');
  return await new Promise<Uint8Array>((resolve, reject) =>
    pbkdf2(pw, Buffer.from(kdf.salt, 'base64'), kdf.iterations, KEY_BYTES, 'sha256', (err, bits) => {
      pw.fill(0);
      if (err) reject(err);
      else resolve(new Uint8Array(bits.buffer, bits.byteOffset, bits.byteLength));
    }),
  );
}

/**
 * A key derivation begun before the vault file was read whole and its checksum verified: `latch get
 * --password-stdin` starts it from the header's first bytes (peekKdf) as soon as it has the password, so that
 * reading and checking the file and loading the command's code happen while it runs instead of before it.
 * What it computes is used only for the password and the parameters that the verified header names (take);
 * for anything else it is thrown away, so nothing read from an unverified file reaches the key.
 */
export class StartedDerivation {
  private taken = false;

  private constructor(
    private readonly password: string,
    private readonly kdf: KdfParams,
    private readonly bits: Promise<Uint8Array>,
  ) {}

  static start(password: string, kdf: KdfParams, derive = derivePasswordBits): StartedDerivation {
    const bits = derive(password, kdf);
    bits.catch(() => undefined); // a failure is the caller's to meet when it takes the bits, or never
    return new StartedDerivation(password, kdf, bits);
  }

  /** The derived bits, once, when they are for exactly this password and these parameters; else null (and forgotten). */
  take(password: string, kdf: KdfParams): Promise<Uint8Array> | null {
    const same =
      password === this.password &&
      kdf.name === this.kdf.name &&
      kdf.iterations === this.kdf.iterations &&
      kdf.salt === this.kdf.salt;
    if (this.taken || !same) {
      this.forget();
      return null;
    }
    this.taken = true;
    return this.bits;
  }

  /** Zeroes the bits once they are there (after a take too: the taker has imported them as a key by then). */
  forget(): void {
    this.taken = true;
    this.bits.then(
      (b) => b.fill(0),
      () => undefined,
    );
  }
}

/**
 * Hardened mode: the key-encryption key needs both the password-derived bits and the device key.
 * HKDF-SHA256 over their concatenation; both inputs are zeroed here.
 */
export async function combineHardened(
  passwordBits: Uint8Array,
  deviceKey: Uint8Array,
  kdf: KdfParams,
): Promise<Uint8Array> {
  const ikm = new Uint8Array(passwordBits.length + deviceKey.length);
  ikm.set(passwordBits, 0);
  ikm.set(deviceKey, passwordBits.length);
  passwordBits.fill(0);
  try {
    const base = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
    const bits = await subtle().deriveBits(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: Buffer.from(kdf.salt, 'base64'),
        info: enc.encode('latch/v1/hardened-kek'),
      },
      base,
      KEY_BYTES * 8,
    );
    return new Uint8Array(bits);
  } finally {
    ikm.fill(0);
  }
}

/** Iterations actually run to measure the cost: a fraction of a second on any machine. */
export const KDF_SAMPLE_ITERATIONS = 200_000;
/** How long one sample stands for this machine before it is taken again. */
const SAMPLE_TTL_MS = 30_000;

let sample: { perIteration: Promise<number>; at: number } | null = null;

async function measurePerIteration(): Promise<number> {
  const kdf = newKdfParams(KDF_SAMPLE_ITERATIONS);
  const start = performance.now();
  const bits = await derivePasswordBits('latch-kdf-measurement', kdf);
  const ms = performance.now() - start;
  bits.fill(0);
  return ms / KDF_SAMPLE_ITERATIONS;
}

/**
 * Milliseconds one unlock's key derivation takes on this machine, for the settings screen.
 * PBKDF2's cost is linear in the iteration count, so one bounded sample is scaled rather
 * than running the count asked for: a caller (a script in the renderer, a slider dragged
 * fast) can neither tie a thread up for minutes nor start many derivations at once, since
 * every call within the sample's lifetime shares the one sample.
 */
export async function measureKdf(iterations: number): Promise<number> {
  checkIterations(iterations, 'set');
  const now = Date.now();
  if (sample === null || now - sample.at > SAMPLE_TTL_MS) {
    const perIteration = measurePerIteration();
    sample = { perIteration, at: now };
    perIteration.catch(() => {
      sample = null;
    });
  }
  return (await sample.perIteration) * iterations;
}
