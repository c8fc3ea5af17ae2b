import type { RecordVault } from '../credentials/record-vault';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import { applyCredentialImport } from './credential-import';
import { detectImportFormat } from './detect-format';
import { planEnvImport } from './env-import';
import { planGcpServiceAccountImport } from './gcp-service-account-import';
import { MAX_SERVICE_ACCOUNT_BYTES } from './gcp-service-account-parse';
import type { CredentialImportFormat, CredentialImportPlan, ImportFormat, ImportResult } from './import-types';
import { applyLatchBackupImport, type BackupImportPlan, planLatchBackupImport } from './latch-backup-import';
import { planPostmanImport } from './postman-import';
import { MAX_IMPORT_BYTES, readCappedFile } from './read-capped';
import { serviceNameFromFile } from './service-name-from-file';

export type ImportPlan =
  | { format: CredentialImportFormat; plan: CredentialImportPlan }
  | { format: 'latch'; plan: BackupImportPlan };

export interface ImportFileOptions {
  path: string;
  /** Given: used as is. Otherwise detected from the content and the extension. */
  format?: ImportFormat;
  /** env/postman/gcp-service-account: the target service (created if missing). Default: from the file (the Postman name, the Google project). */
  service?: string;
  /** latch: the backup's password, or how to ask for it (only asked when the file is a backup). */
  backupPassword?: string | (() => Promise<string>);
}

/** Reads and plans an import of any supported file; nothing is written. */
export async function planImportFile(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  o: ImportFileOptions,
): Promise<ImportPlan> {
  // A key file named as such is refused by its size before a byte is read: it is about 2 KB.
  // Only a regular file: the app's file dialog can pick a FIFO, and one with no writer would hold the import.
  const bytes: Uint8Array =
    o.format === 'gcp-service-account'
      ? await readCappedFile(o.path, MAX_SERVICE_ACCOUNT_BYTES, {
          what: `the key file ${o.path}`,
          advice: 'A service-account key file is about 2 KB; choose the key file itself.',
          regularOnly: true,
        })
      : await readCappedFile(o.path, MAX_IMPORT_BYTES, {
          what: `the file ${o.path}`,
          advice: 'Split it, or check it is the right file.',
          regularOnly: true,
        });
  const format = o.format ?? detectImportFormat(o.path, bytes);
  const service = o.service?.trim() ? o.service.trim() : undefined;
  switch (format) {
    case 'env':
      return {
        format,
        plan: await planEnvImport(vault, Buffer.from(bytes).toString('utf8'), service ?? serviceNameFromFile(o.path)),
      };
    case 'postman':
      return {
        format,
        plan: await planPostmanImport(
          vault,
          Buffer.from(bytes).toString('utf8'),
          service ?? null,
          serviceNameFromFile(o.path),
        ),
      };
    case 'gcp-service-account':
      return {
        format,
        plan: await planGcpServiceAccountImport(vault, Buffer.from(bytes).toString('utf8'), service ?? null),
      };
    case 'latch': {
      if (service !== undefined) {
        throw new LatchError(
          'ERR_BAD_INPUT',
          'A Latch backup brings its own services; --service applies to .env, Postman and service-account imports only.',
          { detail: { field: 'service' } },
        );
      }
      const password = typeof o.backupPassword === 'function' ? await o.backupPassword() : o.backupPassword;
      if (!password) {
        throw new LatchError('ERR_BAD_INPUT', 'A Latch backup needs its password to be read.', {
          detail: { field: 'backupPassword' },
        });
      }
      return { format, plan: await planLatchBackupImport(vault, o.path, password) };
    }
  }
}

/** Writes a planned import: the chosen items (variables, or backup service names), default the ticked ones. */
export function applyImportPlan(
  vault: RecordVault,
  clock: Clock,
  plan: ImportPlan,
  selected?: readonly string[],
): Promise<ImportResult> {
  return plan.format === 'latch'
    ? applyLatchBackupImport(vault, plan.plan, selected)
    : applyCredentialImport(vault, clock, plan.plan, selected);
}
