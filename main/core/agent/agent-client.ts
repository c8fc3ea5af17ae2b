import { lstatSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { LatchError } from '../model/errors';
import type { AgentReply, AgentRequest } from './protocol';
import { agentPaths } from './runtime-dir';

const CONNECT_TIMEOUT_MS = 2000;

function errno(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** The token file, if it is a private file of this user (else it is not our agent's). */
function readToken(path: string): string | null {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st?.isFile() || st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0) return null;
  return readFileSync(path, 'utf8').trim();
}

/**
 * Sends one request to the agent holding vaultId's key. null when no agent runs for it (no folder,
 * no token, nobody listening); ERR_AGENT_UNSAFE when the folder is not private.
 */
export async function askAgent(
  env: Readonly<Record<string, string | undefined>>,
  vaultId: string,
  op: AgentRequest['op'],
): Promise<AgentReply | null> {
  let paths: ReturnType<typeof agentPaths>;
  try {
    paths = agentPaths(env, vaultId);
  } catch (e) {
    if (e instanceof LatchError && e.code === 'ERR_AGENT_UNSAFE' && /does not exist/.test(e.message)) return null;
    throw e;
  }
  const token = readToken(paths.token);
  if (token === null) return null;
  return new Promise((resolve, reject) => {
    const socket = connect(paths.socket);
    let reply = '';
    socket.setEncoding('utf8');
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      socket.destroy();
      resolve(null);
    });
    socket.on('connect', () => socket.write(`${JSON.stringify({ op, token })}\n`));
    socket.on('data', (d: string) => {
      reply += d;
      if (reply.length > 1024) socket.destroy();
    });
    socket.on('error', (e) => {
      if (['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(errno(e) ?? '')) resolve(null);
      else
        reject(new LatchError('ERR_AGENT_UNSAFE', `The unlock agent could not be reached (${errno(e) ?? 'error'}).`));
    });
    socket.on('close', () => {
      try {
        const parsed = JSON.parse(reply) as AgentReply;
        resolve(typeof parsed === 'object' && parsed !== null && 'ok' in parsed ? parsed : null);
      } catch {
        resolve(null);
      }
    });
  });
}
