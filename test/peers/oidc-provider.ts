/**
 * A real OpenID Provider for the OAuth integration tests and the benchmark: oidc-provider, in
 * process, on 127.0.0.1 with a free port. Features the tests need are on (device flow,
 * revocation, introspection, client credentials); login and consent are its development pages.
 *
 * completeDevInteractions() walks those pages over plain HTTP (a cookie jar and the two forms),
 * for tests that need a code quickly without a browser.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface PeerClient {
  client_id: string;
  client_secret?: string;
  token_endpoint_auth_method?: 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  grant_types?: string[];
  response_types?: string[];
  redirect_uris?: string[];
  application_type?: 'native' | 'web';
  jwks?: { keys: Record<string, unknown>[] };
  scope?: string;
  [k: string]: unknown;
}

export interface OidcProviderOptions {
  clients: PeerClient[];
  /** Seconds per artifact kind (AccessToken, RefreshToken, DeviceCode, ClientCredentials, IdToken...). */
  ttl?: Record<string, number>;
  /** Default true: every refresh answers with a new refresh token (and the old one dies). */
  rotateRefreshTokens?: boolean;
  /** Extra scopes the provider accepts (resource scopes for client credentials). */
  scopes?: string[];
  /** A path the issuer ends with, as a Keycloak realm's does ("/realms/test"); default none. */
  path?: string;
  /** Extra oidc-provider features (e.g. resourceIndicators), merged over the defaults. */
  features?: Record<string, unknown>;
  /** Request parameters beyond the standard ones the provider should read (e.g. audience). */
  extraParams?: string[];
}

export interface OidcProviderPeer {
  issuer: string;
  provider: Provider;
  stop(): Promise<void>;
}

/** A native public client with loopback redirects (any port, RFC 8252 §7.3). */
export function nativeClient(client_id: string, extra: Partial<PeerClient> = {}): PeerClient {
  return {
    client_id,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    ...extra,
  };
}

let silenced = false;

export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProviderPeer> {
  if (!silenced) {
    // oidc-provider prints development warnings (dev keys, dev interactions, Node 20) on stderr.
    silenced = true;
    for (const level of ['warn', 'info'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].includes('oidc-provider')) return;
        original(...args);
      };
    }
  }
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const mount = options.path ?? '';
  const issuer = `http://127.0.0.1:${port}${mount}`;
  const ttl = {
    AccessToken: 3600,
    AuthorizationCode: 60,
    ClientCredentials: 600,
    DeviceCode: 600,
    IdToken: 3600,
    RefreshToken: 86_400,
    Interaction: 600,
    Session: 3600,
    Grant: 86_400,
    ...options.ttl,
  };
  const provider = new Provider(issuer, {
    clients: options.clients,
    cookies: { keys: ['latch-test-cookie-key'] },
    scopes: ['openid', 'offline_access', ...(options.scopes ?? [])],
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      clientCredentials: { enabled: true },
      ...options.features,
    },
    // Tests should not depend on the offline_access + prompt=consent dance.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(g: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: options.rotateRefreshTokens ?? true,
    ttl: Object.fromEntries(Object.entries(ttl).map(([k, v]) => [k, () => v])),
    clientBasedCORS: () => true,
    ...(options.extraParams ? { extraParams: options.extraParams } : {}),
  });
  // Errors are answered to the client; the test asserts on them, not on the log.
  provider.on('server_error', () => undefined);
  const handle = provider.callback();
  server.on('request', (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    if (mount === '') return handle(req, res);
    const url = req.url ?? '/';
    if (url !== mount && !url.startsWith(`${mount}/`) && !url.startsWith(`${mount}?`)) {
      res.writeHead(404).end();
      return;
    }
    // Mounted below the issuer's path: oidc-provider reads the prefix from originalUrl.
    req.originalUrl = url;
    req.url = url.slice(mount.length) || '/';
    return handle(req, res);
  });
  return {
    issuer,
    provider,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// --- dev interactions over HTTP ----------------------------------------------------------

class CookieJar {
  readonly #cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function formOf(html: string): { action: string; fields: URLSearchParams } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the interaction page: ${html.slice(0, 200)}`);
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    fields.set(m[1] ?? '', m[2] ?? '');
  }
  return { action: action.replaceAll('&amp;', '&'), fields };
}

/**
 * Follows the authorization URL through oidc-provider's dev login and consent pages and returns
 * the final redirect (the callback URL with code or error) without requesting it.
 */
export async function completeDevInteractions(
  authorizationUrl: string,
  options: { login?: string; abort?: boolean } = {},
): Promise<string> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let method: 'GET' | 'POST' = 'GET';
  let body: URLSearchParams | undefined;
  const issuerOrigin = new URL(authorizationUrl).origin;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    jar.take(response);
    method = 'GET';
    body = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== issuerOrigin) return next.href;
      url = next.href;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`interaction failed: ${response.status} ${html.slice(0, 300)}`);
    if (options.abort) {
      // The dev pages' "cancel": oidc-provider answers the client with error=access_denied.
      url = `${url.replace(/\/$/, '')}/abort`;
      continue;
    }
    const form = formOf(html);
    if (html.includes('name="login"')) {
      form.fields.set('login', options.login ?? 'alice');
      form.fields.set('password', 'any');
    }
    url = new URL(form.action, url).href;
    method = 'POST';
    body = form.fields;
  }
  throw new Error('too many interaction hops');
}
