// `latch --help` (and `latch` alone) without the command framework: the catalogue and help.ts, which runCli prints
// from too, in a chunk of their own that the entry imports instead of the start chunk (cli.vite.config.ts).
import './commands';
import { EXIT } from './exit-codes';
import { generalHelp } from './help';
import type { CliIo } from './io';
import { syncOutput } from './sync-output';

/**
 * Prints the general help where generalHelpOnly said, as runCli would; returns the exit code. The stream is made only
 * if the descriptor cannot take the text (write-sync.ts: Node makes it on first use), and then ends quietly on a
 * closed reader, as start.ts has every stream do.
 */
export function printGeneralHelp(
  to: 'stdout' | 'stderr',
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  exit: (code: number) => void,
  platform = process.platform,
): number {
  syncOutput(io, exit, platform)[to](generalHelp());
  return to === 'stdout' ? EXIT.OK : EXIT.USAGE;
}
