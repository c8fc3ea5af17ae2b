import type { TokenSet } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import {
  authorize,
  authorizeImplicit,
  clientCredentials,
  type OAuth2Config,
  revoke,
  startDeviceAuthorization,
} from '../../core/oauth';
import { type BrowserOpener, systemClock } from '../../core/platform';
import { isSafeExternalUrl } from '../../security/url-policy';
import { oauth2Of } from '../oauth-credential';
import { osBrowser } from '../os-browser';
import { usageError } from '../parse-args';
import type { CliCommand, CliContext } from '../registry';
import { withServiceStore } from '../with-store';

const USAGE = 'latch oauth login REF [--no-browser] [--timeout SECONDS]   |   latch oauth revoke REF';

function opener(ctx: CliContext): BrowserOpener {
  const noBrowser = ctx.values['no-browser'] === true;
  return {
    open: async (url) => {
      if (!isSafeExternalUrl(url)) throw new LatchError('ERR_OAUTH', 'The sign-in address is not an http(s) URL.');
      if (noBrowser) {
        ctx.note('Open this address in a browser to sign in (Latch waits for the redirect to 127.0.0.1):');
        // The URL alone on stdout, so a script can pass it on.
        ctx.io.stdout.write(`${url}\n`);
        return;
      }
      ctx.note(`Opening your browser to sign in. If it does not open, go to:\n${url}`);
      await osBrowser.open(url);
    },
  };
}

async function login(ctx: CliContext, config: OAuth2Config, timeoutMs: number | undefined): Promise<TokenSet> {
  const { tokens: _old, ...bare } = config;
  const env = { clock: systemClock, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
  switch (bare.grant) {
    case 'authorization_code':
      return authorize(bare, { ...env, opener: opener(ctx) });
    case 'implicit':
      ctx.note('Warning: the implicit grant is legacy (RFC 9700); use the authorization code grant where possible.');
      return authorizeImplicit(bare, { ...env, opener: opener(ctx) });
    case 'client_credentials':
      return clientCredentials(bare, env);
    case 'device_code': {
      const device = await startDeviceAuthorization(bare, env);
      ctx.note(`To sign in, open ${device.verificationUri} and enter the code: ${device.userCode}`);
      if (device.verificationUriComplete) ctx.note(`(or open ${device.verificationUriComplete})`);
      if (!ctx.json) ctx.io.stdout.write(`${device.userCode}\n`);
      if (
        ctx.values['no-browser'] !== true &&
        isSafeExternalUrl(device.verificationUriComplete ?? device.verificationUri)
      )
        await osBrowser.open(device.verificationUriComplete ?? device.verificationUri).catch(() => undefined);
      return device.poll();
    }
  }
}

export const oauthCommand: CliCommand = {
  name: 'oauth',
  usage: USAGE,
  positionals: { min: 2, max: 2 },
  options: {
    'no-browser': { type: 'boolean', help: 'login: print the sign-in address instead of opening the browser' },
    timeout: { type: 'string', help: 'login: seconds to wait for the browser (default 300)' },
  },
  async run(ctx) {
    const [action, reference] = ctx.positionals as [string, string];
    if (action === 'login') {
      const t = ctx.values.timeout;
      if (t !== undefined && (typeof t !== 'string' || !/^\d+$/.test(t) || Number(t) < 1))
        throw usageError('--timeout takes a whole number of seconds.');
      const timeoutMs = typeof t === 'string' ? Number(t) * 1000 : undefined;
      return withServiceStore(ctx, async (store) => {
        const located = await store.resolve(reference);
        const c = oauth2Of(located);
        const tokens = await login(ctx, c.fields, timeoutMs);
        await store.setTokens(located.serviceId, c.id, tokens);
        const expires =
          tokens.expiresAt === undefined ? 'no expiry given' : `expires ${new Date(tokens.expiresAt).toISOString()}`;
        const data = {
          service: located.service.name,
          credential: c.name,
          expiresAt: tokens.expiresAt === undefined ? null : new Date(tokens.expiresAt).toISOString(),
          refreshToken: tokens.refreshToken !== undefined,
          scope: tokens.scope ?? null,
        };
        if (ctx.json) ctx.output(data, '');
        else
          ctx.note(
            `Signed in: ${located.service.name} / ${c.name} (${expires}${tokens.refreshToken ? ', refresh token saved' : ''}).`,
          );
        return 0;
      });
    }
    if (action === 'revoke') {
      return withServiceStore(ctx, async (store) => {
        const located = await store.resolve(reference);
        const c = oauth2Of(located);
        const tokens = c.fields.tokens;
        if (!tokens) {
          ctx.output({ revoked: false, reason: 'no tokens' }, 'Nothing to revoke: this credential holds no tokens.');
          return 0;
        }
        const { tokens: _t, ...config } = c.fields;
        const jobs: [string, 'refresh_token' | 'access_token'][] = [];
        // The refresh token first: revoking it usually ends the whole grant (RFC 7009 §2.1).
        if (tokens.refreshToken) jobs.push([tokens.refreshToken, 'refresh_token']);
        jobs.push([tokens.accessToken, 'access_token']);
        for (const [token, hint] of jobs) {
          const result = await revoke(config, token, hint, { clock: systemClock });
          if (result.status === 'retry') {
            throw new LatchError(
              'ERR_OAUTH',
              `The server could not revoke the token now (${result.reason}); the tokens are kept. Try again later.`,
              { detail: { error: 'temporarily_unavailable' } },
            );
          }
        }
        await store.setTokens(located.serviceId, c.id, undefined);
        ctx.output(
          { revoked: true, service: located.service.name, credential: c.name },
          `Revoked and removed the tokens of ${located.service.name} / ${c.name}.`,
        );
        return 0;
      });
    }
    throw usageError(`Usage: ${USAGE}`);
  },
};
