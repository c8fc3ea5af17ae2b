// With the real keychain (node scripts/with-peers.mjs): quick unlock from the command line, and `latch lock`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NapiKeychain } from '../../../main/core/keychain/napi-keychain';
import { latch } from './run-latch';

const dir = mkdtempSync(join(tmpdir(), 'latch-cli-kc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const reachable = process.env.LATCH_IN_PEERS === '1' && (await new NapiKeychain().available());

describe.runIf(reachable)('latch with the OS keychain', () => {
  it('init --quick-unlock → status unlocked; lock forgets the key → status locked; passwd still works', async () => {
    const vault = join(dir, 'q.latch');
    const init = await latch(
      ['init', '--vault', vault, '--quick-unlock', '--password-stdin', '--iterations', '100000'],
      {
        stdin: 'pw one\n',
      },
    );
    expect(init.code).toBe(0);
    const s1 = JSON.parse((await latch(['status', '--json', '--vault', vault])).stdout);
    expect(s1).toMatchObject({ locked: false, quickUnlock: 'armed', keychain: { reachable: true } });

    const lock = await latch(['lock', '--json', '--vault', vault]);
    expect(lock.code).toBe(0);
    expect(JSON.parse(lock.stdout)).toMatchObject({ forgotten: true, reason: 'forgotten' });
    const s2 = JSON.parse((await latch(['status', '--json', '--vault', vault])).stdout);
    expect(s2).toMatchObject({ locked: true, quickUnlock: 'forgotten' });

    const pw = await latch(['passwd', '--vault', vault, '--password-stdin'], { stdin: 'pw one\npw two\n' });
    expect(pw.code).toBe(0);
  });

  it('init --hardened prints a recovery kit', async () => {
    const vault = join(dir, 'h.latch');
    const r = await latch(
      ['init', '--vault', vault, '--hardened', '--password-stdin', '--iterations', '100000', '--json'],
      {
        stdin: 'pw\n',
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recoveryKit).toContain('LATCH-RK1-');
  });
});
