import { oauth2Of } from '../oauth-credential';
import type { CliCommand } from '../registry';
import { withSession } from '../with-store';

export const tokenCommand: CliCommand = {
  name: 'token',
  usage: 'latch token REF [--json]',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const reference = ctx.positionals[0]!;
    return withSession(ctx, async ({ credentials, accessTokens }) => {
      const located = await credentials.resolve(reference);
      const c = oauth2Of(located);
      // The same rule as the app: refreshed when due, and saved before it is printed.
      const { tokens: t, refreshed } = await accessTokens.fresh(located.serviceId, c.id);
      const data = {
        service: located.service.name,
        credential: c.name,
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
