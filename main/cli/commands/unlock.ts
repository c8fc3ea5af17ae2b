import { spawn } from 'node:child_process';
import { askAgent } from '../../core/agent/agent-client';
import type { AgentStart } from '../../core/agent/protocol';
import { agentPaths } from '../../core/agent/runtime-dir';
import { currentSessionLeader } from '../../core/agent/session-leader';
import { LatchError } from '../../core/model/errors';
import { AGENT_COMMAND } from '../helper-commands';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { latchSelfArgs } from '../self-command';
import { unlockVault } from '../unlock';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
/** Longer than a working day is not "quick unlock for a while" any more. */
const MAX_MS = 12 * 3_600_000;
const READY_TIMEOUT_MS = 10_000;

export function parseDuration(text: string): number {
  const m = /^(\d+)([smh]?)$/.exec(text.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2] || 's']! : Number.NaN;
  if (!(ms >= 1000 && ms <= MAX_MS)) throw usageError('--for takes a time from 1s to 12h, e.g. 90s, 15m or 2h.');
  return ms;
}

/** The agent's process could not be made through sh, because there is no sh (ENOENT): start it without. */
const NO_SH = Symbol('no /bin/sh');

/**
 * Starts the agent detached and hands it the key on its stdin; resolves once it listens.
 * `args` is the agent's command line after Node's path (a parameter for the test of an agent
 * that dies before it is ready).
 */
export function startAgentProcess(start: AgentStart, args = latchSelfArgs(AGENT_COMMAND)): Promise<void> {
  if (!args) throw new LatchError('ERR_UNSUPPORTED', 'The unlock agent cannot be started from here.');
  // A machine with no /bin/sh (a distroless container) still gets its agent, with the core-file limit it had.
  return startAgent(start, args, true).catch((e: unknown) =>
    e === NO_SH ? startAgent(start, args, false) : Promise.reject(e),
  );
}

function startAgent(start: AgentStart, args: string[], throughSh: boolean): Promise<void> {
  const options = {
    detached: true,
    stdio: ['pipe', 'pipe', 'ignore'] as ['pipe', 'pipe', 'ignore'],
    windowsHide: true,
  };
  // Through sh to set RLIMIT_CORE to 0 first (Node has no setrlimit): the agent holds the vault key, and the
  // vaults it reads, for hours, and a crash, an abort or a SIGQUIT would otherwise write them into a core file
  // (or systemd-coredump's store, which keeps it for days) wherever a developer's shell raised `ulimit -c`.
  // Lowering a soft limit never fails; exec keeps the pid, so the agent is still this child.
  const child = throughSh
    ? spawn('/bin/sh', ['-c', 'ulimit -c 0 && exec "$@"', 'sh', process.execPath, ...args], options)
    : spawn(process.execPath, args, options);
  return new Promise((resolve, reject) => {
    const fail = (e?: unknown) => {
      // An agent that died early must not leave its start timer holding this command open for
      // the rest of the 10 s (and then kill a process that is already gone).
      clearTimeout(timer);
      child.kill();
      if (throughSh && (e as { code?: string } | undefined)?.code === 'ENOENT') reject(NO_SH);
      else reject(new LatchError('ERR_INTERNAL', 'The unlock agent did not start; the vault stays locked.'));
    };
    const timer = setTimeout(fail, READY_TIMEOUT_MS);
    child.on('error', fail);
    child.on('exit', () => fail());
    // An agent that dies before reading its key (EPIPE) or a broken pipe must not crash this
    // command: its exit, or the timeout, already fails the start.
    child.stdin.on('error', () => undefined);
    child.stdout.on('error', () => undefined);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      if (!d.startsWith('ready')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.destroy();
      child.unref();
      resolve();
    });
    child.stdin.end(JSON.stringify(start));
  });
}

export const unlockCommand: CliCommand = {
  name: 'unlock',
  usage: 'latch unlock --for DURATION [--json]',
  options: {
    for: { type: 'string', help: 'how long the agent keeps the key: 90s, 15m, 2h (at most 12h)' },
  },
  async run(ctx) {
    if (typeof ctx.values.for !== 'string') throw usageError('Say for how long: latch unlock --for 15m');
    const ms = parseDuration(ctx.values.for);
    const vault = await unlockVault(ctx, { allowAgent: false });
    let raw: Uint8Array;
    try {
      raw = await vault.exportKeyForAgent();
    } finally {
      vault.lock();
    }
    const expiresAt = Date.now() + ms;
    try {
      // Refuse here, with the reason, a folder the agent would refuse (it has no stderr to say why).
      agentPaths(ctx.io.env, vault.id, { create: true });
      // One agent per vault: a new unlock replaces the old one (and its deadline).
      await askAgent(ctx.io.env, vault.id, 'lock').catch(() => null);
      await startAgentProcess({
        vaultId: vault.id,
        key: Buffer.from(raw).toString('base64'),
        expiresAt,
        session: currentSessionLeader(),
      });
    } finally {
      raw.fill(0);
    }
    const until = new Date(expiresAt).toISOString();
    ctx.output(
      { vaultId: vault.id, expiresAt: until },
      `Unlocked for tools until ${until}. "latch lock" forgets the key sooner; so does logging out.`,
    );
    return 0;
  },
};
