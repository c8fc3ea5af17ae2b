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
  | GetRequest
  | ResolveRequest;

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

/**
 * `latch exec`'s references (from --env and --env-file, in that order, repeats kept) resolved by the agent in
 * one request, with the vault opened once: the client (main/cli/agent-exec.ts) then starts the command
 * without loading any vault code. Answered in order; the first failure, or the first OAuth credential (whose
 * token may need a refresh the client does itself), ends the answer.
 */
export interface ResolveRequest {
  op: 'resolve';
  token: string;
  references: string[];
  vault: string;
}

/** A resolved reference: its value, and whether it is a secret field (masked in the command's output). */
export interface ResolvedValue {
  value: string;
  secret: boolean;
}

/** As GetReply, with one value per reference asked, in the same order. */
export type ResolveReply =
  | { ok: true; values: ResolvedValue[] }
  | { ok: false; error: 'failed'; code: string; message: string }
  | { ok: false; error: 'unavailable' | 'forbidden' | 'bad-request' };

/**
 * A request is a few hundred bytes (a token, a reference, a path), or a few hundred references for an env
 * file; anything longer is not a client of ours (the client takes the ordinary way before sending more).
 */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** Most references one resolve may ask for (an env file of more takes the ordinary way). */
export const MAX_REFERENCES = 1000;
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
  const { reference, references, vault } = raw;
  // The vault path is opened by the agent, whose working folder is not the client's: only an absolute one.
  if (!isText(vault, MAX_PATH) || !vault.startsWith('/')) return null;
  if (op === 'get') return isText(reference, MAX_REFERENCE) ? { op, token, reference, vault } : null;
  if (op !== 'resolve' || !Array.isArray(references)) return null;
  if (references.length === 0 || references.length > MAX_REFERENCES) return null;
  if (!references.every((r) => isText(r, MAX_REFERENCE))) return null;
  return { op, token, references: references as string[], vault };
}

/** The failures both lookups answer with, or null when `raw` is none of them. */
function parseFailure(raw: Record<string, unknown>): Extract<GetReply, { ok: false }> | null {
  if (raw.ok !== false) return null;
  if (raw.error === 'failed')
    return typeof raw.code === 'string' && typeof raw.message === 'string'
      ? { ok: false, error: 'failed', code: raw.code, message: raw.message }
      : null;
  if (raw.error === 'unavailable' || raw.error === 'forbidden' || raw.error === 'bad-request')
    return { ok: false, error: raw.error };
  return null;
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
  return parseFailure(raw);
}

/** The agent's answer to a resolve of `count` references, or null when it is not one (or has another count). */
export function parseResolveReply(line: string, count: number): ResolveReply | null {
  const raw = parseObject(line);
  if (raw === null) return null;
  if (raw.ok !== true) return parseFailure(raw);
  const { values } = raw;
  if (!Array.isArray(values) || values.length !== count) return null;
  const out: ResolvedValue[] = [];
  for (const v of values as unknown[]) {
    const { value, secret } = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    if (typeof value !== 'string' || typeof secret !== 'boolean') return null;
    out.push({ value, secret });
  }
  return { ok: true, values: out };
}
