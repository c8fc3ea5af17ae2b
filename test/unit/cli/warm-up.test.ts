import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../main/cli/io';
import { runCli } from '../../../main/cli/run';
import { warmUpGet } from '../../../main/cli/warm-up';
import { WARM_VAULT } from '../../../main/cli/warm-vault';
import { entryFor, type ServiceBody } from '../../../main/core/credentials/service-records';
import type { Credential } from '../../../main/core/model/credential';
import { CURRENT_FORMAT_VERSION, createVault, nodeFileSystem, openVault } from '../../../main/core/vault';
import { StartedDerivation } from '../../../main/core/vault/kdf';
import { decodeVaultFile } from '../../../main/core/vault/migrate';
import { PASSWORD, TEST_ITERATIONS, tempVaultPath } from '../vault/helpers';

afterEach(() => vi.restoreAllMocks());

const never = new Promise<void>(() => undefined);

/** Spies on every way the warm-up could show: a file operation of the vault code, or anything written out. */
function watchOutside() {
  const calls = Object.keys(nodeFileSystem).map((k) =>
    vi.spyOn(nodeFileSystem, k as keyof typeof nodeFileSystem & 'readFile'),
  );
  calls.push(vi.spyOn(process.stdout, 'write') as never, vi.spyOn(process.stderr, 'write') as never);
  return () => calls.reduce((n, spy) => n + spy.mock.calls.length, 0);
}

describe('the throwaway vault of the warm-up (main/cli/warm-vault.ts)', () => {
  it('is in this Latch’s format and opens with its published bits; else rerun scripts/make-warm-vault.ts', async () => {
    const bytes = new Uint8Array(Buffer.from(WARM_VAULT.file, 'base64'));
    const { header, migrated } = decodeVaultFile(bytes);
    expect({ format: header.format, migrated }).toEqual({ format: CURRENT_FORMAT_VERSION, migrated: false });
    const bits = async () => new Uint8Array(Buffer.from(WARM_VAULT.bits, 'base64'));
    const vault = await openVault({
      path: 'warm',
      source: { stat: { size: bytes.length, mtimeMs: 0, ctimeMs: 0, ino: 0 }, bytes },
      password: WARM_VAULT.password,
      startedKdf: StartedDerivation.start(WARM_VAULT.password, header.kdf, bits),
    });
    // The one record is read as `latch get` reads it: through the app's services.
    const { openCliSession } = await import('../../../main/app/cli-session');
    const { value } = await openCliSession(vault, { now: () => 0 }).secrets.resolve(WARM_VAULT.reference);
    vault.lock();
    expect(value).toBe('warm-up-value');
  });
});

describe('warmUpGet: latch get on the throwaway vault while the real key derivation runs', () => {
  it('runs to the end while the derivation lasts, touching no file and writing nothing', async () => {
    const outside = watchOutside();
    const unwraps = vi.spyOn(globalThis.crypto.subtle, 'unwrapKey');
    const parses = vi.spyOn(JSON, 'parse');
    expect(await warmUpGet(never, false)).toBe(true);
    expect(await warmUpGet(never, true)).toBe(true);
    expect(unwraps).toHaveBeenCalledTimes(2);
    // Its record's body was read, as the real one will be.
    expect(parses.mock.calls.filter(([text]) => String(text).includes('warm-up-value'))).toHaveLength(2);
    expect(outside()).toBe(0);
  });

  it('does nothing once the derivation is over, so that it never holds up the real unlock', async () => {
    const imports = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    expect(await warmUpGet(Promise.resolve(), false)).toBe(false);
    expect(await warmUpGet(Promise.reject(new Error('no')), false)).toBe(false);
    expect(imports).not.toHaveBeenCalled();
  });

  it('stops at its next step when the derivation ends meanwhile (here: during its own key import)', async () => {
    let end!: () => void;
    const derived = new Promise<void>((resolve) => {
      end = resolve;
    });
    const subtle = globalThis.crypto.subtle;
    const importKey = subtle.importKey.bind(subtle);
    vi.spyOn(subtle, 'importKey').mockImplementation(((...args: Parameters<typeof importKey>) => {
      end();
      return importKey(...args);
    }) as typeof importKey);
    const parses = vi.spyOn(JSON, 'parse');
    expect(await warmUpGet(derived, false)).toBe(false);
    // The open it was in finishes (a few small steps), but the record is not read: no body parsed.
    expect(parses.mock.calls.filter(([text]) => String(text).includes('warm-up-value'))).toEqual([]);
  });
});

/** A vault (TEST_ITERATIONS) with one API key, "Real/live": its path. */
async function vaultWithKey(): Promise<string> {
  const path = tempVaultPath();
  const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
  const credential = {
    id: 'cred_1',
    name: 'live',
    kind: 'api-key',
    fields: { value: 'sk_live_real', header: 'Authorization', prefix: 'Bearer ' },
    createdAt: 1,
    updatedAt: 1,
    expiresAt: null,
    rotation: {},
  } as Credential;
  const body: ServiceBody = {
    v: 1,
    name: 'Real',
    baseUrl: 'https://real.example.com',
    tags: [],
    notes: '',
    favourite: false,
    createdAt: 1,
    updatedAt: 1,
    credentials: [credential],
  };
  vault.putRecord('svc_1', entryFor(body) as never, body as never);
  await vault.save();
  vault.lock();
  return path;
}

describe('latch get --password-stdin warms its path up under the key derivation', () => {
  it('unwraps the throwaway vault’s key before the real derivation ends, and prints only the real value', async () => {
    const path = await vaultWithKey();
    const subtle = globalThis.crypto.subtle;
    const unwrapKey = subtle.unwrapKey.bind(subtle);
    const deriveBits = subtle.deriveBits.bind(subtle);
    const order: string[] = [];
    let warmed!: () => void;
    const warmUnwrap = new Promise<void>((resolve) => {
      warmed = resolve;
    });
    vi.spyOn(subtle, 'unwrapKey').mockImplementation(((...args: Parameters<typeof unwrapKey>) => {
      order.push('unwrap');
      warmed();
      return unwrapKey(...args);
    }) as typeof unwrapKey);
    // The real PBKDF2 ends only once the warm-up has unwrapped its key (or after 2 s, for the test to fail, not hang).
    vi.spyOn(subtle, 'deriveBits').mockImplementation((async (...args: Parameters<typeof deriveBits>) => {
      const bits = await deriveBits(...args);
      await Promise.race([warmUnwrap, new Promise((resolve) => setTimeout(resolve, 2000))]);
      order.push('derived');
      return bits;
    }) as typeof deriveBits);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d) => {
      out += d;
    });
    const io: CliIo = {
      stdin: Readable.from([`${PASSWORD}\n`]),
      stdout,
      stderr: new PassThrough(),
      env: { LATCH_NO_KEYCHAIN: '1', XDG_RUNTIME_DIR: '/nonexistent' },
      platform: process.platform,
      homedir: '/nonexistent',
    };
    const code = await runCli(['get', 'Real/live', '--password-stdin', '--vault', path], io, {
      keychain: async () => undefined,
    });
    expect({ code, out }).toEqual({ code: 0, out: 'sk_live_real\n' });
    // The warm-up's unwrap, then the real derivation's end and the real unwrap.
    expect(order).toEqual(['unwrap', 'derived', 'unwrap']);
  });
});
