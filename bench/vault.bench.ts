/**
 * Vault of 10,000 records: unlock vs bare PBKDF2, save after one change vs a plain atomic write of the same bytes.
 *   npx tsx bench/vault.bench.ts          (node --expose-gc for a steadier heap figure)
 */
import { randomUUID } from 'node:crypto';
import { promises as fsp, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createVault, DEFAULT_ITERATIONS, openVault } from '../main/core/vault';

const RECORDS = 10_000;
const RUNS = 5;
const password = 'benchmark password';
const dir = mkdtempSync(join(tmpdir(), 'latch-bench-'));
const path = join(dir, 'vault.latch');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = (globalThis as { gc?: () => void }).gc;

async function pbkdf2Bare(): Promise<number> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const start = performance.now();
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: DEFAULT_ITERATIONS }, base, 256);
  return performance.now() - start;
}

/** The baseline: temp file, write, fsync, rename, fsync the folder. */
async function atomicWriteBare(bytes: Uint8Array): Promise<number> {
  const start = performance.now();
  const tmp = join(dir, `.bare.${randomUUID()}.tmp`);
  const fh = await fsp.open(tmp, 'wx', 0o600);
  await fh.write(bytes);
  await fh.sync();
  await fh.close();
  await fsp.rename(tmp, join(dir, 'bare.latch'));
  const d = await fsp.open(dirname(tmp), 'r');
  await d.sync();
  await d.close();
  return performance.now() - start;
}

try {
  const { vault } = await createVault({ path, password });
  for (let i = 0; i < RECORDS; i++) {
    vault.putRecord(
      `svc-${i.toString().padStart(5, '0')}`,
      { name: `Service ${i}`, kind: i % 3 === 0 ? 'api-key' : 'bearer', tags: ['work', `team-${i % 7}`] },
      { value: `sk_live_${randomUUID()}${randomUUID()}`, header: 'Authorization', notes: `created for benchmark ${i}` },
    );
  }
  await vault.save();
  vault.lock();
  const fileBytes = readFileSync(path).length;

  // Interleave so machine load affects both sides alike.
  const unlock: number[] = [];
  const kdf: number[] = [];
  let opened = await openVault({ path, password });
  for (let r = 0; r < RUNS; r++) {
    kdf.push(await pbkdf2Bare());
    opened.lock();
    const start = performance.now();
    opened = await openVault({ path, password });
    if (opened.entries().size !== RECORDS) throw new Error('wrong record count');
    unlock.push(performance.now() - start);
  }
  gc?.();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

  const save: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    opened.putRecord('svc-00042', { name: 'Service 42', kind: 'bearer', tags: [] }, { value: `changed ${r}` });
    const start = performance.now();
    const result = await opened.save();
    save.push(performance.now() - start);
    if (result.encryptedRecords !== 1) throw new Error('save re-encrypted more than the changed record');
    bare.push(await atomicWriteBare(readFileSync(path)));
  }

  console.log(`records: ${RECORDS} count`);
  console.log(`file_size: ${(fileBytes / 2 ** 20).toFixed(2)} MB`);
  console.log(`unlock: ${median(unlock).toFixed(1)} ms`);
  console.log(`pbkdf2_bare: ${median(kdf).toFixed(1)} ms`);
  console.log(`unlock_to_kdf_ratio: ${(median(unlock) / median(kdf)).toFixed(3)} x`);
  console.log(`save_one_changed: ${median(save).toFixed(1)} ms`);
  console.log(`atomic_write_same_bytes: ${median(bare).toFixed(1)} ms`);
  console.log(`save_ratio: ${(median(save) / median(bare)).toFixed(3)} x`);
  console.log(`heap_after_unlock: ${heapMb.toFixed(1)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
