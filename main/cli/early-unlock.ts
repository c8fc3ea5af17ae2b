import { StartedDerivation } from '../core/vault/kdf';
import type { EarlyKdf } from './early-kdf';
import type { CliIo } from './io';
import { SecretInput } from './secret-input';

/** What runCli takes over from the early start: the stdin reader (its first line read) and the derivation. */
export interface EarlyUnlock {
  secrets: SecretInput;
  /** None when stdin had no password line: the open then says so, as without the early start. */
  started: StartedDerivation | undefined;
}

/**
 * The early start's line for the command's stdin reader. When it gave bytes back (a terminal, a failed read, a
 * line it could not be sure of: stdin-first-line.ts), they go back to the front of process.stdin, whose reader
 * then reads the first line as it always did, and the derivation starts here instead (WebCrypto, as the open's).
 */
export async function takeOverEarly(early: EarlyKdf | undefined, io: CliIo): Promise<EarlyUnlock | undefined> {
  if (early === undefined) return undefined;
  const { first } = early;
  if ('line' in first) return { secrets: SecretInput.withFirstLine(io, first.line), started: early.started };
  if (first.unread.length > 0) io.stdin.unshift(first.unread);
  const secrets = new SecretInput(io, true);
  const password = await secrets.firstLine();
  if (!password) return { secrets, started: undefined };
  const started = StartedDerivation.start(password, early.kdf);
  // One turn of the event loop: PBKDF2 is then on the thread pool before this thread goes on loading code.
  await new Promise((resolve) => setImmediate(resolve));
  return { secrets, started };
}
