import { defaultVaultPath } from '../core/vault/default-path';
import { StartedDerivation } from '../core/vault/kdf';
import { peekKdf } from '../core/vault/vault-id';
import { plainGet } from './get-args';
import type { CliIo } from './io';
import { SecretInput } from './secret-input';

/** What runCli takes over from the early start: the stdin reader (its first line read) and the derivation. */
export interface EarlyUnlock {
  secrets: SecretInput;
  /** None when stdin had no password line: the open then says so, as without the early start. */
  started: StartedDerivation | undefined;
}

/**
 * `latch get REF --password-stdin` (scripts, and the benchmark against keepassxc-cli): the key derivation is
 * most of its time, and it needs only the password and the KDF parameters in the header's first bytes. So it
 * starts here, before get's code is loaded, the file is read whole and its checksum is verified: all of that then
 * runs on this thread while PBKDF2 runs on the thread pool, instead of before it. The open takes the result only
 * for the password and the parameters of the header it reads and verifies (StartedDerivation.take), and derives
 * anew for anything else; every check and every error of the ordinary path stays as it was.
 * undefined for any other shape of arguments (get-args.ts: the ones the agent's fast path takes, with
 * --password-stdin), or a file whose header does not plainly name a KDF this Latch runs: the ordinary path then says why.
 */
export async function startEarlyKdf(argv: readonly string[], io: CliIo): Promise<EarlyUnlock | undefined> {
  const args = plainGet(argv);
  if (args === null || !args.passwordStdin) return undefined;
  const kdf = peekKdf(
    args.vault || io.env.LATCH_VAULT || defaultVaultPath({ platform: io.platform, env: io.env, homedir: io.homedir }),
  );
  if (kdf === null) return undefined;
  const secrets = new SecretInput(io, true);
  const password = await secrets.firstLine();
  // An empty or missing line: the ordinary path refuses it before any derivation, with its own message.
  if (!password) return { secrets, started: undefined };
  const started = StartedDerivation.start(password, kdf);
  // One turn of the event loop: PBKDF2 is then on the thread pool before this thread starts loading code.
  await new Promise((resolve) => setImmediate(resolve));
  return { secrets, started };
}
