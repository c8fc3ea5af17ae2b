/**
 * `latch exec [--env NAME=REF ...] [--env-file FILE] [--vault FILE] -- COMMAND [ARGS...]` through the unlock
 * agent, without the command framework. exec wraps a tool's every start (a test run, a deploy script, a dev
 * server restarted on each save), so what it adds to the child's own start matters (issue 18: under 100 ms).
 * With an agent holding the key, the agent resolves every reference in one request (main/cli/agent-lookup.ts)
 * and agent-exec-run.ts starts the command with them: no zod, credential model, vault code, keychain addon or
 * command registry is loaded here.
 *
 * With agent-exec-run.ts (node:child_process, masking) it is the `exec-start` chunk, which index.ts imports only
 * for exec, so the start chunk every command loads stays without it (cli.vite.config.ts: loading it after the
 * request was sent cost every other command its parse and saved exec no instructions; docs/cli.md).
 *
 * It changes speed, never behaviour. The command runs exactly as the ordinary exec runs it (core/exec's
 * runCommand: the values only in its environment, never argv; stdin, stdout and stderr passed through, secret
 * fields masked in its output; its exit code, or 128 + a signal, returned; SIGINT, SIGTERM and SIGHUP
 * forwarded). Whatever this does not handle plainly returns undefined before anything has run, and the
 * ordinary `latch exec` runs and explains itself as it always has: any other option or argument shape, a bad
 * --env pair or env file, no agent, a vault the agent cannot open, an OAuth credential (its token may need a
 * refresh, which the ordinary path does in this process). A failure the agent read (no such credential) is
 * printed as the ordinary exec prints it, and the command does not run.
 */
import { askAgentResolve } from '../core/agent/agent-client';
import type { ResolveReply } from '../core/agent/protocol';
import { isSecretReference } from '../core/credentials/secret-reference';
import { type EnvAssignment, parseEnvAssignment } from '../core/exec/env-assignment';
import { runThroughAgent } from './agent-exec-run';
import { agentFailure } from './agent-failure';
import { agentVault } from './agent-vault';
import { envFileAssignments } from './env-file';
import { fastArgs } from './fast-args';
import type { CliIo } from './io';

interface PlainExec {
  /** --env pairs, in order. */
  env: string[];
  envFile: string | undefined;
  vault: string | undefined;
  /** The command and its arguments. */
  command: string[];
}

/**
 * `exec` with --env (repeated), at most one --env-file and one --vault, then `--` and at least one word (the
 * words between `exec` and `--` are the command's too, as the ordinary parser takes them); else null.
 */
export function plainExec(argv: readonly string[]): PlainExec | null {
  const args = fastArgs(argv, { env: 'values', 'env-file': 'value', vault: 'value' });
  if (args === null || args.words[0] !== 'exec' || args.afterDashes === undefined) return null;
  const command = [...args.words.slice(1), ...args.afterDashes];
  const env = args.given.get('env') ?? [];
  const envFile = args.given.get('env-file')?.[0];
  if (command.length === 0 || (env.length === 0 && envFile === undefined)) return null;
  return { env, envFile, vault: args.given.get('vault')?.[0], command };
}

/** The command's exit code when it ran through the agent; undefined when the ordinary `latch exec` should run. */
export async function execThroughAgent(argv: readonly string[], io: CliIo): Promise<number | undefined> {
  const args = plainExec(argv);
  if (args === null) return undefined;
  let assignments: EnvAssignment[];
  /** The agent's answer, once asked; none when nothing needs it (the ordinary exec does not open the vault either). */
  let asked: Promise<ResolveReply | null> | undefined;
  try {
    // The env file's first (as the ordinary exec reads them; the command line wins), read once for both paths.
    assignments = args.envFile === undefined ? [] : [...(await envFileAssignments(args.envFile))];
    for (const pair of args.env) assignments.push(parseEnvAssignment(pair));
    if (assignments.length === 0) return undefined; // an empty env file and no --env: the ordinary usage error
    const references = assignments.map((a) => a.value).filter(isSecretReference);
    if (references.length > 0) {
      const vault = agentVault(args.vault, io);
      if (vault === null) return undefined;
      asked = askAgentResolve(io.env, vault.vaultId, { references, vault: vault.path }).catch(() => null);
    }
  } catch {
    return undefined; // a bad pair or env file: the ordinary exec says what is wrong with it
  }
  const reply = asked === undefined ? { ok: true as const, values: [] } : await asked;
  if (reply === null) return undefined;
  if (!reply.ok) return agentFailure(reply, io);
  return runThroughAgent(args.command as [string, ...string[]], assignments, reply.values, io);
}
