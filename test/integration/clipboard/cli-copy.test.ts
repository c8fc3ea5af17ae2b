/**
 * `latch copy` against the real X clipboard (Xvfb under scripts/with-peers.mjs): the value
 * lands on the clipboard, a detached clearer removes it after --clear-after seconds, and
 * leaves alone whatever the user copied in the meantime.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClipboard } from '../../../main/core/clipboard/system-clipboard';
import { addSecretArgs, latch } from '../cli/run-latch';

const hasXclip = spawnSync('sh', ['-c', 'command -v xclip'], { stdio: 'ignore' }).status === 0;
const ready = Boolean(process.env.DISPLAY) && hasXclip;
if (!ready) {
  console.warn(
    'cli-copy: skipped: needs DISPLAY and xclip (run through scripts/with-peers.mjs, which starts Xvfb when installed).',
  );
}

const dir = mkdtempSync(join(tmpdir(), 'latch-cli-copy-'));
const vault = join(dir, 'copy.latch');
const PW = 'master password';
const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: vault };
const SECRET = 'sk_live_copy_me_7f3a9c';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clipboard = new SystemClipboard('linux');
const xclipOut = (selection = 'clipboard') =>
  spawnSync('xclip', ['-selection', selection, '-out'], { encoding: 'utf8' }).stdout ?? '';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seed(): Promise<void> {
  const init = await latch(['init', '--password-stdin', '--iterations', '100000'], { stdin: `${PW}\n`, env });
  expect(init.code).toBe(0);
  const add = await latch(['--password-stdin', ...addSecretArgs('Stripe', 'live', 'STRIPE')], {
    stdin: `${PW}\n${SECRET}\n`,
    env,
  });
  expect(add.stderr).toBe('');
  expect(add.code).toBe(0);
}

describe.skipIf(!ready)('latch copy (real X clipboard)', () => {
  beforeAll(seed);

  it('copies the value, never prints it, and clears it after --clear-after seconds', async () => {
    // Before the command starts, so before the copy: the clear cannot come sooner than 2 s after this. (A time
    // taken after the command returns, and after the checks below, is later than the copy by a loaded machine's
    // delays, and the clear could then look early when it was not.)
    const startedAt = Date.now();
    const r = await latch(['--password-stdin', 'copy', 'Stripe/live', '--clear-after', '2'], { stdin: `${PW}\n`, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain(SECRET);
    expect(xclipOut()).toBe(SECRET);
    // The clearer got a hash, not the value: nothing in any process's argv holds it.
    const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout ?? '';
    expect(ps).toContain('__clear-clipboard');
    expect(ps).not.toContain(SECRET);
    const copiedAt = Date.now();
    await sleep(1000);
    expect(xclipOut()).toBe(SECRET);
    // Cleared at the 2 s deadline; allow for a slow start of the clearer on a loaded machine.
    while ((xclipOut() !== '' || xclipOut('primary') !== '') && Date.now() - copiedAt < 8000) await sleep(100);
    expect(xclipOut()).toBe('');
    // A middle-click must not paste it either.
    expect(xclipOut('primary')).toBe('');
    // 10 ms for the clearer's timer, which counts from the event loop's cached clock and may fire that much sooner.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1990);
  });

  it('does not clear what the user copied in the meantime, and still clears the primary selection', async () => {
    const r = await latch(['--password-stdin', 'copy', 'Stripe/live', '--clear-after', '2'], { stdin: `${PW}\n`, env });
    expect(r.code).toBe(0);
    expect(xclipOut()).toBe(SECRET);
    expect(xclipOut('primary')).toBe(SECRET);
    // The user copies something else: the clipboard is theirs, the primary selection still holds the secret.
    await clipboard.writeSelection('clipboard', 'something the user copied');
    // Long past the deadline, and past the clearer's exit.
    await sleep(2000);
    for (
      let i = 0;
      i < 80 && /__clear-clipboard/.test(spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout ?? '');
      i++
    )
      await sleep(100);
    expect(xclipOut()).toBe('something the user copied');
    expect(xclipOut('primary')).toBe('');
  });

  it('--json reports what was copied (not the value); a bad --clear-after is a usage error', async () => {
    const r = await latch(['--password-stdin', 'copy', 'Stripe/live', '--clear-after', '0', '--json'], {
      stdin: `${PW}\n`,
      env,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ copied: 'Stripe/live/value', clearsInSeconds: null });
    expect(r.stdout).not.toContain(SECRET);
    const bad = await latch(['copy', 'Stripe/live', '--clear-after', 'soon'], { env });
    expect(bad.code).toBe(2);
    expect(readFileSync(vault).includes(Buffer.from(SECRET))).toBe(false);
  });
});

describe.skipIf(Boolean(process.env.DISPLAY))('latch copy without a display (ssh, a container, CI)', () => {
  beforeAll(seed);

  it('fails with a clear message (exit 1), never prints the value, never crashes', async () => {
    const r = await latch(['--password-stdin', 'copy', 'Stripe/live'], { stdin: `${PW}\n`, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no display/);
    expect(r.stderr).not.toMatch(/internal error|EPIPE|at /);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain(SECRET);
  });
});
