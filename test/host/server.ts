/**
 * The browser host: serves the built renderer and carries the contract over a WebSocket
 * bound to 127.0.0.1, so the real renderer talks to the real core in Chromium for tests
 * and `npm run dev:web`. The packaged app never starts it.
 *
 * A connection must present the per-run secret and come from the host's own Origin;
 * anything else is refused before the WebSocket opens.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Dispatch } from '../../main/ipc/dispatcher';
import type { EventHub } from '../../main/ipc/event-hub';
import { buildCsp } from '../../main/security/csp';
import { readStatic } from './static-files';

export interface HostOptions {
  rendererDir: string;
  dispatch: Dispatch;
  events: EventHub;
  port?: number;
  /** Fixed secret for tests that need one; a random one otherwise. */
  token?: string;
}

export interface RunningHost {
  /** The URL to open, secret included (in the fragment, so it is never sent in a request line). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

function secretMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  const sockets = new Set<WebSocket>();

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const csp = buildCsp({ connectSrc: [`ws://127.0.0.1:${port}`] });

  server.on('request', async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = await readStatic(options.rendererDir, req.url ?? '/');
    if (file === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/bridge') return refuse(socket, 404, 'Not Found');
    if (!secretMatches(token, url.searchParams.get('token'))) return refuse(socket, 401, 'Unauthorized');
    if (req.headers.origin !== origin) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) ws.send(frame);
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', async (data) => {
      let message: { id?: unknown; channel?: unknown; input?: unknown };
      try {
        message = JSON.parse(String(data));
      } catch {
        ws.send(
          JSON.stringify({
            id: null,
            envelope: { ok: false, error: { code: 'ERR_BAD_INPUT', message: 'The message is not JSON.' } },
          }),
        );
        return;
      }
      const envelope = await options.dispatch(message.channel, message.input, { transport: 'browser-host' });
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id ?? null, envelope }));
    });
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
