/**
 * The agent's wire format: one JSON line each way per connection, then the agent closes it.
 * Every request carries the agent's token (see agent-server.ts for why).
 */
export type AgentRequest =
  | { op: 'key'; token: string }
  | { op: 'status'; token: string }
  | { op: 'lock'; token: string };

export type AgentReply =
  | { ok: true; key?: string; expiresAt: number }
  | { ok: false; error: 'forbidden' | 'bad-request' };

/** A request is a few dozen bytes; anything longer is not a client of ours. */
export const MAX_REQUEST_BYTES = 4096;

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

export function parseRequest(line: string): AgentRequest | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { op, token } = raw as { op?: unknown; token?: unknown };
  if (typeof token !== 'string' || (op !== 'key' && op !== 'status' && op !== 'lock')) return null;
  return { op, token };
}
