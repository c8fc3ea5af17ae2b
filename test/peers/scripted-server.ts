import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** What the server saw, for assertions on exactly what the client sent. */
export interface SeenRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: IncomingMessage['headers'];
  body: Buffer;
  at: number;
}

/** One scripted step: answer this request (or destroy the socket to simulate a reset). */
export type Step = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

export interface ScriptedServer {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** Steps are consumed in order; when none are left, `fallback` answers. */
  script(...steps: Step[]): void;
  fallback: Step;
  close(): Promise<void>;
}

export const reply =
  (status: number, headers: Record<string, string> = {}, body = ''): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };

/** Destroys the connection without answering: the client sees ECONNRESET. */
export const reset: Step = (req) => {
  req.socket.destroy();
};

/** A local node:http (or https, given key and cert) server answering from a script. */
export async function startScriptedServer(tls?: { key: string; cert: string }): Promise<ScriptedServer> {
  const steps: Step[] = [];
  const seen: SeenRequest[] = [];
  const state: ScriptedServer = {
    url: '',
    port: 0,
    seen,
    script: (...s) => {
      steps.push(...s);
    },
    fallback: reply(200, {}, 'ok'),
    close: async () => {},
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: req.rawHeaders,
        headers: req.headers,
        body,
        at: Date.now(),
      });
      (steps.shift() ?? state.fallback)(req, res, body);
    });
  };
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
