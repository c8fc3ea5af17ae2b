import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Keychain } from '../keychain/keychain';
import { LatchError } from '../model/errors';
import { verifyChecksum } from './container';
import { deviceKeyName, storeDeviceKey } from './device-key';
import { allRows, type DecodedRow, decryptIndex, decryptRecordBytes } from './format/v1/read';
import { encodeFile, verifyWritten, type WritableRow } from './format/v1/write';
import type { VaultFileSystem } from './fs-port';
import type { VaultHeader } from './header';
import { decodeVaultFile } from './migrate';
import type { CryptoKey } from './types';

/**
 * Re-keying (docs/security.md, "Keys after a password change"): a password change only re-wraps the
 * vault key, so a copy of the file taken earlier (a backup, a sync tool's history, a stolen laptop
 * image) plus the old password still yields the key, and with it every record written later. A re-key
 * draws a new vault key and re-encrypts every record; the copies still under the old key are deleted or
 * re-keyed, as the user chooses.
 */
export type OldBackups = 'delete' | 'rekey';

export interface RekeyOptions {
  /** What to do with the backups still encrypted under the old key. */
  backups: OldBackups;
  /** Other copies of this vault to treat like `<vault>.bak` (the app's automatic backups). */
  backupFiles?: readonly string[];
  iterations?: number;
}

export interface RekeyResult {
  revision: number;
  /** Records re-encrypted under the new key. */
  records: number;
  /** Backups re-keyed or deleted (full paths). */
  backups: string[];
  /** Copies still under the old key because they could not be changed (the message said which). */
  leftBehind: string[];
}

/** A backup re-encoded under the new key, written beside it, renamed over it once the vault itself is re-keyed. */
export interface StagedBackup {
  path: string;
  tmp: string;
}

const errno = (e: unknown) => (e as { code?: string } | null)?.code;

/** Decrypts every record of rows whose body is not pending (under the old key) into a pending body. */
export async function withBodies(
  oldKey: CryptoKey,
  vaultId: string,
  ids: readonly string[],
  rows: readonly WritableRow[],
): Promise<WritableRow[]> {
  return Promise.all(
    rows.map(async (row, i) => {
      const body = row.body ?? (await decryptRecordBytes(oldKey, vaultId, ids[i]!, row.rev, row.blob!));
      const copy: WritableRow = { entry: row.entry, rev: row.rev, blob: null, body: body.slice() };
      if (row.body === null) body.fill(0);
      if (row.entryJson !== undefined) copy.entryJson = row.entryJson;
      return copy;
    }),
  );
}

/**
 * Re-encodes one backup file of this vault under the new key and header (keeping its own revision and
 * content), writes it to a temporary beside it and checks it reads back. Returns null for a file that is
 * missing or is not a copy of this vault under the old key (it is left alone).
 */
export async function stageBackup(
  fs: VaultFileSystem,
  path: string,
  oldKey: CryptoKey,
  newKey: CryptoKey,
  newHeader: VaultHeader,
): Promise<StagedBackup | null> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    if (errno(e) === 'ENOENT') return null;
    throw e;
  }
  let file: ReturnType<typeof decodeVaultFile>;
  let rows: Map<string, DecodedRow>;
  try {
    verifyChecksum(bytes);
    file = decodeVaultFile(bytes);
    if (file.header.vaultId !== newHeader.vaultId) return null;
    rows = allRows((await decryptIndex(oldKey, file.container, file.header)).rows);
  } catch (e) {
    if (e instanceof LatchError) return null;
    throw e;
  }
  const ids = [...rows.keys()];
  const plain = await withBodies(oldKey, newHeader.vaultId, ids, [...rows.values()]);
  const header: VaultHeader = { ...newHeader, revision: file.header.revision };
  const encoded = await encodeFile(newKey, header, ids, plain);
  for (const row of plain) row.body?.fill(0);
  // Not `.<vault>.*.tmp`: a save's cleanup step removes those, and the vault is saved before this is renamed.
  const tmp = join(dirname(path), `.rekey-${randomBytes(6).toString('hex')}-${basename(path)}.tmp`);
  try {
    const fh = await fs.createExclusive(tmp, 0o600);
    try {
      await fh.write(encoded.bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    const back = await fs.readFile(tmp);
    if (!Buffer.from(back).equals(encoded.bytes)) throw new Error('re-keyed backup read back differs');
    await verifyWritten(newKey, header, ids, encoded, back);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  } finally {
    encoded.indexPlain.fill(0);
  }
  return { path, tmp };
}

/** Puts a new quick-unlock device key in the keychain; returns how to put the previous one back. */
export async function swapDeviceKey(
  keychain: Keychain,
  vaultId: string,
  deviceKey: Uint8Array,
): Promise<() => Promise<void>> {
  const name = deviceKeyName(vaultId);
  const previous = await keychain.get(name);
  await storeDeviceKey(keychain, vaultId, deviceKey);
  return async () => {
    await (previous === null ? keychain.delete(name) : keychain.set(name, previous)).catch(() => undefined);
  };
}

/**
 * After the vault itself is re-keyed: staged backups are renamed over the old ones ('rekey'), or the old
 * ones are deleted ('delete'). A failure here loses nothing (the vault is done, and a backup is either
 * the old or the new file); what could not be changed is reported, so the user can delete it.
 */
export async function finishBackups(
  fs: VaultFileSystem,
  choice: OldBackups,
  paths: readonly string[],
  staged: readonly StagedBackup[],
): Promise<Pick<RekeyResult, 'backups' | 'leftBehind'>> {
  const backups: string[] = [];
  const leftBehind: string[] = [];
  if (choice === 'rekey') {
    for (const s of staged) {
      try {
        await fs.rename(s.tmp, s.path);
        backups.push(s.path);
      } catch {
        await fs.unlink(s.tmp).catch(() => undefined);
        leftBehind.push(s.path);
      }
    }
    // A copy that was not staged (unreadable, damaged, not this vault's old key) is left as it was.
    return { backups, leftBehind };
  }
  for (const path of paths) {
    try {
      await fs.unlink(path);
      backups.push(path);
    } catch (e) {
      if (errno(e) !== 'ENOENT') leftBehind.push(path);
    }
  }
  return { backups, leftBehind };
}
