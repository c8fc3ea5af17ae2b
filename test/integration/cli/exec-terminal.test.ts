import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCli } from './built-cli';

const ROOT = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'latch-exec-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** util-linux's script(1) gives the run a real terminal; the macOS and BusyBox ones take other arguments. */
const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `latch exec` at a terminal of its own (script(1)) with a Node child that counts the SIGINTs it gets, and
 * types Ctrl-C once the child is ready: the terminal's line discipline sends SIGINT to its foreground process
 * group, as it does for a user at a shell.
 */
function counter(name: string, wrapper: readonly string[] = []) {
  const ready = join(dir, `${name}.ready`);
  const count = join(dir, `${name}.count`);
  const script = [
    "let n = 0; process.on('SIGINT', () => { n++; });",
    `require('node:fs').writeFileSync(${JSON.stringify(ready)}, '');`,
    `setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(count)}, String(n)), 1500);`,
  ].join('\n');
  const command = ['exec', '--env', 'K=v', '--', ...wrapper, process.execPath, '-e', script];
  const whenReady = async () => {
    for (let waited = 0; !existsSync(ready) && waited < 20_000; waited += 50) await sleep(50);
  };
  return { command, whenReady, count: () => readFileSync(count, 'utf8') };
}

const env = { ...process.env, LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: join(dir, 'none.latch') };
const latchArgv = (args: string[]) => [process.execPath, '--', join(ROOT, 'bin/latch.cjs'), ...args];

/** util-linux's setsid(1): the command in a session and process group of its own, as timeout(1) puts itself. */
const hasSetsid = spawnSync('setsid', ['true'], { stdio: 'ignore' }).status === 0;

async function ctrlCCount(name = 'tty', wrapper: readonly string[] = []): Promise<string> {
  const child = counter(name, wrapper);
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const line = latchArgv(child.command).map(quote).join(' ');
  const run = spawn('script', ['-qec', line, '/dev/null'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  const closed = new Promise((r) => run.on('close', r));
  await child.whenReady();
  run.stdin.write('\x03');
  await closed;
  return child.count();
}

describe('latch exec at a terminal', () => {
  it.skipIf(!hasScript)('Ctrl-C reaches the command once (the terminal sends it to the command itself)', async () => {
    buildCli();
    // A second SIGINT is a second Ctrl-C to many programs: terraform then exits at once, its state lock held.
    expect(await ctrlCCount()).toBe('1');
  });

  it.skipIf(!hasScript || !hasSetsid)(
    'Ctrl-C reaches a command that left the terminal foreground group (timeout, setsid) through latch',
    async () => {
      buildCli();
      // `latch exec -- timeout 600 make`: timeout(1) moves to a group of its own, which the terminal's SIGINT
      // does not reach; unless latch passes it on, Ctrl-C stops nothing.
      expect(await ctrlCCount('own-group', ['setsid'])).toBe('1');
    },
  );

  it('a SIGINT sent to latch alone, with no terminal, is still passed on', async () => {
    buildCli();
    const child = counter('kill');
    const [node, ...args] = latchArgv(child.command);
    const run = spawn(node!, args, { env, stdio: 'ignore' });
    const closed = new Promise((r) => run.on('close', r));
    await child.whenReady();
    run.kill('SIGINT');
    await closed;
    expect(child.count()).toBe('1');
  });
});
