/**
 * The unlock agent's own process (`latch unlock --for` starts it detached): reads its start message
 * (the vault key and deadline) from stdin, listens, prints "ready" on stdout, and runs until the agent
 * ends. See main/core/agent/agent-server.ts.
 */
import { startAgent } from '../core/agent/agent-server';
import type { AgentStart } from '../core/agent/protocol';
import { agentPaths } from '../core/agent/runtime-dir';
import type { AgentLookups } from './agent-lookup';
import type { CliIo } from './io';
import { readAllStdin } from './read-stdin';

/** The start message is a key, a deadline and a vault id from our own parent: a few hundred bytes. */
const MAX_AGENT_START_BYTES = 64 * 1024;

export async function runAgentProcess(io: CliIo): Promise<number> {
  const start = JSON.parse(await readAllStdin(io, MAX_AGENT_START_BYTES)) as AgentStart;
  const paths = agentPaths(io.env, start.vaultId, { create: true });
  // Everything the agent creates in it (socket, token file) is this user's alone, from the first instant.
  process.umask(0o177);
  let lookups: Promise<AgentLookups> | undefined;
  const load = () => {
    lookups ??= import('./agent-lookup').then((m) => m.agentLookups());
    return lookups;
  };
  const agent = await startAgent(start, paths, {
    lookup: async (key, vaultId, request) => (await load()).field(key, vaultId, request),
    resolve: async (key, vaultId, request) => (await load()).references(key, vaultId, request),
    // Nothing is held before the lookups exist, and a request still reading when the key goes locks its vault as it ends.
    onEnd: () => {
      lookups?.then(
        (l) => l.forget(),
        () => undefined,
      );
    },
  });
  for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const) process.on(signal, () => agent.end(signal));
  io.stdout.write('ready\n');
  // The lookup's code (vault, model, zod) loads once, after "ready" so `latch unlock` does not wait for it,
  // and before the first `latch get` asks, so that one does not either.
  load().catch(() => undefined);
  await agent.ended;
  return 0;
}
