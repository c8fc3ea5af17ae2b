import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openVault } from '../../../main/core/vault';
import { StartedDerivation } from '../../../main/core/vault/kdf';
import { peekKdf } from '../../../main/core/vault/vault-id';
import { codeOf, PASSWORD, vaultWithRecord } from './helpers';

afterEach(() => vi.restoreAllMocks());

/** Opens with a derivation started from the header's first bytes; counts every PBKDF2 run, the started one included. */
async function openStarted(path: string, startedWith: string, openWith: string, kdf = peekKdf(path)!) {
  const derive = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
  derive.mockClear();
  const startedKdf = StartedDerivation.start(startedWith, kdf);
  const code = await codeOf(openVault({ path, password: openWith, startedKdf }).then((v) => v.lock()));
  return { code, derivations: derive.mock.calls.filter(([a]) => (a as { name: string }).name === 'PBKDF2').length };
}

describe('openVault with a key derivation started before the file was read and verified (latch get --password-stdin)', () => {
  it('takes it when it is for the password and the KDF parameters of the header it verifies: one PBKDF2 in all', async () => {
    const path = await vaultWithRecord();
    expect(await openStarted(path, PASSWORD, PASSWORD)).toEqual({ code: 'resolved', derivations: 1 });
    // The started bits decide: started from the wrong password, the unlock fails as a wrong password does.
    expect(await openStarted(path, 'not it', 'not it')).toEqual({ code: 'ERR_WRONG_PASSWORD', derivations: 1 });
  });

  it('derives anew for another password or other parameters than the verified header names', async () => {
    const path = await vaultWithRecord();
    const kdf = peekKdf(path)!;
    expect(await openStarted(path, 'not it', PASSWORD)).toEqual({ code: 'resolved', derivations: 2 });
    const otherSalt = { ...kdf, salt: Buffer.alloc(32, 7).toString('base64') };
    expect(await openStarted(path, PASSWORD, PASSWORD, otherSalt)).toEqual({ code: 'resolved', derivations: 2 });
    const more = { ...kdf, iterations: kdf.iterations + 1 };
    expect(await openStarted(path, PASSWORD, PASSWORD, more)).toEqual({ code: 'resolved', derivations: 2 });
  });

  it('a file changed after the header was peeked (its checksum no longer matches) still fails as damaged', async () => {
    const path = await vaultWithRecord();
    const kdf = peekKdf(path)!;
    const bytes = readFileSync(path);
    bytes[bytes.length - 40]! ^= 1; // a record byte: the header stays as peeked, the checksum does not match
    writeFileSync(path, bytes);
    expect((await openStarted(path, PASSWORD, PASSWORD, kdf)).code).toBe('ERR_VAULT_CORRUPT');
  });

  it('is taken once; forget() zeroes the bits, and a second take derives nothing from them', async () => {
    const path = await vaultWithRecord();
    const kdf = peekKdf(path)!;
    const started = StartedDerivation.start(PASSWORD, kdf);
    const bits = started.take(PASSWORD, kdf)!;
    expect(started.take(PASSWORD, kdf)).toBeNull();
    started.forget();
    const got = await bits;
    await new Promise((r) => setImmediate(r));
    expect(got.every((b) => b === 0)).toBe(true);
  });
});

describe('deriveNodePasswordBits (the early start of latch get --password-stdin)', () => {
  it('gives the bits WebCrypto gives the open (NFC normalised), and refuses an unknown KDF as it does', async () => {
    const { deriveNodePasswordBits, derivePasswordBits, newKdfParams } = await import('../../../main/core/vault/kdf');
    const kdf = newKdfParams(100_000);
    for (const password of [PASSWORD, 'cafe\u0301 \u{1F511}', 'x'.repeat(1024)]) {
      const node = await deriveNodePasswordBits(password, kdf);
      expect(node).toBeInstanceOf(Uint8Array);
      expect(node.length).toBe(32);
      expect(Buffer.from(node).toString('hex')).toBe(
        Buffer.from(await derivePasswordBits(password, kdf)).toString('hex'),
      );
    }
    expect(Buffer.from(await deriveNodePasswordBits('caf\u00e9', kdf)).toString('hex')).toBe(
      Buffer.from(await derivePasswordBits('cafe\u0301', kdf)).toString('hex'),
    );
    await expect(deriveNodePasswordBits(PASSWORD, { ...kdf, name: 'scrypt' })).rejects.toMatchObject({
      code: 'ERR_VAULT_UNSUPPORTED',
    });
  });
});
