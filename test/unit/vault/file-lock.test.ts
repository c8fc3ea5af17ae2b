// The vault lock under contention: breaking a stale lock must never break the next owner's.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { acquireWriteLock } from '../../../main/core/vault/file-lock';
import { nodeFileSystem, type VaultFileSystem } from '../../../main/core/vault/fs-port';
import { codeOf, tempVaultPath } from './helpers';

const lockOf = (pid: number, token: string, host = hostname()) => JSON.stringify({ pid, host, at: Date.now(), token });

describe('acquireWriteLock', () => {
  it('a stale lock that changes hands while being judged is left to its new owner', async () => {
    const path = tempVaultPath();
    const lockPath = `${path}.lock`;
    // A dead writer's lock: stale.
    writeFileSync(lockPath, lockOf(2 ** 22 + 12345, 'dead'));
    let swapped = false;
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      async stat(p) {
        const s = await nodeFileSystem.stat(p);
        // Right after the judgement's look, another writer breaks it and takes the lock itself.
        if (p === lockPath && !swapped) {
          swapped = true;
          writeFileSync(lockPath, lockOf(process.ppid, 'live', 'another-host'));
        }
        return s;
      },
    };
    expect(await codeOf(acquireWriteLock(fs, path, { waitMs: 100 }))).toBe('ERR_VAULT_BUSY');
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).token).toBe('live');
  });

  it('a lock released while being looked at is not "broken" (the next owner keeps the one it took)', async () => {
    const path = tempVaultPath();
    const lockPath = `${path}.lock`;
    // A writer between creating its lock and writing it: unreadable, and fresh.
    writeFileSync(lockPath, '');
    let looked = false;
    const fs: VaultFileSystem = {
      ...nodeFileSystem,
      async stat(p) {
        if (p !== lockPath || looked) return nodeFileSystem.stat(p);
        looked = true;
        // It saves and releases; the stat sees nothing; a third writer takes the lock right after.
        rmSync(lockPath);
        const s = await nodeFileSystem.stat(p);
        writeFileSync(lockPath, lockOf(process.ppid, 'third', 'another-host'));
        return s;
      },
    };
    expect(await codeOf(acquireWriteLock(fs, path, { waitMs: 100 }))).toBe('ERR_VAULT_BUSY');
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).token).toBe('third');
  });
});
