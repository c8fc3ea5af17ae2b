import { afterEach, describe, expect, it, vi } from 'vitest';
import { openVault } from '../../../main/core/vault';
import { importVaultKey } from '../../../main/core/vault/aead';
import { codeOf, PASSWORD, TEST_ITERATIONS, vaultWithRecord } from './helpers';

afterEach(() => vi.restoreAllMocks());

/** openVault with a whileDeriving that notes when it ran: how many key derivations had started, and whether the unlock had resolved. */
async function watched(open: (whileDeriving: () => void) => Promise<unknown>) {
  const derive = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
  derive.mockClear();
  const calls: { derivations: number; resolved: boolean }[] = [];
  let resolved = false;
  const result = open(() => calls.push({ derivations: derive.mock.calls.length, resolved }));
  const code = await codeOf(
    result.then((v) => {
      resolved = true;
      return v;
    }),
  );
  return { calls, code };
}

describe('openVault lets the caller work while the key derivation runs (whileDeriving)', () => {
  it('is called once, after PBKDF2 has started and before the unlock resolves; a wrong password still fails as one', async () => {
    const path = await vaultWithRecord();
    const right = await watched(async (whileDeriving) =>
      (await openVault({ path, password: PASSWORD, whileDeriving })).lock(),
    );
    expect(right).toEqual({ calls: [{ derivations: 1, resolved: false }], code: 'resolved' });
    const wrong = await watched((whileDeriving) => openVault({ path, password: 'not it', whileDeriving }));
    expect(wrong).toEqual({ calls: [{ derivations: 1, resolved: false }], code: 'ERR_WRONG_PASSWORD' });
  });

  it('with the key the agent holds: called once before the index is decrypted', async () => {
    const path = await vaultWithRecord();
    const unlocked = await openVault({ path, password: PASSWORD });
    const raw = await unlocked.exportKeyForAgent();
    unlocked.lock();
    const vaultKey = await importVaultKey(raw);
    const r = await watched(async (whileDeriving) => (await openVault({ path, vaultKey, whileDeriving })).lock());
    expect(r).toEqual({ calls: [{ derivations: 0, resolved: false }], code: 'resolved' });
  });

  it('hands over a promise that settles when the derivation is over, before the unlock resolves (wrong password too)', async () => {
    const path = await vaultWithRecord();
    for (const password of [PASSWORD, 'not it']) {
      const seen: string[] = [];
      let derived: Promise<void> | undefined;
      const unlock = openVault({
        path,
        password,
        whileDeriving: (d) => {
          derived = d;
          void d.then(() => seen.push('derived'));
          seen.push('called');
        },
      }).then(
        (v) => v.lock(),
        () => undefined,
      );
      await unlock;
      seen.push('unlock over');
      expect(seen).toEqual(['called', 'derived', 'unlock over']);
      await expect(derived).resolves.toBeUndefined();
    }
  });

  it('is not called when the file is refused before any key work (a vault that asks for too few iterations)', async () => {
    const path = await vaultWithRecord();
    const { readFileSync, writeFileSync } = await import('node:fs');
    const bytes = readFileSync(path);
    const text = bytes
      .toString('latin1')
      .replace(`"iterations":${TEST_ITERATIONS}`, `"iterations":${TEST_ITERATIONS / 100}`);
    writeFileSync(path, Buffer.from(text, 'latin1'));
    const r = await watched((whileDeriving) => openVault({ path, password: PASSWORD, whileDeriving }));
    expect(r.calls).toEqual([]);
    expect(['ERR_VAULT_DOWNGRADE', 'ERR_VAULT_CORRUPT']).toContain(r.code);
  });
});
