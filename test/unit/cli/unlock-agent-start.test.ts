import { afterEach, expect, it, vi } from 'vitest';
import { startAgentProcess } from '../../../main/cli/commands/unlock';
import type { AgentStart } from '../../../main/core/agent/protocol';

afterEach(() => {
  vi.useRealTimers();
});

it('an agent that exits before it is ready fails the start at once and leaves no timer behind', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const start = {} as AgentStart;
  await expect(startAgentProcess(start, ['-e', 'process.exit(3)'])).rejects.toMatchObject({
    code: 'ERR_INTERNAL',
    message: expect.stringMatching(/did not start; the vault stays locked/),
  });
  // Before the fix the 10 s timer stayed armed and kept `latch unlock` alive after the failure.
  expect(vi.getTimerCount()).toBe(0);
});
