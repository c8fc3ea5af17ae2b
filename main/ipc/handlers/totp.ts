import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

const bytes = (base64: string) => Buffer.from(base64, 'base64');

export function totpHandlers({ totp, clockSkew }: HandlerServices): TableOf<'totp'> {
  return {
    'totp.list': () => totp.list(),
    'totp.subscribe': async ({ ids }) => ({ subscribed: await totp.subscribe(ids) }),
    'totp.unsubscribe': () => okAfter(totp.unsubscribe()),
    'totp.nextHotp': ({ serviceId, credentialId }) => totp.nextHotp(serviceId, credentialId),
    'totp.copy': ({ serviceId, credentialId }) => totp.copy(serviceId, credentialId),
    'totp.parseUri': ({ uri }) => totp.parseUri(uri),
    'totp.importMigration': ({ uri }) => totp.importMigration(uri),
    'totp.decodeQr': ({ pngBase64 }) => totp.decodeQr(bytes(pngBase64)),
    'totp.decodeQrPixels': ({ width, height, rgbaBase64 }) => totp.decodeQrPixels(width, height, bytes(rgbaBase64)),
    'totp.add': ({ items }) => totp.add(items),
    'totp.showQr': ({ serviceId, credentialId }) => totp.showQr(serviceId, credentialId),
    'totp.backupCodes': ({ serviceId }) => totp.backupCodes(serviceId),
    'totp.setBackupCodes': ({ serviceId, text }) => totp.setBackupCodes(serviceId, text),
    'totp.useBackupCode': ({ serviceId, index }) => totp.useBackupCode(serviceId, index),
    'totp.clockOffset': () => clockSkew.latest(),
  };
}
