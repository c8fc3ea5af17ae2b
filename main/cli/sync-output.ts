import { endQuietlyWhenClosed } from './closed-output';
import type { CliIo } from './io';
import { writeSyncOr } from './write-sync';

export interface SyncOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether a write went to a stream, which may still hold it: the process must not exit before it is out. */
  streamMade(): boolean;
}

/**
 * stdout and stderr for the entry's fast paths (quick-help.ts, quick-totp.ts): blocking write()s on the descriptors
 * (write-sync.ts). A stream is made only when a write falls back to it, and then ends quietly on a closed reader (and
 * says so on anything else), as start.ts has every stream do.
 */
export function syncOutput(
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  exit: (code: number) => void,
  platform = process.platform,
): SyncOutput {
  const made = new Set<'stdout' | 'stderr'>();
  const stream = (to: 'stdout' | 'stderr') => () => {
    if (!made.has(to)) endQuietlyWhenClosed([io[to]], exit, io.stderr);
    made.add(to);
    return io[to];
  };
  return {
    stdout: (text) => writeSyncOr(1, text, stream('stdout'), platform),
    stderr: (text) => writeSyncOr(2, text, stream('stderr'), platform),
    streamMade: () => made.size > 0,
  };
}
