import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latchWithoutVault as latch } from './latch-without-vault';

describe('--iterations out of bounds (init, passwd, export)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'latch-iterations-')), 'backup.latch');
  const commands = [
    ['init', '--password-stdin'],
    ['passwd', '--password-stdin'],
    ['export', out, '--format', 'latch', '--password-stdin', '--backup-password-stdin'],
  ];

  it.each(commands)('%s: refused before a password is read or the vault is opened', async (...command) => {
    const few = await latch([...command, '--iterations', '5']);
    expect(few.stderr).toBe('latch: Use at least 100000 iterations.\n');
    expect(few.code).toBe(2);
    const many = await latch([...command, '--iterations', '999999999999']);
    expect(many.stderr).toBe('latch: The key derivation iteration count must be a whole number up to 100000000.\n');
    expect(many.code).toBe(2);
  });
});
