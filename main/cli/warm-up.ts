import { openCliSession } from '../app/cli-session';
import { systemClock } from '../core/platform';
import type { VaultFileSystem } from '../core/vault/fs-port';
import { StartedDerivation } from '../core/vault/kdf';
import { decodeVaultFile } from '../core/vault/migrate';
import { openVault } from '../core/vault/open';
import { fieldOutput, gotField } from './got-field';
import { WARM_VAULT } from './warm-vault';

/** Every file operation refused: the warm-up's open has its file already, and must never touch a real one. */
const refuse = () => Promise.reject(new Error('the warm-up reads and writes no file'));
const noFiles: VaultFileSystem = {
  readFile: refuse,
  stat: refuse,
  lstat: refuse,
  createExclusive: refuse,
  rename: refuse,
  unlink: refuse,
  link: refuse,
  readdir: refuse,
  mkdir: refuse,
  syncDir: refuse,
  readHead: refuse,
  realpath: refuse,
  readTail: refuse,
};

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `latch get` after its key derivation, run once on a throwaway vault (warm-vault.ts) while the real derivation
 * is still on the thread pool. After the KDF, the first call of each function on that path (the key import and
 * unwrap, the index, the record's parse with zod's first use of its schemas, the output) is compiled then; this
 * thread is otherwise idle for most of the KDF, so the warm-up moves that work there. It stops at the next step
 * once `derived` settles, to leave the thread to the real unlock, and gives way to the event loop between steps.
 * It reads no file (the vault is in memory, its file system refuses everything) and writes nothing anywhere: what
 * it resolves is thrown away. Resolves to whether it ran to the end (never rejects).
 */
export async function warmUpGet(derived: Promise<unknown>, json: boolean): Promise<boolean> {
  let done = false;
  derived.then(
    () => (done = true),
    () => (done = true),
  );
  const go = async () => {
    await turn();
    return !done;
  };
  try {
    if (!(await go())) return false;
    const bytes = new Uint8Array(Buffer.from(WARM_VAULT.file, 'base64'));
    const { kdf } = decodeVaultFile(bytes).header;
    const { password } = WARM_VAULT;
    const started = StartedDerivation.start(
      password,
      kdf,
      async () => new Uint8Array(Buffer.from(WARM_VAULT.bits, 'base64')),
    );
    const stat = { size: bytes.length, mtimeMs: 0, ctimeMs: 0, ino: 0 };
    const vault = await openVault({
      path: 'latch-warm-up',
      source: { stat, bytes },
      password,
      startedKdf: started,
      fs: noFiles,
      readOnly: true,
    });
    try {
      if (!(await go())) return false;
      const { located, value } = await openCliSession(vault, systemClock).secrets.resolve(WARM_VAULT.reference);
      fieldOutput(gotField(located, value), json);
    } finally {
      vault.lock();
    }
    return true;
  } catch {
    return false; // only ever a missed warm-up: the real run meets and reports its own errors
  }
}
