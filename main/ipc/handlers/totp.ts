import type { TotpEntry } from '../../../preload/channels/totp';
import type { Located } from '../../core/credentials/service-store';
import type { FieldsOf } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { systemClock } from '../../core/platform';
import {
  BACKUP_CODES_CREDENTIAL,
  backupCodesLeft,
  buildOtpAuthUri,
  decodeQrPng,
  decodeQrRgba,
  formatStoredBackupCodes,
  generateCode,
  hotpCode,
  importMigrationUri,
  markBackupCodeUsed,
  maskBackupCode,
  parseBackupCodes,
  parseOtpAuthUri,
  parseStoredBackupCodes,
  qrSvg,
} from '../../core/totp';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';
import { addTotpCredentials } from '../totp-add';
import { loadSpecs, TotpLive } from '../totp-live';

type TotpChannels =
  | 'totp.list'
  | 'totp.subscribe'
  | 'totp.unsubscribe'
  | 'totp.nextHotp'
  | 'totp.copy'
  | 'totp.parseUri'
  | 'totp.importMigration'
  | 'totp.decodeQr'
  | 'totp.decodeQrPixels'
  | 'totp.add'
  | 'totp.showQr'
  | 'totp.backupCodes'
  | 'totp.setBackupCodes'
  | 'totp.useBackupCode'
  | 'totp.clockOffset';

const ok = { ok: true as const };

function totpOf(located: Located): FieldsOf<'totp'> {
  if (located.credential.kind !== 'totp')
    throw new LatchError('ERR_BAD_INPUT', 'That credential is not a one-time code.', { detail: { field: 'kind' } });
  return located.credential.fields;
}

function previewOf(f: FieldsOf<'totp'>) {
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

function isRecoveryCodes(c: Located['credential']): boolean {
  return c.kind === 'secret' && c.name.toLowerCase() === BACKUP_CODES_CREDENTIAL.toLowerCase();
}

export function totpHandlers(s: AppServices): Pick<HandlerTable, TotpChannels> {
  const { vault, events } = s;
  const clock = systemClock;
  const live = new TotpLive(events, clock);
  const changed = () => events.emit('services.changed', {});

  const copy = async (text: string) => {
    const seconds = s.settings.get().clipboardClearSeconds;
    await vault.clipboard.copy(text, seconds);
    return seconds;
  };

  const recoveryCodes = async (serviceId: string) => {
    const body = await vault.store().body(serviceId);
    const credential = body.credentials.find(isRecoveryCodes);
    if (credential?.kind !== 'secret') return { credential: null, codes: [] };
    return { credential, codes: parseStoredBackupCodes(credential.fields.value) };
  };

  return {
    'totp.list': async () => {
      const store = vault.store();
      const out: TotpEntry[] = [];
      for (const summary of store.summaries()) {
        if (!summary.credentials.some((c) => c.kind === 'totp')) continue;
        const body = await store.body(summary.id);
        for (const c of body.credentials) {
          if (c.kind !== 'totp') continue;
          const f = c.fields;
          out.push({
            serviceId: summary.id,
            serviceName: body.name,
            credentialId: c.id,
            name: c.name,
            issuer: f.issuer ?? null,
            account: f.account ?? null,
            type: f.type,
            algorithm: f.algorithm,
            digits: f.type === 'steam' ? 5 : f.digits,
            period: f.type === 'steam' ? 30 : f.period,
            counter: f.counter,
          });
        }
      }
      return out;
    },
    'totp.subscribe': async ({ ids }) => {
      const specs = await loadSpecs(vault.store(), ids);
      return { subscribed: live.start(specs) };
    },
    'totp.unsubscribe': () => {
      live.stop();
      return ok;
    },
    'totp.nextHotp': async ({ serviceId, credentialId }) => {
      const store = vault.store();
      const located = await store.credential(serviceId, credentialId);
      const f = totpOf(located);
      if (f.type !== 'hotp')
        throw new LatchError('ERR_BAD_INPUT', 'Only counter-based (HOTP) codes have a "next code".', {
          detail: { field: 'type' },
        });
      const code = hotpCode(f, f.counter);
      const credential = located.credential;
      if (credential.kind === 'totp')
        await store.replaceCredential(serviceId, {
          ...credential,
          fields: { ...f, counter: f.counter + 1 },
          updatedAt: clock.now(),
        });
      return { code, counter: f.counter + 1 };
    },
    'totp.copy': async ({ serviceId, credentialId }) => {
      const f = totpOf(await vault.store().credential(serviceId, credentialId));
      let code: string;
      if (f.type === 'hotp') {
        if (f.counter === 0)
          throw new LatchError('ERR_BAD_INPUT', 'No counter code has been made yet. Press "Next code" first.', {
            detail: { field: 'counter' },
          });
        code = hotpCode(f, f.counter - 1);
      } else {
        code = generateCode(f, clock.now());
      }
      return { clearsInSeconds: await copy(code) };
    },
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
    'totp.add': async ({ items }) => {
      const added = await addTotpCredentials(vault.store(), items, clock.now());
      changed();
      return { added };
    },
    'totp.showQr': async ({ serviceId, credentialId }) => {
      const located = await vault.store().credential(serviceId, credentialId);
      const f = totpOf(located);
      const uri = buildOtpAuthUri({
        secret: f.secret,
        type: f.type,
        algorithm: f.algorithm,
        digits: f.digits,
        period: f.period,
        counter: f.counter,
        ...(f.issuer ? { issuer: f.issuer } : {}),
        account: f.account || (f.issuer ? '' : located.credential.name),
      });
      return { uri, svg: await qrSvg(uri) };
    },
    'totp.backupCodes': async ({ serviceId }) => {
      const { credential, codes } = await recoveryCodes(serviceId);
      return {
        credentialId: credential?.id ?? null,
        total: codes.length,
        left: backupCodesLeft(codes),
        codes: codes.map((c, index) => ({ index, label: maskBackupCode(c.code), used: c.used })),
      };
    },
    'totp.setBackupCodes': async ({ serviceId, text }) => {
      const codes = parseBackupCodes(text);
      const value = formatStoredBackupCodes(codes);
      const { credential } = await recoveryCodes(serviceId);
      const store = vault.store();
      if (credential) await store.updateCredential(serviceId, credential.id, { fields: { value } });
      else
        await store.addCredential(serviceId, {
          kind: 'secret',
          name: BACKUP_CODES_CREDENTIAL,
          fields: { name: BACKUP_CODES_CREDENTIAL, value },
        });
      changed();
      return { total: codes.length };
    },
    'totp.clockOffset': () => s.clockSkew.latest(),
    'totp.useBackupCode': async ({ serviceId, index }) => {
      const { credential, codes } = await recoveryCodes(serviceId);
      const chosen = codes[index];
      if (!credential || !chosen)
        throw new LatchError('ERR_NOT_FOUND', 'That recovery code is not in this service.', {
          detail: { field: 'index' },
        });
      const next = markBackupCodeUsed(codes, chosen.code);
      const seconds = await copy(chosen.code);
      await vault
        .store()
        .updateCredential(serviceId, credential.id, { fields: { value: formatStoredBackupCodes(next) } });
      changed();
      return { left: backupCodesLeft(next), clearsInSeconds: seconds };
    },
  };
}
