import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Keychain } from '../../../main/core/keychain/keychain';
import { LatchError } from '../../../main/core/model/errors';
import { createVault } from '../../../main/core/vault';

/** The floor: fast enough for tests, and a real (refusable) cost parameter. */
export const TEST_ITERATIONS = 100_000;
export const PASSWORD = 'correct horse battery staple';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'latch-vault-'));
  dirs.push(d);
  return d;
}

export function tempVaultPath(): string {
  return join(tempDir(), 'vault.latch');
}

/** Resolves to the LatchError code a promise rejects with (fails the test when it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LatchError) return e.code;
    return `non-latch: ${String(e)}`;
  }
  return 'resolved';
}

/** Section n (0 header, 1 index, 2 records) of a vault file, with its offset. */
export function sectionAt(bytes: Uint8Array, n: number): { offset: number; length: number } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 10;
  for (let i = 0; ; i++) {
    const len = b.readUInt32BE(o);
    if (i === n) return { offset: o + 4, length: len };
    o += 4 + len;
  }
}

export function sectionOf(bytes: Buffer, n: number): Buffer {
  const { offset, length } = sectionAt(bytes, n);
  return bytes.subarray(offset, offset + length);
}

/** Recomputes the trailing checksum: what an attacker (not a bit flip) would do. */
export function reseal(bytes: Buffer): Buffer {
  const body = bytes.subarray(0, bytes.length - 32);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** Rebuilds a file from its sections (header, index, records) with a valid checksum. */
export function rebuild(bytes: Buffer, parts: { header?: Buffer; index?: Buffer; records?: Buffer }): Buffer {
  const header = parts.header ?? sectionOf(bytes, 0);
  const index = parts.index ?? sectionOf(bytes, 1);
  const records = parts.records ?? sectionOf(bytes, 2);
  const chunks: Buffer[] = [bytes.subarray(0, 10)];
  for (const p of [header, index, records]) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(p.length);
    chunks.push(len, p);
  }
  chunks.push(Buffer.alloc(32));
  return reseal(Buffer.concat(chunks));
}

/** A saved vault (TEST_ITERATIONS) holding one record, locked again: its path. */
export async function vaultWithRecord(): Promise<string> {
  const path = tempVaultPath();
  const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
  vault.putRecord('a', { n: 'A' }, { s: 1 });
  await vault.save();
  vault.lock();
  return path;
}

/** A fresh vault (TEST_ITERATIONS) with quick unlock on, its device key in `keychain`: its path and the open vault. */
export async function quickUnlockVault(keychain: Keychain) {
  const path = tempVaultPath();
  const { vault } = await createVault({
    path,
    password: PASSWORD,
    iterations: TEST_ITERATIONS,
    quickUnlock: true,
    keychain,
  });
  return { path, vault };
}
