/**
 * The unlock agent (`latch unlock --for 15m`): a per-user process that holds one vault's key in memory
 * and hands it to `latch` commands of the same user, so git, the AWS CLI or kubectl calling latch many
 * times need no password and no keychain. It forgets the key (and exits) when its time is up, on
 * `latch lock`, when the session it was started from ends (its leader exits, or the runtime folder is
 * removed at logout), and on SIGHUP/SIGINT/SIGTERM. Nothing secret is written to disk.
 *
 * Who may ask. Node exposes no SO_PEERCRED, so the peer's uid cannot be read from the socket itself.
 * Two checks stand in for it, either of which alone keeps another user out:
 *  1. the socket is created mode 0600 (umask 177 before listen) in a 0700 folder owned by the user
 *     (checked by lstat before listen and before every connect), so connect() fails with EACCES for any
 *     other uid;
 *  2. every request carries a random 256-bit token that the agent writes to a 0600 file next to the
 *     socket: a peer that presents it could read a file only this uid (or root) can read.
 * Reading /proc/net/unix and /proc/PID/status to find the peer was rejected: it is Linux-only, needs
 * matching socket inodes across two racy reads, and proves nothing the file permissions do not.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import {
  type AgentReply,
  type AgentStart,
  type GetReply,
  type GetRequest,
  MAX_REQUEST_BYTES,
  parseRequest,
  type ResolveReply,
  type ResolveRequest,
} from './protocol';
import type { AgentPaths } from './runtime-dir';
import { sessionLeaderAlive } from './session-leader';

const WATCH_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;

const digest = (s: string) => createHash('sha256').update(s).digest();

function removeIfOurs(path: string, ino: number | undefined): void {
  try {
    if (ino === undefined || lstatSync(path).ino === ino) unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function removeStaleSocket(path: string): void {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st?.isSocket()) unlinkSync(path);
}

/**
 * Answers a get with the vault key (a copy, which the lookup may wipe). Supplied by the command line, which
 * owns the vault and credential code; core only carries the request to it.
 */
export type AgentLookup = (key: Uint8Array, vaultId: string, request: GetRequest) => Promise<GetReply>;
/** Answers `latch exec`'s resolve the same way (a copy of the key, which it may wipe). */
export type AgentResolve = (key: Uint8Array, vaultId: string, request: ResolveRequest) => Promise<ResolveReply>;

export interface RunningAgent {
  server: Server;
  /** Resolves when the agent has forgotten the key and closed its socket. */
  ended: Promise<string>;
  end(reason: string): void;
}

/**
 * Listens on paths.socket and serves the key (and, with `lookup`, single fields; with `resolve`, exec's
 * references) until one of the ends above.
 * The caller has set umask 177.
 */
export async function startAgent(
  start: AgentStart,
  paths: AgentPaths,
  options: {
    lookup?: AgentLookup;
    resolve?: AgentResolve;
    /** How long a connection may sit before its request line arrives (default 2 s; tests shorten it). */
    requestTimeoutMs?: number;
    /** Called once when the agent forgets its key (whatever the reason): what the lookups hold dies with it. */
    onEnd?: () => void;
  } = {},
): Promise<RunningAgent> {
  const key = Buffer.from(start.key, 'base64');
  const token = randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);
  removeStaleSocket(paths.socket);
  removeIfOurs(paths.token, undefined);
  writeFileSync(paths.token, token, { mode: 0o600, flag: 'wx' });
  const tokenIno = lstatSync(paths.token).ino;

  let finish: (reason: string) => void = () => undefined;
  const ended = new Promise<string>((r) => {
    finish = r;
  });
  let socketIno: number | undefined;
  let over = false;
  const timers: NodeJS.Timeout[] = [];

  const server = createServer({ allowHalfOpen: false }, (socket) => serve(socket));
  function end(reason: string): void {
    if (over) return;
    over = true;
    key.fill(0);
    options.onEnd?.();
    for (const t of timers) clearTimeout(t);
    removeIfOurs(paths.socket, socketIno);
    removeIfOurs(paths.token, tokenIno);
    server.close(() => finish(reason));
  }

  function answer(socket: Socket, reply: AgentReply | GetReply | ResolveReply): void {
    socket.end(`${JSON.stringify(reply)}\n`);
  }

  function lookUp(socket: Socket, look: (key: Uint8Array, vaultId: string) => Promise<GetReply | ResolveReply>): void {
    // Reading the vault (and perhaps refreshing a token) takes longer than a request may sit idle.
    socket.setTimeout(0);
    look(Uint8Array.from(key), start.vaultId).then(
      (reply) => answer(socket, reply),
      () => answer(socket, { ok: false, error: 'unavailable' }),
    );
  }

  function serve(socket: Socket): void {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.setTimeout(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const nl = buffered.indexOf('\n');
      if (nl < 0) {
        if (buffered.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.removeAllListeners('data');
      const request = parseRequest(buffered.slice(0, nl));
      if (!request) return answer(socket, { ok: false, error: 'bad-request' });
      if (!timingSafeEqual(digest(request.token), tokenDigest) || over)
        return answer(socket, { ok: false, error: 'forbidden' });
      if (request.op === 'key')
        return answer(socket, { ok: true, key: key.toString('base64'), expiresAt: start.expiresAt });
      const { lookup, resolve } = options;
      if (request.op === 'get')
        return lookup
          ? lookUp(socket, (k, id) => lookup(k, id, request))
          : answer(socket, { ok: false, error: 'bad-request' });
      if (request.op === 'resolve')
        return resolve
          ? lookUp(socket, (k, id) => resolve(k, id, request))
          : answer(socket, { ok: false, error: 'bad-request' });
      answer(socket, { ok: true, expiresAt: start.expiresAt });
      if (request.op === 'lock') end('locked');
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(paths.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  socketIno = lstatSync(paths.socket).ino;

  // setTimeout takes at most 2^31-1 ms; the watch below re-checks the deadline anyway.
  timers.push(setTimeout(() => end('expired'), Math.min(2 ** 31 - 1, Math.max(0, start.expiresAt - Date.now()))));
  const watch = setInterval(() => {
    if (Date.now() >= start.expiresAt) return end('expired');
    if (start.session && !sessionLeaderAlive(start.session)) return end('session-ended');
    const st = lstatSync(paths.socket, { throwIfNoEntry: false });
    if (!st || st.ino !== socketIno) end('socket-removed');
  }, WATCH_MS);
  timers.push(watch);
  return { server, ended, end };
}
