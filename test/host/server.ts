/**
 * The browser host: serves the built renderer and carries the contract over a WebSocket
 * bound to 127.0.0.1, so the real renderer talks to the real core in Chromium for tests
 * and `npm run dev:web`. The packaged app never starts it.
 *
 * A connection must present the per-run secret and come from the host's own Origin;
 * anything else is refused before the WebSocket opens.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { sameSecret } from '../../main/core/security/same-secret';
import type { Dispatch } from '../../main/ipc/dispatcher';
import type { EventHub } from '../../main/ipc/event-hub';
import { buildCsp } from '../../main/security/csp';
import type { Envelope } from '../../preload/api';
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
  return given !== null && sameSecret(expected, given);
}

function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** Frames larger than this are refused by ws before they are read (1009 Message Too Big). */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

function badFrame(message: string): Envelope {
  return { ok: false, error: { code: 'ERR_BAD_INPUT', message } };
}

function parseFrame(data: RawData): { id?: unknown; channel?: unknown; input?: unknown } | undefined {
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as ArrayBuffer).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
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
    // A frame over maxPayload or a text frame that is not UTF-8 makes ws close the connection
    // (1009, 1007) and emit 'error'; without a listener that error would end the host.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      void answer(data, isBinary).then(
        (reply) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
        },
        () => {
          const envelope: Envelope = { ok: false, error: { code: 'ERR_INTERNAL', message: 'Latch could not answer.' } };
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: null, envelope }));
        },
      );
    });
  });

  /** One frame in, one typed answer out: a frame that is not a request gets ERR_BAD_INPUT, never a crash. */
  async function answer(data: RawData, isBinary: boolean): Promise<{ id: string | number | null; envelope: Envelope }> {
    const message = isBinary ? undefined : parseFrame(data);
    if (message === undefined) {
      return { id: null, envelope: badFrame('Each message must be one JSON object sent as a text frame.') };
    }
    const id = typeof message.id === 'number' || typeof message.id === 'string' ? message.id : null;
    if (typeof message.channel !== 'string') {
      return { id, envelope: badFrame('The message names no channel.') };
    }
    return { id, envelope: await options.dispatch(message.channel, message.input, { transport: 'browser-host' }) };
  }

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
