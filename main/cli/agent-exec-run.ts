/**
 * The second half of `latch exec` through the unlock agent (agent-exec.ts): starts the command with the values
 * the agent answered (node:child_process, the masking code). In the `exec-start` chunk with agent-exec.ts.
 */
import type { ResolvedValue } from '../core/agent/protocol';
import type { EnvAssignment } from '../core/exec/env-assignment';
import { resolveExecEnv } from '../core/exec/resolve-env';
import { runCommand } from '../core/exec/run-command';
import { exitCodeForCode } from './exit-codes';
import { cliFailure } from './failure';
import type { CliIo } from './io';

/** Runs `command` as the ordinary exec runs it, with `values` (one per reference, in order) for the references. */
export async function runThroughAgent(
  [command, ...args]: readonly [string, ...string[]],
  assignments: readonly EnvAssignment[],
  values: readonly ResolvedValue[],
  io: CliIo,
): Promise<number> {
  // resolveExecEnv asks for the references in the order they were sent, one at a time.
  const next = values.values();
  try {
    const resolved = await resolveExecEnv(assignments, async () => next.next().value!);
    return await runCommand({
      command,
      args,
      env: resolved.env,
      secrets: resolved.secrets,
      baseEnv: io.env as NodeJS.ProcessEnv,
      stdin: 'inherit',
      stdout: io.stdout,
      stderr: io.stderr,
    });
  } catch (e) {
    // A value no environment can carry, or a start that failed for a reason other than not found or not
    // allowed: as the ordinary exec says it.
    const { code, message } = cliFailure(e);
    io.stderr.write(`latch: ${message}\n`);
    return exitCodeForCode(code);
  }
}
