/**
 * The vault the unlock agent opened last, held open between requests while its file stays unchanged, so that a
 * second `latch get` or `latch exec` through the agent does not read, verify and decrypt the file's index again
 * (issue 18: what exec adds to a command's start). Used by the agent's lookups (agent-lookup.ts) only.
 *
 * Unchanged is the save path's rule, reused (atomic-write.ts checkUnchanged): the same size, mtime, inode and
 * ctime as when it was read, or else the same content hash; and, as the save path also asks, the same checksum
 * trailer (the file's last 32 bytes, read on every lease) even when the stat is the same: a write in place within one timestamp tick, or on a mount with coarse or cached times, keeps the stat.
 * So a file rewritten in place, replaced by a rename (a save, a sync tool, a copy of another revision even of
 * the same size and mtime), moved away, or a symlink pointed elsewhere is read again; a file merely touched is
 * hashed and kept.
 *
 * What is held is what the agent could open again at any moment with the key it already holds: the OpenVault,
 * i.e. that key (non-extractable) and the index (service and credential names, kinds, expiry dates). Record
 * bodies stay encrypted in it: a request decrypts the one record it reads, and OpenVault.readRecord keeps no
 * plain copy. A held vault that a request left changed in memory (no read does that; a change would be served
 * to the next request as if it were on disk) is let go. It is locked (OpenVault.lock: keys dropped, buffers
 * zeroed) when it is let go: replaced by a newer file, or on forget(), which the agent calls when it forgets its
 * key (lock, time up, session ended, signal); a vault a request is still reading is locked when that request ends.
 */
import { checkUnchanged, type DiskState } from '../core/vault/atomic-write';
import { trustedFingerprint } from '../core/vault/container';
import { nodeFileSystem, type VaultFileSystem } from '../core/vault/fs-port';
import { readVaultSource, type VaultSource } from '../core/vault/open';
import type { OpenVault } from '../core/vault/open-vault';

/** A vault in use by one request; release() when the request is over. */
export interface VaultLease {
  vault: OpenVault;
  release(): void;
}

interface Held {
  path: string;
  /** The file as it was read: what checkUnchanged compares the disk with. */
  disk: DiskState;
  vault: OpenVault;
  /** Requests using it now. */
  users: number;
  /** Let go: locked as soon as no request uses it. */
  retired: boolean;
}

export class HeldVault {
  #held: Held | null = null;
  #closed = false;

  constructor(private readonly fs: VaultFileSystem = nodeFileSystem) {}

  /** The vault held now (null when none): what a request on an unchanged file would be served from. */
  get vault(): OpenVault | null {
    return this.#held?.vault ?? null;
  }

  /**
   * The vault at `path` (absolute): the held one when its file is unchanged, else the file read again and opened
   * by `open` (null: not one this agent opens), then held. Throws what reading the file throws.
   */
  async lease(path: string, open: (source: VaultSource) => Promise<OpenVault | null>): Promise<VaultLease | null> {
    const held = this.#held;
    if (held && held.path === path) {
      // After the check, it may have been let go meanwhile (forget, or a newer file from a request alongside).
      if ((await this.#unchanged(held)) && !held.retired) return this.#use(held);
      this.#retire(held); // changed, moved or gone: whatever comes next, this one is not what the file holds
    }
    const source = await readVaultSource(path, this.fs);
    const vault = await open(source);
    if (vault === null) return null;
    // open() verified the checksum, so the trailer is the content's hash.
    const fresh: Held = {
      path,
      disk: { stat: source.stat, fingerprint: trustedFingerprint(source.bytes) },
      vault,
      users: 0,
      retired: false,
    };
    if (this.#closed) fresh.retired = true;
    else {
      if (this.#held) this.#retire(this.#held);
      this.#held = fresh;
    }
    return this.#use(fresh);
  }

  /** Locks the held vault (at once, or when the requests using it end) and holds nothing from now on. */
  forget(): void {
    this.#closed = true;
    if (this.#held) this.#retire(this.#held);
  }

  async #unchanged(held: Held): Promise<boolean> {
    try {
      const now = await checkUnchanged(this.fs, held.path, held.disk, { trailer: true });
      // Same content under a new stat (touched, or copied over with the same bytes): compare the stat next time.
      if (now) held.disk = { ...held.disk, stat: now };
      return true;
    } catch {
      return false;
    }
  }

  #use(held: Held): VaultLease {
    held.users++;
    let released = false;
    return {
      vault: held.vault,
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        if (held.vault.isDirty) this.#retire(held);
        else if (held.retired && held.users === 0) held.vault.lock();
      },
    };
  }

  #retire(held: Held): void {
    held.retired = true;
    if (this.#held === held) this.#held = null;
    if (held.users === 0) held.vault.lock();
  }
}
