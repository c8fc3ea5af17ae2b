import { basename } from 'node:path';
import type { Keychain } from '../keychain/keychain';
import { isLatchError, LatchError } from '../model/errors';
import { exportRawKey } from './aead';
import { type AtomicWriteResult, atomicWrite, checkUnchanged, type DiskState, type SaveStep } from './atomic-write';
import { ChangeJournal, type ChangeKind } from './change-journal';
import { type Checkpoint, UndoLog } from './checkpoint';
import { trustedFingerprint, verifyChecksum } from './container';
import { deviceKeyName, generateDeviceKey, storeDeviceKey } from './device-key';
import type { LockOptions } from './file-lock';
import { allRows, decryptIndex, decryptRecord } from './format/v1/read';
import { type EncodedFile, encodeFile, verifyWritten, type WritableRow } from './format/v1/write';
import type { VaultFileSystem } from './fs-port';
import type { VaultHeader } from './header';
import {
  deviceKek,
  newKeyHeader,
  passwordKek,
  rewrapPasswordSlot,
  tryUnwrap,
  wrapSlot,
  wrongPassword,
} from './key-slots';
import { type Conflict, mergeOnto } from './merge';
import { decodeVaultFile } from './migrate';
import { type LazyRows, RecordStore, type Row } from './record-store';
import {
  finishBackups,
  type RekeyOptions,
  type RekeyResult,
  type StagedBackup,
  stageBackup,
  swapDeviceKey,
  withBodies,
} from './rekey';
import type { CryptoKey, JsonValue, VaultMode } from './types';
import { WriterTurns } from './writer-turns';

/** A change not yet on disk: the record's id and its index entry, so that it can be named (null: deleted). */
export interface UnsavedRecord {
  id: string;
  entry: JsonValue | null;
}

export type { Row } from './record-store';

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
  conflicts: Conflict[];
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
  /** Every row, or an index that parses them on demand (format/v1/index-lines.ts). */
  rows: Map<string, Row> | LazyRows;
  disk: DiskState | null;
  diskGood: boolean;
  openedFrom: 'main' | 'backup';
  quickUnlock: QuickUnlockState;
  dirty: boolean;
  /** A backup opened to read (`--vault FILE.bak`): every write is refused, so the backup stays as it was. */
  readOnly?: boolean;
  lock?: LockOptions;
  onSaveStep?: (step: SaveStep) => Promise<void> | void;
}

/** A file written by writeFile, not yet adopted. */
interface Written {
  encoded: EncodedFile;
  disk: DiskState;
  durable: boolean;
}

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
  private readonly store: RecordStore;
  private readonly journal = new ChangeJournal();
  private disk: DiskState | null;
  private diskGood: boolean;
  private _openedFrom: 'main' | 'backup';
  private _quickUnlock: QuickUnlockState;
  private saving: Promise<unknown> = Promise.resolve();
  private readonly lockOptions: LockOptions | undefined;
  private readonly onSaveStep: OpenVaultInit['onSaveStep'];
  private rekeying = false;
  /** Saves and re-keys writing now: their encoding reads the bodies and the device key until the file is written. */
  private writes = 0;
  /** A lock came while one was writing: the wipe waits for the last to settle (see lock()). */
  private wipeWhenWritten = false;
  /** The save writing the file now: the journal mark it writes up to, and its end (see writingSave()). */
  private writingNow: { upTo: number; done: Promise<unknown> } | null = null;
  /** Open checkpoints (checkpoint()): each keeps the first state of every record changed since it was taken. */
  private readonly undoLogs = new Set<UndoLog>();
  private readonly writers = new WriterTurns();
  readonly readOnly: boolean;

  constructor(init: OpenVaultInit) {
    this.path = init.path;
    this.id = init.header.vaultId;
    this.fs = init.fs;
    this.keychain = init.keychain;
    this.header = init.header;
    this.vaultKey = init.vaultKey;
    this.kek = init.kek;
    this.deviceKey = init.deviceKey;
    this.store = new RecordStore(init.rows);
    this.disk = init.disk;
    this.diskGood = init.diskGood;
    this._openedFrom = init.openedFrom;
    this._quickUnlock = init.quickUnlock;
    this.lockOptions = init.lock;
    this.onSaveStep = init.onSaveStep;
    this.readOnly = init.readOnly === true;
    if (init.dirty) this.journal.noteHeader();
  }

  get isLocked(): boolean {
    return this.vaultKey === null;
  }
  get isDirty(): boolean {
    return this.journal.isDirty;
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

  /** Writes wait while a re-key runs: a row changed under the old key then would be lost or unreadable. */
  private refuseIfReadOnly(): void {
    if (!this.readOnly) return;
    throw new LatchError(
      'ERR_VAULT_READ_ONLY',
      `${basename(this.path)} is opened read-only (it is a backup): nothing was changed. To use it as the vault again, move the damaged vault aside and copy the backup over it ("latch status" shows how).`,
      { detail: { path: this.path } },
    );
  }

  private writable(): void {
    this.key();
    this.refuseIfReadOnly();
    if (this.rekeying) {
      throw new LatchError('ERR_VAULT_BUSY', 'The vault is being re-keyed; try again in a moment.');
    }
  }

  entries(): ReadonlyMap<string, JsonValue> {
    this.key();
    return this.store.entries;
  }

  /**
   * The entries whose index text (the record's row, as the index holds it), lowercased, contains needle: every
   * such entry and possibly others, so the caller checks each. Null when the vault cannot tell without reading
   * every entry (its index is all parsed already, or is of the first layout): search entries() then. Lets a
   * lookup by name (`latch get`) parse a few rows of 10,000 instead of all of them.
   */
  entriesMentioning(needle: string): [string, JsonValue][] | null {
    this.key();
    return this.store.rowsMentioning(needle)?.map(([id, row]) => [id, row.entry]) ?? null;
  }

  /** False while the index's rows are parsed on demand (nothing has needed them all yet). */
  get indexFullyParsed(): boolean {
    return this.store.fullyParsed;
  }

  /**
   * The records changed since the last save, oldest first, with their index entries (null: deleted).
   * `after`: only those changed after that journal mark (what a save writing up to it leaves out).
   */
  unsavedRecords(after = 0): UnsavedRecord[] {
    this.key();
    return this.journal
      .ordered()
      .filter(([, c]) => c.seq > after)
      .map(([id]) => ({ id, entry: this.store.entries.get(id) ?? null }));
  }

  /**
   * The save writing the file now, if one is: the journal mark it writes up to and a promise of its end. A
   * lock does not stop it (it finishes or fails whole, bounded by the disk), so a lock that wants to say what
   * it dropped waits for this rather than calling those changes lost.
   */
  writingSave(): { upTo: number; done: Promise<unknown> } | null {
    return this.writingNow;
  }

  async readRecord(id: string): Promise<JsonValue> {
    const key = this.key();
    const row = this.store.require(id);
    if (row.body) return JSON.parse(Buffer.from(row.body).toString('utf8')) as JsonValue;
    if (!row.blob) throw new LatchError('ERR_INTERNAL', 'Record has neither body nor ciphertext.');
    return decryptRecord(key, this.id, id, row.rev, row.blob);
  }

  /** Adds or replaces a record. entry goes to the index (decrypted at unlock); body is encrypted on its own. */
  putRecord(id: string, entry: JsonValue, body: JsonValue): void {
    this.writable();
    const before = this.store.get(id);
    this.noteUndo(id, before);
    this.store.put(id, entry, body);
    this.noteAgainst(id, 'put', before);
  }

  /** Changes a record's index entry only; its body ciphertext is kept as is. */
  setEntry(id: string, entry: JsonValue): void {
    this.writable();
    const before = this.store.require(id);
    this.noteUndo(id, before);
    this.store.setEntry(id, entry);
    this.noteAgainst(id, 'entry', before);
  }

  deleteRecord(id: string): boolean {
    this.writable();
    const before = this.store.get(id);
    if (before) this.noteUndo(id, before);
    if (!this.store.delete(id)) return false;
    this.noteAgainst(id, 'delete', before);
    return true;
  }

  /** Journals a change made to the store, against the row as it was before it (a validation error notes nothing). */
  private noteAgainst(id: string, kind: ChangeKind, before: Row | undefined): void {
    this.journal.note(id, kind, before && before.blob !== null && before.rev > 0 ? before.rev : null);
  }

  /**
   * Runs fn as this vault's only writer in the process (writer-turns.ts). Every store's read-change-save takes
   * it (asOnlyWriter), and save, reload, re-key and header changes take it themselves, so a writer that forgot
   * still cannot save (or reload away) half of another's batch: its save waits for the batch to end.
   */
  writerTurn<T>(fn: () => Promise<T>): Promise<T> {
    return this.writers.run(fn);
  }

  /**
   * A point to take this session's record changes back to: a change made of several writes that is refused
   * partway (one item invalid, a limit reached) rolls back, so nothing of it stays applied and the next,
   * unrelated save does not write it. Changes handed to a save (or a reload, a lock) before the rollback are
   * not taken back: the save settles them (on disk, or held for the save-failed banner).
   */
  checkpoint(): Checkpoint {
    const log = new UndoLog();
    this.undoLogs.add(log);
    const end = () => {
      this.undoLogs.delete(log);
      log.wipe();
    };
    return {
      rollback: () => {
        if (!log.spent && !this.isLocked) {
          for (const [id, before] of log.before) {
            this.store.restore(id, before.row);
            this.journal.restore(id, before.change);
          }
          // The restored rows own their bodies now: the log must not zero them.
          log.before.clear();
        }
        end();
      },
      release: end,
    };
  }

  private noteUndo(id: string, before: Row | undefined): void {
    for (const log of this.undoLogs) log.note(id, before, this.journal.get(id));
  }

  /** A save, reload, re-key or lock takes the changes so far out of every open checkpoint's reach. */
  private spendCheckpoints(): void {
    for (const log of this.undoLogs) {
      log.spent = true;
      log.wipe();
    }
  }

  /** Writes the vault atomically (see atomic-write.ts). Re-encrypts only records changed since the last save. */
  save(): Promise<SaveResult> {
    // Checkpoints are spent in the turn: a save that waits for a batch must not disarm the batch's rollback.
    return this.writers.run(() => {
      this.spendCheckpoints();
      const run = this.saving.then(
        () => this.doSave(),
        () => this.doSave(),
      );
      this.saving = run.catch(() => undefined);
      return run;
    });
  }

  private async doSave(): Promise<SaveResult> {
    const key = this.key();
    if (!this.isDirty && this.disk !== null)
      return { revision: this.header.revision, encryptedRecords: 0, durable: true };
    const mark = this.journal.mark;
    const header: VaultHeader = { ...this.header, revision: this.header.revision + 1 };
    // Two flat arrays rather than 10,000 [id, row] pairs: less to allocate per save.
    const ids = [...this.store.rows.keys()];
    const snapshot = [...this.store.rows.values()];
    const writing = this.whileWriting(() => this.writeFile(key, header, ids, snapshot, this.diskGood));
    const now = { upTo: mark, done: writing };
    this.writingNow = now;
    let written: Written;
    try {
      written = await writing;
    } finally {
      if (this.writingNow === now) this.writingNow = null;
    }
    // Locked while writing: the file is written whole, but a locked vault adopts nothing (no key comes back).
    if (this.vaultKey === key) this.adopt(header, ids, snapshot, written, mark);
    return { revision: header.revision, encryptedRecords: written.encoded.freshAt.length, durable: written.durable };
  }

  /** Runs a write that reads the bodies and keys it snapshotted; a lock meanwhile wipes them only once it settles. */
  private async whileWriting<T>(fn: () => Promise<T>): Promise<T> {
    this.writes++;
    try {
      return await fn();
    } finally {
      this.writes--;
      if (this.writes === 0 && this.wipeWhenWritten) {
        this.wipeWhenWritten = false;
        this.wipe();
      }
    }
  }

  /** Encodes rows under key and header and writes the file atomically; nothing in memory changes. */
  private async writeFile(
    key: CryptoKey,
    header: VaultHeader,
    ids: string[],
    rows: WritableRow[],
    keepBackup: boolean,
  ): Promise<Written> {
    this.refuseIfReadOnly();
    // Encoded while atomicWrite takes the lock and checks the disk (I/O); awaited before the temporary is written.
    const encoding = encodeFile(key, header, ids, rows);
    encoding.catch(() => undefined);
    let result: AtomicWriteResult;
    try {
      result = await atomicWrite({
        fs: this.fs,
        path: this.path,
        bytes: encoding.then((e) => e.bytes),
        expected: this.disk,
        keepBackup,
        verify: async (back) => verifyWritten(key, header, ids, await encoding, back),
        ...(this.lockOptions ? { lock: this.lockOptions } : {}),
        ...(this.onSaveStep ? { onStep: this.onSaveStep } : {}),
      });
    } finally {
      await encoding.then(
        (e) => e.indexPlain.fill(0),
        () => undefined,
      );
    }
    return { encoded: await encoding, disk: result.disk, durable: result.durable };
  }

  /**
   * The new file is committed: adopt it as the in-memory base. Unchanged rows keep their ciphertext (a view
   * of the file they were read from); only fresh ones move. Changes made while saving stay pending.
   */
  private adopt(header: VaultHeader, ids: string[], snapshot: Row[], written: Written, mark: number): void {
    const { freshAt, blobs, texts } = written.encoded;
    this.header = header;
    for (const i of freshAt) {
      const row = snapshot[i]!;
      const saved: Row = { entry: row.entry, rev: header.revision, blob: blobs[i]!, body: null, text: texts[i]! };
      if (row.entryJson !== undefined) saved.entryJson = row.entryJson;
      this.store.settle(ids[i]!, row, saved);
    }
    this.journal.saved(mark);
    this.disk = written.disk;
    this.diskGood = true;
  }

  /**
   * Re-reads the file (after ERR_VAULT_CHANGED_ON_DISK) and re-applies this session's unsaved changes on top
   * (merge.ts). The vault key is unchanged by password changes elsewhere, so no password is needed.
   * `theirs`: records whose unsaved change here is dropped and taken as the file has them, for a caller that
   * re-applies its own change to the newer version itself (a renewed token set onto another writer's service).
   */
  reload(options: { theirs?: Iterable<string> } = {}): Promise<ReloadResult> {
    return this.writers.run(() => this.reloadNow(options));
  }

  private async reloadNow(options: { theirs?: Iterable<string> }): Promise<ReloadResult> {
    this.spendCheckpoints();
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
    const { rows, revision } = await decryptIndex(key, file.container, file.header);
    const diskRows: Map<string, Row> = allRows(rows);
    for (const id of options.theirs ?? []) {
      if (!this.journal.get(id)) continue;
      this.journal.forget(id);
      this.store.get(id)?.body?.fill(0);
    }
    const { reapplied, conflicts } = mergeOnto(diskRows, this.store.rows, this.journal);
    this.header = file.header;
    this.store.replaceAll(diskRows);
    this.disk = { stat, fingerprint: trustedFingerprint(bytes) };
    this.diskGood = true;
    this._openedFrom = 'main';
    if (file.migrated) this.journal.noteHeader();
    return { revision, reapplied, conflicts };
  }

  /**
   * Whether the file now holds something else than what this session last read or wrote (the save path's
   * check: stat, checksum trailer, content hash). A missing file is no change yet: another writer's save
   * replaces it by a rename, and the file is back a moment later. Run it in a writer turn, so that a save of
   * this session in progress is not taken for another program's.
   */
  async changedOnDisk(): Promise<boolean> {
    if (this.disk === null || (await this.fs.stat(this.path)) === null) return false;
    try {
      const now = await checkUnchanged(this.fs, this.path, this.disk, { trailer: true });
      // The same content under a new stat (touched): compare the stat, not the whole file, next time.
      if (now !== null) this.disk = { ...this.disk, stat: now };
      return false;
    } catch (e) {
      if (isLatchError(e) && e.code === 'ERR_VAULT_CHANGED_ON_DISK') return true;
      throw e;
    }
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
    const { header, kek } = await rewrapPasswordSlot(
      this.header,
      this.deviceKey,
      oldPassword,
      newPassword,
      options.iterations ?? this.header.kdf.iterations,
    );
    await this.commitHeader(header);
    this.kek = { slot: 'password', key: kek };
  }

  /**
   * Changes the password AND the vault key (rekey.ts): a new key, every record re-encrypted, the file
   * written atomically (an interruption before the rename leaves the old file, key and password in
   * place). Backups under the old key (`<vault>.bak` and backupFiles) are re-keyed (staged beside them
   * before the vault is written, renamed over them after) or deleted (after). Hardened mode keeps its
   * device key (its keychain entry and recovery kit stay valid); quick unlock gets a fresh device key.
   */
  async changePasswordAndRekey(oldPassword: string, newPassword: string, o: RekeyOptions): Promise<RekeyResult> {
    const oldKey = this.key();
    this.refuseIfReadOnly();
    if (newPassword.length === 0) throw new LatchError('ERR_BAD_INPUT', 'The new password is empty.');
    await this.verifyPassword(oldPassword);
    // The OS keychain may wait on the user (a prompt) for as long as they leave it: asked before the writer turn,
    // so no other writer, and no lock that saves first, waits behind it. The turn then covers the file work only.
    const quick = this.header.mode === 'password' && this.header.slots.device !== undefined;
    const keychain = quick && this.keychain && (await this.keychain.available()) ? this.keychain : null;
    const deviceKey = keychain ? generateDeviceKey() : null;
    const progress = { committed: false };
    let restoreKeychain: (() => Promise<void>) | null = null;
    try {
      this.stillUnlockedWith(oldKey, 'the OS keychain');
      restoreKeychain = deviceKey && keychain ? await swapDeviceKey(keychain, this.id, deviceKey) : null;
      this.stillUnlockedWith(oldKey, 'the OS keychain');
      return await this.writers.run(() => {
        this.spendCheckpoints();
        const run = this.saving.then(() =>
          this.whileWriting(() => this.rekey(oldKey, newPassword, o, { quick, deviceKey, progress })),
        );
        this.saving = run.catch(() => undefined);
        return run;
      });
    } catch (e) {
      if (!progress.committed) await restoreKeychain?.();
      throw e;
    } finally {
      deviceKey?.fill(0);
    }
  }

  /**
   * ERR_VAULT_LOCKED when the vault locked (auto-lock, sleep) while a change waited on `what`: the change stops
   * before anything is written, and says so.
   */
  private stillUnlockedWith(key: CryptoKey, what: string): void {
    if (this.vaultKey === key) return;
    throw new LatchError(
      'ERR_VAULT_LOCKED',
      `The vault locked while the password change waited for ${what}: nothing was changed, the old password still opens it. Unlock it and change the password again.`,
      { detail: { reason: 'locked-while-waiting' } },
    );
  }

  private async rekey(
    oldKey: CryptoKey,
    newPassword: string,
    o: RekeyOptions,
    asked: { quick: boolean; deviceKey: Uint8Array | null; progress: { committed: boolean } },
  ): Promise<RekeyResult> {
    this.stillUnlockedWith(oldKey, 'another change to be saved');
    const { deviceKey, progress } = asked;
    if (asked.quick !== (this.header.mode === 'password' && this.header.slots.device !== undefined)) {
      throw new LatchError(
        'ERR_CONFLICT',
        'Quick unlock was turned on or off while the password change waited: nothing was changed. Change the password again.',
      );
    }
    const iterations = o.iterations ?? this.header.kdf.iterations;
    const staged: StagedBackup[] = [];
    this.rekeying = true;
    try {
      const next = await newKeyHeader(this.header, newPassword, this.deviceKey, iterations, deviceKey);
      const backups = [`${this.path}.bak`, ...(o.backupFiles ?? [])];
      if (o.backups === 'rekey') {
        for (const path of backups) {
          const s = await stageBackup(this.fs, path, oldKey, next.key, next.header);
          if (s) staged.push(s);
        }
      }
      const mark = this.journal.mark;
      const header: VaultHeader = { ...next.header, revision: this.header.revision + 1 };
      const ids = [...this.store.rows.keys()];
      const snapshot = [...this.store.rows.values()];
      const plain = await withBodies(oldKey, this.id, ids, snapshot);
      let written: Written;
      try {
        // Locked during the key derivation or the backups: stop before the file is touched.
        this.stillUnlockedWith(oldKey, 'the new key');
        // keepBackup false: the file being replaced is under the old key; it must not become the .bak.
        written = await this.writeFile(next.key, header, ids, plain, false);
      } finally {
        for (const row of plain) row.body?.fill(0);
      }
      // Committed: the vault on disk is under the new key and the new password.
      progress.committed = true;
      // Unless it locked while the file was written: the new key is then dropped with the old, not adopted.
      if (this.vaultKey === oldKey) {
        this.vaultKey = next.key;
        this.kek = { slot: 'password', key: next.kek };
        this.adopt(header, ids, snapshot, written, mark);
        if (deviceKey) this._quickUnlock = 'armed';
        else if (header.slots.device === undefined && this.header.mode === 'password') this._quickUnlock = 'off';
      }
      const done = await finishBackups(this.fs, o.backups, backups, staged);
      return { revision: header.revision, records: ids.length, ...done };
    } catch (e) {
      for (const s of staged) await this.fs.unlink(s.tmp).catch(() => undefined);
      throw e;
    } finally {
      this.rekeying = false;
    }
  }

  /** Raises (or lowers, not below the floor) the PBKDF2 cost; needs the password to re-wrap. */
  async setIterations(iterations: number, password: string): Promise<void> {
    await this.changePassword(password, password, { iterations });
  }

  /**
   * Stores a fresh device key in the OS keychain and a copy of the vault key wrapped by it in the file; saves.
   * `confirm` is asked once every check has passed, before anything is written: a no is ERR_CANCELLED.
   */
  async enableQuickUnlock(options: { confirm?: () => Promise<boolean> } = {}): Promise<void> {
    this.key();
    this.refuseIfReadOnly(); // before the keychain gets a device key for a file that will not be written
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
    if (options.confirm && !(await options.confirm()))
      throw new LatchError('ERR_CANCELLED', 'Quick unlock stays as it was: you cancelled.');
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

  /**
   * Applies a header change by saving; on failure the previous header is back in place. In the writer turn:
   * another writer's save meanwhile would write the new header before it is committed.
   */
  private commitHeader(next: VaultHeader): Promise<void> {
    return this.writers.run(() => this.commitHeaderNow(next));
  }

  private async commitHeaderNow(next: VaultHeader): Promise<void> {
    await this.saving;
    const prev = this.header;
    const prevMark = this.journal.headerMark;
    this.header = next;
    const mark = this.journal.noteHeader();
    try {
      await this.save();
    } catch (e) {
      if (this.header === next) {
        this.header = prev;
        this.journal.restoreHeaderMark(mark, prevMark);
      }
      throw e;
    }
  }

  /**
   * Drops the keys and every decrypted value. Unsaved changes are discarded: save first. Locked at once: every
   * read and write after this is refused, and a save waiting for its turn fails with ERR_VAULT_LOCKED, writing
   * nothing. A save or re-key already writing the file (milliseconds of I/O, never a wait on the user) reads the
   * bodies and the device key until it is written: zeroed under it, the file would be written with zeroed
   * records, so they are wiped as it settles.
   */
  lock(): void {
    this.spendCheckpoints();
    this.vaultKey = null;
    this.kek = null;
    if (this.writes > 0) this.wipeWhenWritten = true;
    else this.wipe();
  }

  private wipe(): void {
    this.store.wipe();
    this.journal.clear();
    this.deviceKey?.fill(0);
    this.deviceKey = null;
  }

  close(): void {
    this.lock();
  }
}
