import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'tok-audit-7f3a9c2e5b1d';

export interface ApiPeer {
  url: string;
  /** Every request the server received, in order. */
  seen: { url: string; authorization: string | undefined; at: number }[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A well-behaved JSON API (bearer TOKEN required, every header the audit looks for), less `omit`. */
export function api(options: { omit?: string[]; openToAll?: boolean } = {}): Handler {
  return (req, res) => {
    const send = (status: number, headers: Record<string, string>, body: string) => {
      const all: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        ...headers,
      };
      for (const name of options.omit ?? []) delete all[name];
      for (const [k, v] of Object.entries(all)) res.setHeader(k, v);
      res.statusCode = status;
      res.end(body);
    };
    if (!options.openToAll && req.headers.authorization !== `Bearer ${TOKEN}`) {
      send(401, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }, '{"error":"unauthorised"}');
      return;
    }
    send(
      200,
      { 'cache-control': 'no-store', 'ratelimit-limit': '100', 'ratelimit-remaining': '99', 'ratelimit-reset': '60' },
      '{"me":"alice"}',
    );
  };
}
export const goodApi = api();

/** Starts `handler` on 127.0.0.1 (HTTPS when given a key pair) and records what arrives. */
export async function startApi(handler: Handler, tls?: { key: string; cert: string }): Promise<ApiPeer> {
  const seen: ApiPeer['seen'] = [];
  const wrapped: Handler = (req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, at: Date.now() });
    handler(req, res);
  };
  const server: Server = tls ? createHttpsServer(tls, wrapped) : createServer(wrapped);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://localhost:${port}/v1/me`,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
