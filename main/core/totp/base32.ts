import { LatchError } from '../model/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Keys under 10 bytes (80 bits, 16 characters) are weak, and Google Authenticator refuses them;
 * yet real services issue them and pyotp, KeePassXC and Aegis accept them, so a shorter key is
 * accepted with a warning (secret-warning.ts) rather than refused. Latch never generates one.
 */
export const RECOMMENDED_SECRET_BYTES = 10;

export interface ParsedSecret {
  /** Normalised form for storage: upper case, no spaces, no padding. */
  secret: string;
  bytes: Uint8Array;
}

/**
 * Parses a Base32 secret as people paste it: spaces anywhere, any case, optional trailing '='.
 * The error names the 1-based position (in the text as given) of the first character that is
 * not Base32, never the character or the secret itself.
 */
export function parseBase32Secret(input: string): ParsedSecret {
  let cleaned = '';
  let paddingFrom = -1;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (/\s/.test(ch)) continue;
    if (ch === '=') {
      if (paddingFrom === -1) paddingFrom = i;
      continue;
    }
    const upper = ch.toUpperCase();
    if (paddingFrom !== -1 || !ALPHABET.includes(upper)) {
      // '=' followed by more key text is padding in the middle: the '=' is the first bad character.
      const position = paddingFrom !== -1 ? paddingFrom + 1 : i + 1;
      throw new LatchError(
        'ERR_TOTP_INVALID',
        `The secret has a character that is not Base32 at position ${position}. Base32 uses the letters A–Z and the digits 2–7 (no 0, 1, 8 or 9); '=' may only pad the end.`,
        { detail: { field: 'secret', position } },
      );
    }
    cleaned += upper;
  }
  if (cleaned.length === 0) {
    throw new LatchError('ERR_TOTP_INVALID', 'The secret is empty. Paste the setup key the service showed you.', {
      detail: { field: 'secret' },
    });
  }
  const bytes = decodeBase32(cleaned);
  // One Base32 character is 5 bits: not even a byte, so no HMAC key at all.
  if (bytes.length === 0) {
    throw new LatchError(
      'ERR_TOTP_INVALID',
      'The secret is too short to make any code (under one byte). Check that the whole key was copied.',
      { detail: { field: 'secret', bytes: 0 } },
    );
  }
  return { secret: cleaned, bytes };
}

/** Decodes already-clean upper-case Base32; trailing bits that do not fill a byte are dropped, as authenticators do. */
function decodeBase32(clean: string): Uint8Array {
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of clean) {
    buffer = ((buffer << 5) | ALPHABET.indexOf(ch)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Unpadded upper-case Base32, the form otpauth URIs and the vault store. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
