import { fieldOutput, gotField } from '../got-field';
import type { CliCommand } from '../registry';
import { withSession } from '../with-store';

/** The ordinary `latch get`; through the unlock agent the same output comes from main/cli/agent-get.ts. */
export const getCommand: CliCommand = {
  name: 'get',
  usage: 'latch get REF [--json]',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const reference = ctx.positionals[0]!;
    return withSession(
      ctx,
      async ({ secrets }) => {
        const { located, value } = await secrets.resolve(reference);
        ctx.io.stdout.write(fieldOutput(gotField(located, value), ctx.json));
        return 0;
      },
      { warmUp: (services, derived) => services.warmUpGet(derived, ctx.json) },
    );
  },
};
