import { freshTokens } from '../fresh-token';
import type { CliCommand } from '../registry';
import { withServiceStore } from '../with-store';

export const tokenCommand: CliCommand = {
  name: 'token',
  usage: 'latch token REF [--json]',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const reference = ctx.positionals[0]!;
    return withServiceStore(ctx, async (store) => {
      const located = await store.resolve(reference);
      const { tokens: t, refreshed } = await freshTokens(store, located);
      const data = {
        service: located.service.name,
        credential: located.credential.name,
        tokenType: t.tokenType,
        accessToken: t.accessToken,
        expiresAt: t.expiresAt === undefined ? null : new Date(t.expiresAt).toISOString(),
        refreshed,
      };
      if (ctx.json) ctx.output(data, t.accessToken);
      else ctx.io.stdout.write(`${t.accessToken}\n`);
      return 0;
    });
  },
};
