import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVault } from '../../../main/core/vault';
import { peekVaultId } from '../../../main/core/vault/vault-id';
import { PASSWORD, TEST_ITERATIONS, tempDir, tempVaultPath } from './helpers';

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
    const header = (json: string) => {
      const h = Buffer.from(json);
      const pre = Buffer.alloc(14);
      pre.write('LATCHVLT', 0, 'latin1');
      pre.writeUInt16BE(1, 8);
      pre.writeUInt32BE(h.length, 10);
      return Buffer.concat([pre, h]);
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
      at('not-json', header('{not json')),
      at('null-json', header('null')),
      at('no-id', header('{"format":1}')),
      at('bad-id', header('{"vaultId":"../../etc/passwd-000000000000000000000000"}')),
    ];
    for (const p of cases) expect(peekVaultId(p), p).toBeNull();
  });
});
