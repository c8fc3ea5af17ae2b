import { LatchError } from '../../core/model/errors';
import { decodeQrPng, decodeQrRgba, importMigrationUri, parseOtpAuthUri } from '../../core/totp';
import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

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

export function totpHandlers({ totp, clockSkew }: HandlerServices): TableOf<'totp'> {
  return {
    'totp.list': () => totp.list(),
    'totp.subscribe': async ({ ids }) => ({ subscribed: await totp.subscribe(ids) }),
    'totp.unsubscribe': () => okAfter(totp.unsubscribe()),
    'totp.nextHotp': ({ serviceId, credentialId }) => totp.nextHotp(serviceId, credentialId),
    'totp.copy': ({ serviceId, credentialId }) => totp.copy(serviceId, credentialId),
    'totp.parseUri': ({ uri }) => {
      const parsed = parseOtpAuthUri(uri.trim());
      return { preview: previewOf(parsed.fields), issuerMismatch: parsed.issuerMismatch };
    },
    'totp.importMigration': ({ uri }) => {
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
        })),
      };
    },
    'totp.decodeQr': ({ pngBase64 }) => ({ text: decodeQrPng(Buffer.from(pngBase64, 'base64')) }),
    'totp.decodeQrPixels': ({ width, height, rgbaBase64 }) => {
      const bytes = Buffer.from(rgbaBase64, 'base64');
      if (bytes.length !== width * height * 4)
        throw new LatchError(
          'ERR_BAD_INPUT',
          'The image pixels do not match its size. Drop or paste the image again.',
          {
            detail: { field: 'rgbaBase64' },
          },
        );
      return { text: decodeQrRgba(new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), width, height) };
    },
    'totp.add': ({ items }) => totp.add(items),
    'totp.showQr': ({ serviceId, credentialId }) => totp.showQr(serviceId, credentialId),
    'totp.backupCodes': ({ serviceId }) => totp.backupCodes(serviceId),
    'totp.setBackupCodes': ({ serviceId, text }) => totp.setBackupCodes(serviceId, text),
    'totp.useBackupCode': ({ serviceId, index }) => totp.useBackupCode(serviceId, index),
    'totp.clockOffset': () => clockSkew.latest(),
  };
}
