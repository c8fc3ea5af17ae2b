/**
 * What the add-a-code screen reads before anything is saved: a set-up link, an authenticator's
 * export link, a QR code image. No vault is needed, and nothing secret comes back: a preview
 * names the account and the code's shape, never its secret.
 */
import { LatchError } from '../../core/model/errors';
import { decodeQrPng, decodeQrRgba, importMigrationUri, parseOtpAuthUri } from '../../core/totp';

function previewOf(f: ReturnType<typeof parseOtpAuthUri>['fields']) {
  return {
    issuer: f.issuer ?? null,
    account: f.account ?? null,
    type: f.type,
    algorithm: f.algorithm,
    digits: f.digits,
    period: f.period,
    counter: f.counter,
  };
}

export function previewOtpAuthUri(uri: string) {
  const parsed = parseOtpAuthUri(uri.trim());
  return {
    preview: previewOf(parsed.fields),
    issuerMismatch: parsed.issuerMismatch,
    secretWarning: parsed.secretWarning,
  };
}

/** A Google Authenticator export: every account with whether Latch can keep it (and why not). */
export function previewMigration(uri: string) {
  const batch = importMigrationUri(uri.trim());
  return {
    batchIndex: batch.batchIndex,
    batchSize: batch.batchSize,
    accounts: batch.accounts.map((a) => ({
      index: a.index,
      issuer: a.issuer ?? null,
      account: a.account,
      type: a.type,
      algorithm: a.algorithm,
      digits: a.digits,
      counter: a.counter,
      ok: a.ok,
      error: a.ok ? null : a.error.message,
      warning: a.ok ? a.secretWarning : null,
    })),
  };
}

export function readQrPng(png: Buffer): { text: string } {
  return { text: decodeQrPng(png) };
}

/**
 * RGBA pixels as a canvas gives them. The size is checked against the bytes before decoding: a
 * caller that claims 2048 × 2048 and sends a few bytes must not make the decoder read past them.
 */
export function readQrPixels(width: number, height: number, rgba: Buffer): { text: string } {
  if (rgba.length !== width * height * 4)
    throw new LatchError('ERR_BAD_INPUT', 'The image pixels do not match its size. Drop or paste the image again.', {
      detail: { field: 'rgbaBase64' },
    });
  return { text: decodeQrRgba(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), width, height) };
}
