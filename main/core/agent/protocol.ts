/**
 * The agent's wire format: one JSON line each way per connection, then the agent closes it.
 * Every request carries the agent's token (see agent-server.ts for why).
 *
 * Both directions are checked by hand here, not with zod: the client side runs in `latch get`'s fast
 * path (main/cli/agent-get.ts), whose whole point is to start in about Node's own time, and zod alone
 * costs more than that path's budget to load. The shapes are small and flat, so a few lines suffice.
 */
export type AgentRequest =
  | { op: 'key'; token: string }
  | { op: 'status'; token: string }
  | { op: 'lock'; token: string }
  | GetRequest;

/**
 * `latch get REF` answered by the agent itself: it opens the vault file at `vault` (an absolute path) with
 * the key it holds, resolves the reference and returns that one field, so the client loads no vault code.
 */
export interface GetRequest {
  op: 'get';
  token: string;
  reference: string;
  vault: string;
}

export type AgentReply =
  | { ok: true; key?: string; expiresAt: number }
  | { ok: false; error: 'forbidden' | 'bad-request' };

/** What `latch get` prints: the field's value, and with --json the names around it. */
export interface GotField {
  service: string;
  credential: string;
  kind: string;
  field: string;
  value: string;
}

/**
 * The answer to a get: the field; or the command's failure as `latch get` would print it (its error code
 * and message); or `unavailable`: the agent could not open that file with its key (another vault, a damaged
 * file, none there), and the client goes the ordinary way, which explains the problem as it always has.
 */
export type GetReply =
  | { ok: true; got: GotField }
  | { ok: false; error: 'failed'; code: string; message: string }
  | { ok: false; error: 'unavailable' | 'forbidden' | 'bad-request' };

/** A request is a few hundred bytes (a token, a reference, a path); anything longer is not a client of ours. */
export const MAX_REQUEST_BYTES = 16 * 1024;
/** Longest reference and vault path a get may name (PATH_MAX is 4096 on Linux). */
const MAX_REFERENCE = 4096;
const MAX_PATH = 4096;

/** What `latch unlock --for` hands the new agent on its stdin (never argv or the environment). */
export interface AgentStart {
  vaultId: string;
  /** The vault key, base64. */
  key: string;
  expiresAt: number;
  /** The session the unlock was typed in; when its leader exits, the agent forgets the key. */
  session: SessionLeader | null;
}

export interface SessionLeader {
  pid: number;
  /** Start time from /proc/PID/stat, so a recycled pid is not taken for the leader. */
  start: string;
}

function parseObject(line: string): Record<string, unknown> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

export function parseRequest(line: string): AgentRequest | null {
  const raw = parseObject(line);
  if (raw === null) return null;
  const { op, token } = raw;
  if (typeof token !== 'string') return null;
  if (op === 'key' || op === 'status' || op === 'lock') return { op, token };
  if (op !== 'get') return null;
  const { reference, vault } = raw;
  // The vault path is opened by the agent, whose working folder is not the client's: only an absolute one.
  if (!isText(reference, MAX_REFERENCE) || !isText(vault, MAX_PATH) || !vault.startsWith('/')) return null;
  return { op, token, reference, vault };
}

/** The agent's answer to a get, or null when it is not one (an older agent, a stranger on the socket). */
export function parseGetReply(line: string): GetReply | null {
  const raw = parseObject(line);
  if (raw === null) return null;
  if (raw.ok === true) {
    const got = raw.got as Record<string, unknown> | null;
    if (typeof got !== 'object' || got === null) return null;
    const { service, credential, kind, field, value } = got;
    if (![service, credential, kind, field, value].every((s) => typeof s === 'string')) return null;
    return { ok: true, got: { service, credential, kind, field, value } as GotField };
  }
  if (raw.ok !== false) return null;
  if (raw.error === 'failed')
    return typeof raw.code === 'string' && typeof raw.message === 'string'
      ? { ok: false, error: 'failed', code: raw.code, message: raw.message }
      : null;
  if (raw.error === 'unavailable' || raw.error === 'forbidden' || raw.error === 'bad-request')
    return { ok: false, error: raw.error };
  return null;
}
