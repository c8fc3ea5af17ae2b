import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toolEnv } from './tool-env';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'latch-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The node_modules packages a `latch` run loaded (from source, as the built bundle splits the same way). */
function packagesLoaded(args: string[], name: string, env: Record<string, string> = {}): string[] {
  const out = join(dir, name);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/record-loads.mjs', 'main/cli/index.ts', ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LATCH_RECORD_LOADS: out, LATCH_NO_KEYCHAIN: '', ...env } },
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

  it('latch get of an API key through the agent loads no OAuth client, SigV4 or whole jose (the audit and refresh load on use)', async () => {
    const t = await toolEnv('startup');
    try {
      const add = await t.withPassword(
        ['add', 'Stripe', '--kind', 'api-key', '--name', 'live', '--field', 'header=X-Key', '--field', 'value=-'],
        'sk_startup\n',
      );
      expect(add.code, add.stderr).toBe(0);
      await t.unlock();
      const loaded = packagesLoaded(['get', 'Stripe/live'], 'get', t.env);
      expect(
        loaded.filter((n) => ['oauth4webapi', '@smithy', '@aws-crypto', '@napi-rs', 'otplib'].includes(n)),
      ).toEqual([]);
      expect(readFileSync(join(dir, 'get'), 'utf8')).not.toMatch(/jose\/dist\/webapi\/index\.js/);
    } finally {
      await t.close();
    }
  });
});
