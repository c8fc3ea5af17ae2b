import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'latch-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The node_modules packages a `latch` run loaded (from source, as the built bundle splits the same way). */
function packagesLoaded(args: string[], name: string): string[] {
  const out = join(dir, name);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/record-loads.mjs', 'main/cli/index.ts', ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LATCH_RECORD_LOADS: out, LATCH_NO_KEYCHAIN: '' } },
  );
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(out, 'utf8').split('\n');
  const names = urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((n) => n !== undefined);
  return [...new Set(names)].filter((n) => n !== 'tsx' && n !== 'get-tsconfig' && n !== 'resolve-pkg-maps');
}

const HEAVY = ['zod', 'jose', 'otplib', '@smithy/signature-v4', '@napi-rs/keyring', 'oauth4webapi'];

describe('start-up loads only what the command needs', () => {
  it('latch --help loads none of zod, SigV4, jose, otplib, oauth4webapi or the keychain addon', () => {
    const loaded = packagesLoaded(['--help'], 'help');
    expect(loaded.filter((n) => HEAVY.some((h) => n.startsWith(h.split('/')[0]!)))).toEqual([]);
  });

  it('latch totp --uri loads otplib but not zod, SigV4, jose or the keychain addon', () => {
    const loaded = packagesLoaded(
      ['totp', '--insecure-argv', '--uri', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
      'totp',
    );
    expect(
      loaded.filter((n) => ['zod', 'jose', '@smithy', '@napi-rs', 'oauth4webapi'].some((h) => n.startsWith(h))),
    ).toEqual([]);
  });
});
