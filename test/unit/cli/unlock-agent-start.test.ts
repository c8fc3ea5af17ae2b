import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Raises this process's soft core-file limit to its hard one (as `ulimit -c unlimited` in a developer's shell). */
const raisedCoreLimit = (pid: number) =>
  process.platform === 'linux' &&
  spawnSync('prlimit', ['--pid', String(pid), '--core=unlimited:'], { stdio: 'ignore' }).status === 0 &&
  /^Max core file size\s+unlimited/m.test(readFileSync('/proc/self/limits', 'utf8'));

it.skipIf(!raisedCoreLimit(process.pid))(
  'the agent runs with no core dumps (a crash or SIGQUIT would write the vault key to disk)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-core-'));
    const out = join(dir, 'limits');
    const script = `const fs = require('node:fs'); fs.writeFileSync(${JSON.stringify(out)}, fs.readFileSync('/proc/self/limits')); process.stdout.write('ready\\n'); setTimeout(() => {}, 200);`;
    try {
      await startAgentProcess({} as AgentStart, ['-e', script]);
      expect(readFileSync(out, 'utf8')).toMatch(/^Max core file size\s+0\s/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      spawnSync('prlimit', ['--pid', String(process.pid), '--core=0:'], { stdio: 'ignore' });
    }
  },
);
