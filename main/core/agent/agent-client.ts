import { lstatSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { LatchError } from '../model/errors';
import {
  type AgentReply,
  type AgentRequest,
  type GetReply,
  MAX_REQUEST_BYTES,
  parseGetReply,
  parseResolveReply,
  type ResolveReply,
} from './protocol';
import { agentPaths } from './runtime-dir';

const CONNECT_TIMEOUT_MS = 2000;
/**
 * How long a get or exec's resolve may go without an answer. The agent reads the vault and a field and nothing
 * else (an OAuth credential, whose token may need the network, is left to the client: agent-lookup.ts), which
 * takes milliseconds, a 10,000-record vault on a loaded machine well under a second. An agent that takes the
 * request and never answers (stopped, a hung file system) then costs each tool call this long before the
 * ordinary path, not the 90 s it did when the agent refreshed tokens.
 */
const GET_TIMEOUT_MS = 10_000;
/** The key, a status or a lock answer is a few dozen bytes. */
const MAX_SHORT_REPLY = 1024;
/**
 * A field's value (a PEM key, a certificate chain) with its names, or an env file's values. A longer answer
 * is dropped and the client reads them the ordinary way: nothing is lost but the fast path.
 */
const MAX_GET_REPLY = 1024 * 1024;

function errno(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** The token file, if it is a private file of this user (else it is not our agent's). */
function readToken(path: string): string | null {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st?.isFile() || st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0) return null;
  return readFileSync(path, 'utf8').trim();
}

type Unsigned<R> = R extends { token: string } ? Omit<R, 'token'> : never;

/**
 * One request to the agent holding vaultId's key; its answer line, unparsed. null when no agent runs for it
 * (no folder, no token, nobody listening), when it does not answer within `timeoutMs`, or when the answer is
 * longer than `maxReply`; ERR_AGENT_UNSAFE when the folder is not private.
 */
async function exchange(
  env: Readonly<Record<string, string | undefined>>,
  vaultId: string,
  request: Unsigned<AgentRequest>,
  limits: { maxReply: number; timeoutMs: number },
): Promise<string | null> {
  let paths: ReturnType<typeof agentPaths>;
  try {
    paths = agentPaths(env, vaultId);
  } catch (e) {
    if (e instanceof LatchError && e.code === 'ERR_AGENT_UNSAFE' && /does not exist/.test(e.message)) return null;
    // No agent can listen there (`latch unlock --for` says so); the caller goes the ordinary way.
    if (e instanceof LatchError && e.detail?.reason === 'socket-path-too-long') return null;
    throw e;
  }
  const token = readToken(paths.token);
  if (token === null) return null;
  const line = `${JSON.stringify({ ...request, token })}\n`;
  // The agent would hang up on it: the caller goes the ordinary way instead.
  if (Buffer.byteLength(line) > MAX_REQUEST_BYTES) return null;
  return new Promise((resolve, reject) => {
    const socket = connect(paths.socket);
    let reply = '';
    let overlong = false;
    socket.setEncoding('utf8');
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      socket.destroy();
      resolve(null);
    });
    socket.on('connect', () => {
      socket.setTimeout(limits.timeoutMs);
      socket.write(line);
    });
    socket.on('data', (d: string) => {
      reply += d;
      if (reply.length > limits.maxReply) {
        overlong = true;
        socket.destroy();
      }
    });
    socket.on('error', (e) => {
      if (['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(errno(e) ?? '')) resolve(null);
      else
        reject(new LatchError('ERR_AGENT_UNSAFE', `The unlock agent could not be reached (${errno(e) ?? 'error'}).`));
    });
    socket.on('close', () => resolve(overlong ? null : reply));
  });
}

/** Asks the agent for its key, its status, or to lock (see exchange for when the answer is null). */
export async function askAgent(
  env: Readonly<Record<string, string | undefined>>,
  vaultId: string,
  op: 'key' | 'status' | 'lock',
): Promise<AgentReply | null> {
  const reply = await exchange(env, vaultId, { op }, { maxReply: MAX_SHORT_REPLY, timeoutMs: CONNECT_TIMEOUT_MS });
  try {
    const parsed = JSON.parse(reply ?? '') as AgentReply;
    return typeof parsed === 'object' && parsed !== null && 'ok' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

/** Asks the agent to read one field of the vault file at `vault` (absolute); null as for exchange, or a reply that is not a get's. */
export async function askAgentGet(
  env: Readonly<Record<string, string | undefined>>,
  vaultId: string,
  request: { reference: string; vault: string },
): Promise<GetReply | null> {
  const reply = await exchange(
    env,
    vaultId,
    { op: 'get', ...request },
    { maxReply: MAX_GET_REPLY, timeoutMs: GET_TIMEOUT_MS },
  );
  return reply === null ? null : parseGetReply(reply);
}

/**
 * Asks the agent for the values of `references` (in order) in the vault file at `vault` (absolute), for
 * `latch exec`; null as for exchange, or a reply that is not a resolve's of that many values.
 */
export async function askAgentResolve(
  env: Readonly<Record<string, string | undefined>>,
  vaultId: string,
  request: { references: string[]; vault: string },
): Promise<ResolveReply | null> {
  const reply = await exchange(
    env,
    vaultId,
    { op: 'resolve', ...request },
    { maxReply: MAX_GET_REPLY, timeoutMs: GET_TIMEOUT_MS },
  );
  return reply === null ? null : parseResolveReply(reply, request.references.length);
}
