import { createHash } from 'node:crypto';
import type { Keychain } from '../keychain/keychain';
import { LatchError } from '../model/errors';
import { indexAad, recordAad } from './aad';
import { open as aeadOpen, exportRawKey, seal } from './aead';
import { type AtomicWriteResult, atomicWrite, type DiskState, type SaveStep } from './atomic-write';
import { NONCE_BYTES, TAG_BYTES } from './constants';
import { allocContainer, decodeContainer, finishContainer, trustedFingerprint, verifyChecksum } from './container';
import { deviceKeyName, generateDeviceKey, storeDeviceKey } from './device-key';
import { EntriesView } from './entries-view';
import type { LockOptions } from './file-lock';
import type { VaultFileSystem } from './fs-port';
import { encodeHeader, type VaultHeader } from './header';
import { newKdfParams } from './kdf';
import { deviceKek, passwordKek, tryUnwrap, wrapSlot, wrongPassword } from './key-slots';
import { decodeVaultFile } from './migrate';
import { decodeIndex, encodeIndexRows, type RowText, rowText } from './record-index';
import type { CryptoKey, JsonValue, VaultMode } from './types';

/** A record as held while unlocked: its index entry, and either its ciphertext as on disk or a pending body. */
export interface Row {
  entry: JsonValue;
  /** Revision named in the ciphertext's AAD (0 for a record never saved). */
  rev: number;
  blob: Uint8Array | null;
  /** Pending plaintext body (UTF-8 JSON), zeroed once saved or on lock. */
  body: Uint8Array | null;
  /** JSON text of entry, cached so a save re-serialises only changed entries. */
  entryJson?: string;
  /** This row's index text as bytes (checked against rev, blob length and entryJson before reuse). */
  text?: RowText;
}

type ChangeKind = 'put' | 'entry' | 'delete';
interface Change {
  kind: ChangeKind;
  seq: number;
  /** The record's revision on disk when this session first changed it (null: not on disk). */
  baseRev: number | null;
}

export type QuickUnlockState = 'off' | 'armed' | 'forgotten' | 'unknown';

export interface SaveResult {
  revision: number;
  /** Records whose bodies were encrypted by this save (the others were copied as they were). */
  encryptedRecords: number;
  /** False when the folder could not be fsynced after the rename (the new file is in place). */
  durable: boolean;
}

export interface ReloadResult {
  revision: number;
  /** Local unsaved changes re-applied on top of the file now on disk. */
  reapplied: number;
  /** Records changed (or deleted) on disk AND here; the local version was kept (or, for an entry-only edit of a deleted record, dropped). */
  conflicts: { id: string; reason: 'changed-on-disk' | 'deleted-on-disk' }[];
}

/** Internal: how an OpenVault comes to life (openVault / createVault). */
export interface OpenVaultInit {
  path: string;
  fs: VaultFileSystem;
  keychain: Keychain | undefined;
  header: VaultHeader;
  vaultKey: CryptoKey;
  kek: { slot: 'password' | 'device'; key: CryptoKey } | null;
  deviceKey: Uint8Array | null;
  rows: Map<string, Row>;
  disk: DiskState | null;
  diskGood: boolean;
  openedFrom: 'main' | 'backup';
  quickUnlock: QuickUnlockState;
  dirty: boolean;
  lock?: LockOptions;
  onSaveStep?: (step: SaveStep) => Promise<void> | void;
}

const enc = new TextEncoder();
const MAX_ID = 256;

function locked(): LatchError {
  return new LatchError('ERR_VAULT_LOCKED', 'The vault is locked; unlock it first.');
}

/**
 * An unlocked vault. Index entries are in memory; record bodies stay encrypted until read.
 * Changes are kept in memory (isDirty) until save(). lock() drops every key.
 *
 * Key handling: the vault key is a non-extractable WebCrypto key. To re-wrap it (password
 * change, quick unlock) the slot it came from is unwrapped again, extractable, for that one
 * wrapKey call; raw key bytes never enter JS memory. The key-encryption key of the slot used
 * to unlock is kept (non-extractable) for that purpose. In hardened mode the device key is
 * kept as bytes (needed with the old password on a password change) and zeroed on lock.
 */
export class OpenVault {
  readonly path: string;
  readonly id: string;
  private readonly fs: VaultFileSystem;
  private readonly keychain: Keychain | undefined;
  private header: VaultHeader;
  private vaultKey: CryptoKey | null;
  private kek: OpenVaultInit['kek'];
  private deviceKey: Uint8Array | null;
  private rows: Map<string, Row>;
  private view: EntriesView;
  private changes = new Map<string, Change>();
  private seq = 0;
  private headerSeq = 0;
  private disk: DiskState | null;
  private diskGood: boolean;
  private _openedFrom: 'main' | 'backup';
  private _quickUnlock: QuickUnlockState;
  private saving: Promise<unknown> = Promise.resolve();
  private readonly lockOptions: LockOptions | undefined;
  private readonly onSaveStep: OpenVaultInit['onSaveStep'];

  constructor(init: OpenVaultInit) {
    this.path = init.path;
    this.id = init.header.vaultId;
    this.fs = init.fs;
    this.keychain = init.keychain;
    this.header = init.header;
    this.vaultKey = init.vaultKey;
    this.kek = init.kek;
    this.deviceKey = init.deviceKey;
    this.rows = init.rows;
    this.view = new EntriesView(this.rows);
    this.disk = init.disk;
    this.diskGood = init.diskGood;
    this._openedFrom = init.openedFrom;
    this._quickUnlock = init.quickUnlock;
    this.lockOptions = init.lock;
    this.onSaveStep = init.onSaveStep;
    if (init.dirty) this.headerSeq = ++this.seq;
  }

  get isLocked(): boolean {
    return this.vaultKey === null;
  }
  get isDirty(): boolean {
    return this.changes.size > 0 || this.headerSeq > 0;
  }
  get mode(): VaultMode {
    return this.header.mode;
  }
  get revision(): number {
    return this.header.revision;
  }
  get iterations(): number {
    return this.header.kdf.iterations;
  }
  get formatVersion(): number {
    return this.header.format;
  }
  /** 'backup' when the main file was damaged and `<vault>.bak` was opened; the next save restores the main file. */
  get openedFrom(): 'main' | 'backup' {
    return this._openedFrom;
  }
  /** off; armed (the keychain holds the device key); forgotten (lock-and-forget removed it); unknown (keychain unreachable). */
  get quickUnlock(): QuickUnlockState {
    return this._quickUnlock;
  }

  private key(): CryptoKey {
    if (this.vaultKey === null) throw locked();
    return this.vaultKey;
  }

  entries(): ReadonlyMap<string, JsonValue> {
    this.key();
    return this.view;
  }

  async readRecord(id: string): Promise<JsonValue> {
    const key = this.key();
    const row = this.rows.get(id);
    if (!row) throw new LatchError('ERR_NOT_FOUND', `No record "${id}" in this vault.`, { detail: { id } });
    if (row.body) return JSON.parse(Buffer.from(row.body).toString('utf8')) as JsonValue;
    if (!row.blob) throw new LatchError('ERR_INTERNAL', 'Record has neither body nor ciphertext.');
    let plain: Uint8Array;
    try {
      plain = await aeadOpen(key, row.blob, recordAad(this.id, id, row.rev));
    } catch {
      throw new LatchError(
        'ERR_VAULT_CORRUPT',
        `Record "${id}" failed to decrypt: the vault file is damaged or was tampered with.`,
        {
          detail: { part: 'record', id },
        },
      );
    }
    try {
      return JSON.parse(Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('utf8')) as JsonValue;
    } finally {
      plain.fill(0);
    }
  }

  private note(id: string, kind: ChangeKind): void {
    const prev = this.changes.get(id);
    const onDisk = this.rows.get(id);
    const baseRev = prev ? prev.baseRev : onDisk && onDisk.blob !== null && onDisk.rev > 0 ? onDisk.rev : null;
    this.changes.set(id, { kind: prev?.kind === 'put' && kind === 'entry' ? 'put' : kind, seq: ++this.seq, baseRev });
  }

  /** Adds or replaces a record. entry goes to the index (decrypted at unlock); body is encrypted on its own. */
  putRecord(id: string, entry: JsonValue, body: JsonValue): void {
    this.key();
    checkId(id);
    const { value: entryCopy, json: entryJson } = jsonCopy(entry, 'entry');
    const bodyText = JSON.stringify(body);
    if (bodyText === undefined) throw new LatchError('ERR_BAD_INPUT', 'A record body must be a JSON value.');
    const old = this.rows.get(id);
    this.note(id, 'put');
    old?.body?.fill(0);
    this.rows.set(id, { entry: entryCopy, rev: old?.rev ?? 0, blob: null, body: enc.encode(bodyText), entryJson });
  }

  /** Changes a record's index entry only; its body ciphertext is kept as is. */
  setEntry(id: string, entry: JsonValue): void {
    this.key();
    const row = this.rows.get(id);
    if (!row) throw new LatchError('ERR_NOT_FOUND', `No record "${id}" in this vault.`, { detail: { id } });
    const { value: entryCopy, json: entryJson } = jsonCopy(entry, 'entry');
    this.note(id, 'entry');
    this.rows.set(id, { ...row, entry: entryCopy, entryJson });
  }

  deleteRecord(id: string): boolean {
    this.key();
    const row = this.rows.get(id);
    if (!row) return false;
    this.note(id, 'delete');
    row.body?.fill(0);
    this.rows.delete(id);
    return true;
  }

  /** Writes the vault atomically (see atomic-write.ts). Re-encrypts only records changed since the last save. */
  save(): Promise<SaveResult> {
    const run = this.saving.then(
      () => this.doSave(),
      () => this.doSave(),
    );
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async doSave(): Promise<SaveResult> {
    const key = this.key();
    if (!this.isDirty && this.disk !== null)
      return { revision: this.header.revision, encryptedRecords: 0, durable: true };
    const seqAtStart = this.seq;
    const header: VaultHeader = { ...this.header, revision: this.header.revision + 1 };
    const revision = header.revision;
    // Two flat arrays rather than 10,000 [id, row] pairs: less to allocate per save.
    const ids = [...this.rows.keys()];
    const snapshot = [...this.rows.values()];
    // Encoded while atomicWrite takes the lock and checks the disk (I/O); awaited before the temporary is written.
    const encoding = this.encode(key, ids, snapshot, header);
    encoding.catch(() => undefined);

    // The read-back is byte-compared with the encoded bytes first, so its checksum holds; decrypting proves the key and AAD.
    const verify = async (back: Uint8Array) => {
      const e = await encoding;
      const c = decodeContainer(back);
      const plain = await aeadOpen(key, c.index, indexAad(c.headerBytes));
      const same = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).equals(e.indexPlain);
      plain.fill(0);
      if (!same) throw new Error('index read back differs');
      await Promise.all(
        e.freshAt.map((i) => {
          const off = e.offs[i]!;
          const blob = c.records.subarray(off, off + e.blobs[i]!.length);
          return aeadOpen(key, blob, recordAad(this.id, ids[i]!, revision));
        }),
      );
    };

    let result: AtomicWriteResult;
    try {
      result = await atomicWrite({
        fs: this.fs,
        path: this.path,
        bytes: encoding.then((e) => e.bytes),
        expected: this.disk,
        keepBackup: this.diskGood,
        verify,
        ...(this.lockOptions ? { lock: this.lockOptions } : {}),
        ...(this.onSaveStep ? { onStep: this.onSaveStep } : {}),
      });
    } finally {
      await encoding.then(
        (e) => e.indexPlain.fill(0),
        () => undefined,
      );
    }
    const { freshAt, blobs, texts } = await encoding;

    // Committed: adopt the new file as the in-memory base. Changes made while saving stay pending.
    this.header = header;
    // Unchanged rows keep their ciphertext (a view of the file they were read from); only fresh ones move.
    for (const i of freshAt) {
      const id = ids[i]!;
      const row = snapshot[i]!;
      const saved: Row = { entry: row.entry, rev: revision, blob: blobs[i]!, body: null, text: texts[i]! };
      if (row.entryJson !== undefined) saved.entryJson = row.entryJson;
      const current = this.rows.get(id);
      // A row replaced while saving stays pending as it is now.
      if (current === row) {
        this.rows.set(id, saved);
        row.body?.fill(0);
      }
    }
    for (const [id, c] of this.changes) if (c.seq <= seqAtStart) this.changes.delete(id);
    if (this.headerSeq <= seqAtStart) this.headerSeq = 0;
    this.disk = result.disk;
    this.diskGood = true;
    return { revision, encryptedRecords: freshAt.length, durable: result.durable };
  }

  /**
   * The new file's bytes. Only changed bodies are encrypted (in parallel on the thread pool); the other
   * ciphertexts are copied once, straight into the file buffer. Unchanged rows' index text comes from
   * their cached RowText (only the offset is written anew). Hashes: the records section once (for the
   * index) and the file once (its checksum); the fingerprint is read from that checksum.
   */
  private async encode(key: CryptoKey, ids: string[], snapshot: Row[], header: VaultHeader) {
    const revision = header.revision;
    const n = snapshot.length;
    const freshAt: number[] = [];
    for (let i = 0; i < n; i++) if (snapshot[i]!.body !== null) freshAt.push(i);
    const sealed = await Promise.all(
      freshAt.map((i) => {
        const id = ids[i]!;
        const row = snapshot[i]!;
        return seal(key, row.body!, recordAad(this.id, id, revision));
      }),
    );
    const blobs: Uint8Array[] = new Array(n);
    for (let j = 0; j < freshAt.length; j++) blobs[freshAt[j]!] = sealed[j]!;
    const texts: RowText[] = new Array(n);
    const offs: number[] = new Array(n);
    let off = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      const row = snapshot[i]!;
      row.entryJson ??= JSON.stringify(row.entry);
      const json = row.entryJson;
      let blob = blobs[i];
      let text: RowText;
      if (blob !== undefined) {
        text = rowText(id, revision, blob.length, json);
      } else {
        blob = blobs[i] = row.blob!;
        const cached = row.text;
        if (cached !== undefined && cached.rev === row.rev && cached.len === blob.length && cached.json === json) {
          text = cached;
        } else {
          text = rowText(id, row.rev, blob.length, json);
          row.text = text;
        }
      }
      texts[i] = text;
      offs[i] = off;
      off += blob.length;
    }
    const headerBytes = encodeHeader(header);
    const { plain: indexPlain, shaAt } = encodeIndexRows(revision, texts, offs);
    const { bytes, indexAt, recordsAt } = allocContainer(headerBytes, NONCE_BYTES + indexPlain.length + TAG_BYTES, off);
    // Unchanged neighbours usually lie back to back in the file they were read from: copy them as one run.
    for (let i = 0; i < n; ) {
      const first = blobs[i]!;
      let end = first.byteOffset + first.length;
      let j = i + 1;
      for (; j < n; j++) {
        const b = blobs[j]!;
        if (b.buffer !== first.buffer || b.byteOffset !== end) break;
        end += b.length;
      }
      bytes.set(new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset), recordsAt + offs[i]!);
      i = j;
    }
    const recordsSha256 = createHash('sha256')
      .update(bytes.subarray(recordsAt, recordsAt + off))
      .digest('hex');
    indexPlain.write(recordsSha256, shaAt, 'latin1');
    const index = await seal(key, indexPlain, indexAad(headerBytes));
    bytes.set(index, indexAt);
    finishContainer(bytes);
    return { bytes, indexPlain, freshAt, blobs, offs, texts };
  }

  /**
   * Re-reads the file (after ERR_VAULT_CHANGED_ON_DISK) and re-applies this session's unsaved changes on top.
   * The vault key is unchanged by password changes elsewhere, so no password is needed.
   */
  async reload(): Promise<ReloadResult> {
    await this.saving;
    const key = this.key();
    const stat = await this.fs.stat(this.path);
    if (stat === null) throw new LatchError('ERR_VAULT_NOT_FOUND', 'The vault file is gone; save to write it again.');
    const bytes = await this.fs.readFile(this.path);
    verifyChecksum(bytes);
    const file = decodeVaultFile(bytes);
    if (file.header.vaultId !== this.id) {
      throw new LatchError(
        'ERR_VAULT_CHANGED_ON_DISK',
        'The file at this path is now a different vault; open it separately instead of reloading.',
        { detail: { reason: 'different-vault' } },
      );
    }
    const { rows: diskRows, revision } = await decryptIndex(key, file.container, file.header);

    const rows = diskRows;
    const conflicts: ReloadResult['conflicts'] = [];
    let reapplied = 0;
    const ordered = [...this.changes].sort((a, b) => a[1].seq - b[1].seq);
    for (const [id, c] of ordered) {
      const there = rows.get(id);
      const mine = this.rows.get(id);
      const diskRev = there ? there.rev : null;
      if (diskRev !== c.baseRev) conflicts.push({ id, reason: there ? 'changed-on-disk' : 'deleted-on-disk' });
      if (c.kind === 'delete') {
        if (there) rows.delete(id);
        reapplied++;
      } else if (c.kind === 'put' && mine) {
        rows.set(id, { ...mine, rev: there?.rev ?? 0 });
        reapplied++;
        c.baseRev = diskRev;
      } else if (c.kind === 'entry' && mine) {
        if (there) {
          rows.set(id, { ...there, entry: mine.entry });
          reapplied++;
          c.baseRev = diskRev;
        } else {
          this.changes.delete(id);
        }
      }
      if (c.kind === 'delete') c.baseRev = diskRev;
    }
    this.header = file.header;
    this.rows = rows;
    this.view = new EntriesView(rows);
    this.disk = { stat, fingerprint: trustedFingerprint(bytes) };
    this.diskGood = true;
    this._openedFrom = 'main';
    if (file.migrated) this.headerSeq = ++this.seq;
    return { revision, reapplied, conflicts };
  }

  /**
   * Throws ERR_WRONG_PASSWORD unless `password` opens this vault's password slot. Exports of
   * secrets ask for it again, so a script in the renderer cannot take them on its own.
   */
  async verifyPassword(password: string): Promise<void> {
    this.key();
    const kek = await passwordKek(password, this.header, this.deviceKey);
    if ((await tryUnwrap(this.header, 'password', kek, false)) === null) throw wrongPassword();
  }

  /** Re-wraps the vault key under a new password (records are not re-encrypted), and saves. Needs the current password. */
  async changePassword(oldPassword: string, newPassword: string, options: { iterations?: number } = {}): Promise<void> {
    this.key();
    if (newPassword.length === 0) throw new LatchError('ERR_BAD_INPUT', 'The new password is empty.');
    const oldKek = await passwordKek(oldPassword, this.header, this.deviceKey);
    const extractable = await tryUnwrap(this.header, 'password', oldKek, true);
    if (extractable === null) throw wrongPassword();
    const kdf = newKdfParams(options.iterations ?? this.header.kdf.iterations);
    const next: VaultHeader = { ...this.header, kdf, slots: { ...this.header.slots } };
    const newKek = await passwordKek(newPassword, next, this.deviceKey);
    next.slots.password = await wrapSlot(next, 'password', extractable, newKek);
    await this.commitHeader(next);
    this.kek = { slot: 'password', key: newKek };
  }

  /** Raises (or lowers, not below the floor) the PBKDF2 cost; needs the password to re-wrap. */
  async setIterations(iterations: number, password: string): Promise<void> {
    await this.changePassword(password, password, { iterations });
  }

  /** Stores a fresh device key in the OS keychain and a copy of the vault key wrapped by it in the file; saves. */
  async enableQuickUnlock(): Promise<void> {
    this.key();
    if (this.header.mode === 'hardened') {
      throw new LatchError(
        'ERR_BAD_INPUT',
        'Quick unlock is not available in hardened mode: it would skip the password.',
      );
    }
    const keychain = await this.requireKeychain();
    const extractable = this.kek ? await tryUnwrap(this.header, this.kek.slot, this.kek.key, true) : null;
    if (extractable === null) {
      throw new LatchError(
        'ERR_VAULT_LOCKED',
        'Unlock the vault again with the master password to turn on quick unlock.',
      );
    }
    const name = deviceKeyName(this.id);
    const previous = await keychain.get(name);
    const deviceKey = generateDeviceKey();
    try {
      const next: VaultHeader = { ...this.header, slots: { ...this.header.slots } };
      next.slots.device = await wrapSlot(next, 'device', extractable, await deviceKek(deviceKey));
      await storeDeviceKey(keychain, this.id, deviceKey);
      try {
        await this.commitHeader(next);
      } catch (e) {
        await (previous === null ? keychain.delete(name) : keychain.set(name, previous)).catch(() => undefined);
        throw e;
      }
    } finally {
      deviceKey.fill(0);
    }
    this._quickUnlock = 'armed';
  }

  /**
   * The vault key's raw bytes, for the command-line agent (`latch unlock --for`), which hands them only to
   * processes of this user. The one place raw key bytes enter JS memory: the caller zeroes them when done.
   */
  async exportKeyForAgent(): Promise<Uint8Array> {
    this.key();
    const extractable = this.kek ? await tryUnwrap(this.header, this.kek.slot, this.kek.key, true) : null;
    if (extractable === null) {
      throw new LatchError(
        'ERR_VAULT_LOCKED',
        'Unlock the vault with the master password to hand its key to the agent.',
      );
    }
    return exportRawKey(extractable);
  }

  /** Removes the device-key slot from the file (saving) and the device key from the keychain. */
  async disableQuickUnlock(): Promise<void> {
    this.key();
    if (this.header.slots.device !== undefined) {
      await this.commitHeader({ ...this.header, slots: { password: this.header.slots.password } });
    }
    if (this.kek?.slot === 'device') this.kek = null;
    await this.keychain?.delete(deviceKeyName(this.id)).catch(() => undefined);
    this._quickUnlock = 'off';
  }

  private async requireKeychain(): Promise<Keychain> {
    if (!this.keychain || !(await this.keychain.available())) {
      throw new LatchError(
        'ERR_KEYCHAIN_UNAVAILABLE',
        'The OS keychain is not reachable, so quick unlock cannot be turned on. The master password keeps working.',
      );
    }
    return this.keychain;
  }

  /** Applies a header change by saving; on failure the previous header is back in place. */
  private async commitHeader(next: VaultHeader): Promise<void> {
    await this.saving;
    const prev = this.header;
    const prevSeq = this.headerSeq;
    this.header = next;
    this.headerSeq = ++this.seq;
    try {
      await this.save();
    } catch (e) {
      if (this.header === next) {
        this.header = prev;
        this.headerSeq = prevSeq;
      }
      throw e;
    }
  }

  /** Drops the keys and every decrypted value. Unsaved changes are discarded: save first. */
  lock(): void {
    for (const row of this.rows.values()) row.body?.fill(0);
    this.rows = new Map();
    this.view = new EntriesView(this.rows);
    this.changes.clear();
    this.headerSeq = 0;
    this.deviceKey?.fill(0);
    this.deviceKey = null;
    this.vaultKey = null;
    this.kek = null;
  }

  close(): void {
    this.lock();
  }
}

function checkId(id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) {
    throw new LatchError('ERR_BAD_INPUT', `A record id must be 1 to ${MAX_ID} characters.`, {
      detail: { field: 'id' },
    });
  }
}

function jsonCopy(value: JsonValue, what: string): { value: JsonValue; json: string } {
  const json = JSON.stringify(value);
  if (json === undefined) throw new LatchError('ERR_BAD_INPUT', `A record ${what} must be a JSON value.`);
  return { value: JSON.parse(json) as JsonValue, json };
}

/** Decrypts the index with the vault key and checks it against the header and the records section. */
export async function decryptIndex(
  key: CryptoKey,
  container: { headerBytes: Uint8Array; index: Uint8Array; records: Uint8Array },
  header: VaultHeader,
  recordsSha256?: Promise<string> | string,
): Promise<{ rows: Map<string, Row>; revision: number }> {
  let plain: Uint8Array;
  try {
    plain = await aeadOpen(key, container.index, indexAad(container.headerBytes));
  } catch {
    throw new LatchError(
      'ERR_VAULT_CORRUPT',
      'The vault index failed to decrypt: the file is damaged or was tampered with (its header or index changed).',
      { detail: { part: 'index' } },
    );
  }
  let decoded: ReturnType<typeof decodeIndex>;
  try {
    decoded = decodeIndex(plain, container.records);
  } finally {
    plain.fill(0);
  }
  if (decoded.revision !== header.revision) {
    throw new LatchError('ERR_VAULT_CORRUPT', 'The vault index does not belong to this header revision.', {
      detail: { part: 'index' },
    });
  }
  const actual = await (recordsSha256 ?? createHash('sha256').update(container.records).digest('hex'));
  if (actual !== decoded.recordsSha256) {
    throw new LatchError('ERR_VAULT_CORRUPT', 'The records section of the vault is damaged or was tampered with.', {
      detail: { part: 'records' },
    });
  }
  return { rows: decoded.rows, revision: decoded.revision };
}
