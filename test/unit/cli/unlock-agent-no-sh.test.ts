import type * as ChildProcess from 'node:child_process';
import { expect, it, vi } from 'vitest';
import { startAgentProcess } from '../../../main/cli/commands/unlock';
import type { AgentStart } from '../../../main/core/agent/protocol';

// A machine without /bin/sh (a distroless container image): spawning it fails with ENOENT.
vi.mock('node:child_process', async (importOriginal) => {
  const real = await importOriginal<typeof ChildProcess>();
  const spawn = ((command: string, ...rest: unknown[]) =>
    (real.spawn as (...a: unknown[]) => unknown)(
      command === '/bin/sh' ? '/nonexistent/bin/sh' : command,
      ...rest,
    )) as typeof real.spawn;
  return { ...real, spawn };
});

it('starts the agent where there is no /bin/sh, only without the core-dump limit it sets', async () => {
  const ready = "process.stdout.write('ready\\n'); setTimeout(() => {}, 200);";
  await expect(startAgentProcess({} as AgentStart, ['-e', ready])).resolves.toBeUndefined();
});
