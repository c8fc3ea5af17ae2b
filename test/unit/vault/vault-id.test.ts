import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVault } from '../../../main/core/vault';
import { peekKdf, peekVaultId } from '../../../main/core/vault/vault-id';
import { PASSWORD, TEST_ITERATIONS, tempDir, tempVaultPath } from './helpers';

/** The first bytes of a vault file: the preamble and a header of this JSON, nothing after it. */
function headerOnly(json: string, format = 1): Buffer {
  const h = Buffer.from(json);
  const pre = Buffer.alloc(14);
  pre.write('LATCHVLT', 0, 'latin1');
  pre.writeUInt16BE(format, 8);
  pre.writeUInt32BE(h.length, 10);
  return Buffer.concat([pre, h]);
}

describe("peekVaultId (latch get's fast path finds the agent by it)", () => {
  it('reads the id from the header of a real vault, and through a symlink', async () => {
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    expect(peekVaultId(path)).toBe(vault.id);
    const link = join(tempDir(), 'link.latch');
    symlinkSync(path, link);
    expect(peekVaultId(link)).toBe(vault.id);
    vault.lock();
  });

  it('is null for anything that is not plainly a vault: missing, a folder, a FIFO, not ours, truncated, a huge or bad header', async () => {
    const dir = tempDir();
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.lock();
    const bytes = readFileSync(path);
    const at = (name: string, content: Uint8Array | string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const cases = [
      join(dir, 'none'),
      dir,
      fifo, // opened O_NONBLOCK and refused by fstat: no hang waiting for a writer
      at('text', 'just some text that is long enough'),
      at('truncated-preamble', bytes.subarray(0, 12)),
      at('truncated-header', bytes.subarray(0, 30)),
      at('huge-header-length', Buffer.concat([bytes.subarray(0, 10), Buffer.from([0x7f, 0xff, 0xff, 0xff])])),
      at('not-json', headerOnly('{not json')),
      at('null-json', headerOnly('null')),
      at('no-id', headerOnly('{"format":1}')),
      at('bad-id', headerOnly('{"vaultId":"../../etc/passwd-000000000000000000000000"}')),
    ];
    for (const p of cases) expect(peekVaultId(p), p).toBeNull();
  });
});

describe('peekKdf (latch get --password-stdin starts the key derivation with it)', () => {
  it("gives a real vault's KDF parameters, and null for parameters no open would run or a file that is not plainly a vault", async () => {
    const dir = tempDir();
    const path = tempVaultPath();
    const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
    vault.lock();
    const bytes = readFileSync(path);
    const kdf = JSON.parse(bytes.subarray(14, 14 + bytes.readUInt32BE(10)).toString('utf8')).kdf;
    expect(peekKdf(path)).toEqual({ name: 'PBKDF2-HMAC-SHA256', iterations: TEST_ITERATIONS, salt: kdf.salt });
    const withKdf = (name: string, k: unknown, format = 1) => {
      writeFileSync(join(dir, name), headerOnly(JSON.stringify({ format, kdf: k }), format));
      return join(dir, name);
    };
    expect(peekKdf(withKdf('as-is', kdf))).toEqual(kdf);
    for (const p of [
      withKdf('too-few', { ...kdf, iterations: 1000 }),
      withKdf('too-many', { ...kdf, iterations: 1e12 }),
      withKdf('fraction', { ...kdf, iterations: 100_000.5 }),
      withKdf('text-count', { ...kdf, iterations: '600000' }),
      withKdf('other-kdf', { ...kdf, name: 'argon2id' }),
      withKdf('no-salt', { name: kdf.name, iterations: kdf.iterations }),
      withKdf('no-kdf', null),
      withKdf('newer-format', kdf, 2),
      join(dir, 'none'),
      dir,
    ])
      expect(peekKdf(p), p).toBeNull();
  });
});
