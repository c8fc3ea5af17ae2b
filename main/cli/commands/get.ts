import type { CliCommand } from '../registry';
import { withSession } from '../with-store';

export const getCommand: CliCommand = {
  name: 'get',
  usage: 'latch get REF [--json]',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const reference = ctx.positionals[0]!;
    return withSession(ctx, async ({ secrets }) => {
      const { located, value } = await secrets.resolve(reference);
      const c = located.credential;
      const data = { service: located.service.name, credential: c.name, kind: c.kind, field: located.field, value };
      // Exactly the value and one newline, even when the value itself ends in one (a PEM key).
      if (ctx.json) ctx.output(data, value);
      else ctx.io.stdout.write(`${value}\n`);
      return 0;
    });
  },
};
