import { readSecretField } from '../../core/credentials/primary-secret';
import { systemClock } from '../../core/platform';
import type { CliCommand } from '../registry';
import { withServiceStore } from '../with-store';

export const getCommand: CliCommand = {
  name: 'get',
  usage: 'latch get REF [--json]',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const reference = ctx.positionals[0]!;
    return withServiceStore(ctx, async (store) => {
      const located = await store.resolve(reference);
      const value = await readSecretField(located, located.field, { clock: systemClock });
      const c = located.credential;
      if (c.kind === 'oauth2' && located.field === 'accessToken') {
        const exp = c.fields.tokens?.expiresAt;
        if (exp !== undefined && exp <= systemClock.now())
          ctx.note(`Note: this access token expired at ${new Date(exp).toISOString()}; refresh it in Latch.`);
      }
      const data = { service: located.service.name, credential: c.name, kind: c.kind, field: located.field, value };
      // Exactly the value and one newline, even when the value itself ends in one (a PEM key).
      if (ctx.json) ctx.output(data, value);
      else ctx.io.stdout.write(`${value}\n`);
      return 0;
    });
  },
};
