/**
 * A small local server that answers like GitHub's OAuth endpoints (no discovery):
 *  - GET  /login/oauth/authorize      approves at once and redirects with code + state (no iss)
 *  - POST /login/oauth/access_token   authorization_code (PKCE checked when a challenge was sent)
 *                                     and device_code grants
 *  - POST /login/device/code          device authorization
 * Like GitHub, answers are form-encoded unless the request says Accept: application/json, and
 * errors (bad_verification_code, authorization_pending...) come with HTTP 200.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubLikeOptions {
  clientId: string;
  clientSecret?: string;
  /** When true the server ignores Accept and always answers form-encoded. */
  alwaysForm?: boolean;
  /** Device polls answered authorization_pending before approval. */
  pendingPolls?: number;
}

export interface GithubLikePeer {
  origin: string;
  /** Accept header of each token/device request, in order. */
  accepts: string[];
  stop(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startGithubLike(options: GithubLikeOptions): Promise<GithubLikePeer> {
  const codes = new Map<string, { challenge?: string; redirectUri: string }>();
  const devices = new Map<string, { polls: number }>();
  const accepts: string[] = [];

  function answer(req: IncomingMessage, res: ServerResponse, body: Record<string, string | number>) {
    const json = !options.alwaysForm && (req.headers.accept ?? '').includes('application/json');
    res.writeHead(200, {
      'content-type': json ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded; charset=utf-8',
    });
    res.end(
      json
        ? JSON.stringify(body)
        : new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString(),
    );
  }

  function clientOk(form: URLSearchParams): boolean {
    if (form.get('client_id') !== options.clientId) return false;
    return options.clientSecret === undefined || form.get('client_secret') === options.clientSecret;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      const code = randomBytes(10).toString('hex');
      codes.set(code, {
        redirectUri,
        ...(url.searchParams.get('code_challenge') ? { challenge: url.searchParams.get('code_challenge') ?? '' } : {}),
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/login/device/code') {
      accepts.push(req.headers.accept ?? '');
      const form = await readForm(req);
      if (form.get('client_id') !== options.clientId)
        return answer(req, res, { error: 'incorrect_client_credentials' });
      const deviceCode = randomBytes(10).toString('hex');
      devices.set(deviceCode, { polls: 0 });
      return answer(req, res, {
        device_code: deviceCode,
        user_code: 'WDJB-MJHT',
        verification_uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/login/device`,
        expires_in: 900,
        interval: 1,
      });
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      accepts.push(req.headers.accept ?? '');
      const form = await readForm(req);
      if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code') {
        if (form.get('client_id') !== options.clientId)
          return answer(req, res, { error: 'incorrect_client_credentials' });
        const device = devices.get(form.get('device_code') ?? '');
        if (!device)
          return answer(req, res, { error: 'expired_token', error_description: 'The device_code has expired.' });
        if (device.polls++ < (options.pendingPolls ?? 1)) return answer(req, res, { error: 'authorization_pending' });
        return answer(req, res, {
          access_token: `gho_${randomBytes(8).toString('hex')}`,
          token_type: 'bearer',
          scope: 'read:user',
        });
      }
      if (!clientOk(form))
        return answer(req, res, {
          error: 'incorrect_client_credentials',
          error_description: 'The client_id and/or client_secret passed are incorrect.',
        });
      const code = form.get('code') ?? '';
      const issued = codes.get(code);
      codes.delete(code);
      if (!issued || issued.redirectUri !== form.get('redirect_uri')) {
        return answer(req, res, {
          error: 'bad_verification_code',
          error_description: 'The code passed is incorrect or expired.',
        });
      }
      if (issued.challenge !== undefined) {
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) {
          return answer(req, res, { error: 'bad_verification_code', error_description: 'PKCE verification failed.' });
        }
      }
      return answer(req, res, {
        access_token: `gho_${randomBytes(8).toString('hex')}`,
        token_type: 'bearer',
        scope: 'read:user,repo',
      });
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    accepts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
