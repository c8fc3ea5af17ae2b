import { LatchError } from '../../core/model/errors';
import { clientCredentials, refreshTokens } from '../../core/oauth';
import { systemClock } from '../../core/platform';
import { oauth2Of } from '../oauth-credential';
import type { CliCommand } from '../registry';
import { withServiceStore } from '../with-store';

// A token this close to expiry is renewed first: it could expire in the script that uses it.
const MARGIN_MS = 30_000;

export const tokenCommand: CliCommand = {
  name: 'token',
  usage: 'latch token REF [--json]',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const reference = ctx.positionals[0]!;
    return withServiceStore(ctx, async (store) => {
      const located = await store.resolve(reference);
      const c = oauth2Of(located);
      const config = c.fields;
      const now = systemClock.now();
      let tokens = config.tokens;
      const fresh = tokens !== undefined && (tokens.expiresAt === undefined || tokens.expiresAt - MARGIN_MS > now);
      if (!fresh) {
        if (config.grant === 'client_credentials') {
          // Nothing to sign in to: asking again is how these tokens are renewed.
          tokens = await clientCredentials(config, { clock: systemClock });
        } else if (tokens?.refreshToken) {
          tokens = await refreshTokens(config, { clock: systemClock });
        } else {
          throw new LatchError(
            'ERR_OAUTH_LOGIN_REQUIRED',
            tokens
              ? 'The access token has expired and there is no refresh token. Sign in again with "latch oauth login".'
              : 'This credential has no token yet. Sign in with "latch oauth login".',
          );
        }
        // Saved before it is printed: a rotated refresh token must not be lost.
        await store.setTokens(located.serviceId, c.id, tokens);
      }
      const t = tokens!;
      const data = {
        service: located.service.name,
        credential: c.name,
        tokenType: t.tokenType,
        accessToken: t.accessToken,
        expiresAt: t.expiresAt === undefined ? null : new Date(t.expiresAt).toISOString(),
        refreshed: !fresh,
      };
      if (ctx.json) ctx.output(data, t.accessToken);
      else ctx.io.stdout.write(`${t.accessToken}\n`);
      return 0;
    });
  },
};
