/**
 * One-time codes in the vault: the list, the live codes on screen, HOTP's next code, copying a
 * code, adding codes (one or a whole authenticator export), the QR code of a stored secret, and
 * the recovery codes kept beside them. Reading links and QR images before a save needs no vault
 * (totp-reading.ts); the service offers them too, so a host maps every totp use case to it.
 */
import type { Located } from '../../core/credentials/service-store';
import type { CredentialOf, FieldsOf } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import type { Clock } from '../../core/platform';
import {
  BACKUP_CODES_CREDENTIAL,
  type BackupCode,
  backupCodesLeft,
  buildOtpAuthUri,
  formatStoredBackupCodes,
  generateCode,
  hotpCode,
  markBackupCodeUsed,
  maskBackupCode,
  parseBackupCodes,
  parseStoredBackupCodes,
  qrSvg,
  unmarkBackupCode,
} from '../../core/totp';
import type { Credentials } from '../credentials/credentials';
import type { AppEvents } from '../events';
import type { SecretCopy } from '../secrets/secret-copy';
import { isChangeKept } from '../vault/change-kept';
import { addTotpCredentials, type TotpAddItem } from './totp-add';
import { loadSpecs, TotpLive } from './totp-live';
import { previewMigration, previewOtpAuthUri, readQrPixels, readQrPng } from './totp-reading';

export interface TotpEntry {
  serviceId: string;
  serviceName: string;
  credentialId: string;
  name: string;
  issuer: string | null;
  account: string | null;
  type: FieldsOf<'totp'>['type'];
  algorithm: FieldsOf<'totp'>['algorithm'];
  digits: number;
  period: number;
  counter: number;
}

function totpCredentialOf(located: Located): CredentialOf<'totp'> {
  if (located.credential.kind !== 'totp')
    throw new LatchError('ERR_BAD_INPUT', 'That credential is not a one-time code.', { detail: { field: 'kind' } });
  return located.credential;
}

const totpOf = (located: Located): FieldsOf<'totp'> => totpCredentialOf(located).fields;

function isRecoveryCodes(c: Located['credential']): boolean {
  return c.kind === 'secret' && c.name.toLowerCase() === BACKUP_CODES_CREDENTIAL.toLowerCase();
}

export class TotpService {
  readonly #live: TotpLive;

  constructor(
    private readonly deps: { credentials: Credentials; copier: SecretCopy; events: AppEvents; clock: Clock },
  ) {
    this.#live = new TotpLive(deps.events, deps.clock);
  }

  async list(): Promise<TotpEntry[]> {
    const { credentials } = this.deps;
    const out: TotpEntry[] = [];
    for (const summary of credentials.summaries()) {
      if (!summary.credentials.some((c) => c.kind === 'totp')) continue;
      const body = await credentials.body(summary.id);
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
  }

  /** Replaces the codes on screen; returns how many are shown. */
  async subscribe(ids: readonly string[]): Promise<number> {
    return this.#live.start(await loadSpecs(this.deps.credentials.store(), ids));
  }

  unsubscribe(): void {
    this.#live.stop();
  }

  /**
   * HOTP: the code for the stored counter, and the counter moves on. The code goes to the user whenever the counter
   * has moved for it: after the save, or when the save failed but the move is held in memory for the save-failed
   * banner (`saved: false`; reapplied or kept, it reaches the file). Withholding the code then would move the
   * counter past a code nobody saw. A failure that holds nothing (the vault locked meanwhile) moved nothing.
   */
  async nextHotp(serviceId: string, credentialId: string): Promise<{ code: string; counter: number; saved: boolean }> {
    // Set once the counter has moved: a save that fails after it holds the move (isChangeKept).
    let held: { code: string; counter: number } | undefined;
    let moved: { code: string; counter: number };
    try {
      // Read and move the counter in one writer's turn: two presses at once each read the same counter,
      // handed out the same code twice and moved the counter once.
      moved = await this.deps.credentials.batch(async (store) => {
        const credential = totpCredentialOf(await store.credential(serviceId, credentialId));
        const f = credential.fields;
        if (f.type !== 'hotp')
          throw new LatchError('ERR_BAD_INPUT', 'Only counter-based (HOTP) codes have a "next code".', {
            detail: { field: 'type' },
          });
        held = { code: hotpCode(f, f.counter), counter: f.counter + 1 };
        await store.replaceCredential(serviceId, {
          ...credential,
          fields: { ...f, counter: held.counter },
          updatedAt: this.deps.clock.now(),
        });
        return held;
      });
    } catch (e) {
      if (held !== undefined && isChangeKept(e)) return { ...held, saved: false };
      throw e;
    }
    return { ...moved, saved: true };
  }

  async copy(serviceId: string, credentialId: string): Promise<{ clearsInSeconds: number }> {
    const f = totpOf(await this.deps.credentials.credential(serviceId, credentialId));
    let code: string;
    if (f.type === 'hotp') {
      if (f.counter === 0)
        throw new LatchError('ERR_BAD_INPUT', 'No counter code has been made yet. Press "Next code" first.', {
          detail: { field: 'counter' },
        });
      code = hotpCode(f, f.counter - 1);
    } else {
      code = generateCode(f, this.deps.clock.now());
    }
    return { clearsInSeconds: await this.deps.copier.copyText(code) };
  }

  parseUri(uri: string) {
    return previewOtpAuthUri(uri);
  }

  importMigration(uri: string) {
    return previewMigration(uri);
  }

  decodeQr(png: Buffer) {
    return readQrPng(png);
  }

  decodeQrPixels(width: number, height: number, rgba: Buffer) {
    return readQrPixels(width, height, rgba);
  }

  /** All or nothing (see totp-add.ts). */
  async add(items: readonly TotpAddItem[]): Promise<{ added: { serviceId: string; credentialId: string }[] }> {
    const now = this.deps.clock.now();
    return { added: await this.deps.credentials.batch((store) => addTotpCredentials(store, items, now)) };
  }

  async showQr(serviceId: string, credentialId: string): Promise<{ uri: string; svg: string }> {
    const located = await this.deps.credentials.credential(serviceId, credentialId);
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
  }

  async #recoveryCodes(serviceId: string) {
    const body = await this.deps.credentials.body(serviceId);
    const credential = body.credentials.find(isRecoveryCodes);
    if (credential?.kind !== 'secret') return { credential: null, codes: [] };
    return { credential, codes: parseStoredBackupCodes(credential.fields.value) };
  }

  async backupCodes(serviceId: string) {
    const { credential, codes } = await this.#recoveryCodes(serviceId);
    return {
      credentialId: credential?.id ?? null,
      total: codes.length,
      left: backupCodesLeft(codes),
      codes: codes.map((c, index) => ({ index, label: maskBackupCode(c.code), used: c.used })),
    };
  }

  async setBackupCodes(serviceId: string, text: string): Promise<{ total: number }> {
    const codes = parseBackupCodes(text);
    const value = formatStoredBackupCodes(codes);
    const { credential } = await this.#recoveryCodes(serviceId);
    const { credentials } = this.deps;
    if (credential) await credentials.updateCredential(serviceId, credential.id, { fields: { value } });
    else
      await credentials.addCredential(serviceId, {
        kind: 'secret',
        name: BACKUP_CODES_CREDENTIAL,
        fields: { name: BACKUP_CODES_CREDENTIAL, value },
      });
    return { total: codes.length };
  }

  /**
   * Marks one recovery code used, then copies it. As with HOTP's next code, the code goes out only once the
   * vault says it is used: after the save, or when the save failed but the mark is held in memory for the
   * save-failed banner (`saved: false`; reapplied or kept, it reaches the file). A failure that holds
   * nothing copies nothing: a code handed out while the vault still lists it as unused would be offered again.
   * A copy that fails after the save (no clipboard) marks that one code unused again: the user never got it.
   * Each change reads the list in the writer turn it saves in, so a change another writer made to the list
   * in between (another code used) is kept, not overwritten by the list as it was read before.
   */
  async useBackupCode(
    serviceId: string,
    index: number,
  ): Promise<{ left: number; clearsInSeconds: number; saved: boolean }> {
    const picked: { code?: string; left: number } = { left: 0 };
    let saved = true;
    try {
      await this.#changeBackupCodes(serviceId, (codes) => {
        const chosen = codes[index];
        if (!chosen)
          throw new LatchError('ERR_NOT_FOUND', 'That recovery code is not in this service.', {
            detail: { field: 'index' },
          });
        const next = markBackupCodeUsed(codes, chosen.code);
        picked.code = chosen.code;
        picked.left = backupCodesLeft(next);
        return next;
      });
    } catch (e) {
      if (!isChangeKept(e)) throw e;
      saved = false;
    }
    const code = picked.code as string;
    let seconds: number;
    try {
      seconds = await this.deps.copier.copyText(code);
    } catch (e) {
      // The code never reached the user (no clipboard: no display, as over ssh or in CI): it is not used up.
      await this.#changeBackupCodes(serviceId, (codes) => unmarkBackupCode(codes, code)).catch(() => undefined);
      throw e;
    }
    return { left: picked.left, clearsInSeconds: seconds, saved };
  }

  /**
   * Reads the service's recovery codes and saves what `change` makes of them (null: nothing to save), as the
   * vault's only writer (one batch): the list changed is the list on file, not one read before another writer.
   */
  #changeBackupCodes(serviceId: string, change: (codes: BackupCode[]) => BackupCode[] | null): Promise<void> {
    return this.deps.credentials.batch(async (store) => {
      const credential = (await store.body(serviceId)).credentials.find(isRecoveryCodes);
      if (credential?.kind !== 'secret')
        throw new LatchError('ERR_NOT_FOUND', 'That recovery code is not in this service.', {
          detail: { field: 'index' },
        });
      const next = change(parseStoredBackupCodes(credential.fields.value));
      if (next === null) return;
      await store.updateCredential(serviceId, credential.id, { fields: { value: formatStoredBackupCodes(next) } });
    });
  }
}
