import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ToolEnv, toolEnv } from './tool-env';

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

/** The built files a file imports statically (what loading it loads), itself included. */
function staticClosure(file: string): string[] {
  const seen = new Set<string>();
  const walk = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/^import (?:[^'"]* from )?"(\.\.?\/[^"]+)";$/gm)) walk(join(path, '..', m[1]!));
  };
  walk(file);
  return [...seen];
}

/** A vault holding the API key Stripe/live, unlocked through the agent. */
async function apiKeyThroughAgent(name: string, value: string): Promise<ToolEnv> {
  const t = await toolEnv(name);
  const add = await t.withPassword(
    ['add', 'Stripe', '--kind', 'api-key', '--name', 'live', '--field', 'header=X-Key', '--field', 'value=-'],
    `${value}\n`,
  );
  expect(add.code, add.stderr).toBe(0);
  await t.unlock();
  return t;
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
    const t = await apiKeyThroughAgent('startup', 'sk_startup');
    try {
      const loaded = packagesLoaded(['get', 'Stripe/live'], 'get', t.env);
      expect(
        loaded.filter((n) => ['oauth4webapi', '@smithy', '@aws-crypto', '@napi-rs', 'otplib'].includes(n)),
      ).toEqual([]);
      expect(readFileSync(join(dir, 'get'), 'utf8')).not.toMatch(/jose\/dist\/webapi\/index\.js/);
    } finally {
      await t.close();
    }
  });

  it('the built latch get through the agent loads only the start chunk: no zod, model, vault code, keychain addon or command', async () => {
    const t = await apiKeyThroughAgent('fastget', 'sk_fast');
    try {
      // What the entry loads before any dynamic import: the chunk cli.vite.config.ts groups the start-up into.
      const closure = staticClosure(join(root, 'out/cli/latch.mjs'));
      const text = closure.map((f) => readFileSync(f, 'utf8')).join('\n');
      expect(text).toContain('function getThroughAgent(');
      // zod's own class, the credential model, the keychain addon, a command's module, the vault decoder.
      for (const marker of [
        'ZodError',
        'CredentialFieldsByKind',
        'from "@napi-rs/keyring"',
        'var getCommand',
        'function decryptIndex',
      ])
        expect(text, marker).not.toContain(marker);

      const out = join(dir, 'fastget');
      const r = spawnSync(
        process.execPath,
        ['--import', './test/support/record-loads.mjs', join(root, 'bin/latch.mjs'), 'get', 'Stripe/live'],
        { cwd: root, encoding: 'utf8', env: { ...process.env, ...t.env, LATCH_RECORD_LOADS: out } },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe('sk_fast\n');
      const loaded = [...new Set(readFileSync(out, 'utf8').split('\n'))].filter((u) => u.startsWith('file:'));
      // The agent answered: the ordinary get would have loaded its command, the session and the vault chunks.
      expect(loaded.map((u) => new URL(u).pathname).sort()).toEqual([join(root, 'bin/latch.mjs'), ...closure].sort());
    } finally {
      await t.close();
    }
  });
});
