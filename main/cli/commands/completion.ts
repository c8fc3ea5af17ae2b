import { COMPLETION_SCRIPTS, SHELLS } from '../completion/scripts';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';

export const completionCommand: CliCommand = {
  name: 'completion',
  usage: 'latch completion bash|zsh|fish',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const shell = ctx.positionals[0]!;
    const script = (COMPLETION_SCRIPTS as Record<string, string>)[shell];
    if (script === undefined) throw usageError(`latch completion takes one of: ${SHELLS.join(', ')}.`);
    ctx.io.stdout.write(script);
    return 0;
  },
};
