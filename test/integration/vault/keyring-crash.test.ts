/**
 * The test keyring of scripts/with-peers.mjs (its bus: scripts/test-keyring-bus.mjs) cannot hang the
 * suite. A CI run hung when the daemon crashed: D-Bus started the system's daemon instead, LOCKED,
 * which opened gcr-prompter and the test waited on it. Here, through Latch's own keychain port: a
 * killed daemon comes back unlocked with its stored items on the very next call, and a locked daemon
 * (the system's command line, started by hand) answers ERR_KEYCHAIN_UNAVAILABLE at once because no
 * prompter can be started; a hung one fails the call after the client's 2 s reply timeout. So no
 * keychain call in a test can wait forever, and none needs a timeout of its own. Runs only inside with-peers (it kills the daemon of the bus it is on).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NapiKeychain } from '../../../main/core/keychain/napi-keychain';
import { rejectionCode } from '../../support/error-code';

const inPeers = process.env.LATCH_IN_PEERS === '1' && process.env.DBUS_SESSION_BUS_ADDRESS !== undefined;
const keychain = new NapiKeychain({ service: `Latch-test-crash-${process.pid}` });
const reachable = inPeers && (await keychain.available());
const ITEM = 'crash-item';
const VALUE = 'written before the crash';

let locked: ChildProcess | null = null;
const runtime = mkdtempSync(join(tmpdir(), 'latch-locked-keyring-'));
afterAll(async () => {
  locked?.kill('SIGKILL');
  rmSync(runtime, { recursive: true, force: true });
  if (reachable) await keychain.delete(ITEM).catch(() => false);
}, 15_000);

function busCall(method: string, ...args: string[]): string {
  return execFileSync(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      `org.freedesktop.DBus.${method}`,
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

/** The pid of the process that owns the Secret Service name now; null when no one does. */
function secretServicePid(): number | null {
  try {
    return Number(/uint32 (\d+)/.exec(busCall('GetConnectionUnixProcessID', 'string:org.freedesktop.secrets'))?.[1]);
  } catch {
    return null;
  }
}

async function until(what: string, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Kills the Secret Service's owner and waits until the bus has let its name go. */
async function crash(signal: NodeJS.Signals): Promise<number> {
  const pid = secretServicePid();
  expect(pid).toBeGreaterThan(0);
  process.kill(pid!, signal);
  await until('the killed daemon left the bus', () => secretServicePid() !== pid);
  return pid!;
}

// Each case takes well under a second; with the system's bus configuration back they would wait on a
// prompt: fail in seconds, not after the 60 s default, three times over.
describe.runIf(reachable)('the test keyring after a crash', { timeout: 15_000 }, () => {
  it('the bus can start only the keyring: no prompter (gcr-prompter) is activatable', () => {
    const names = [...busCall('ListActivatableNames').matchAll(/string "([^"]+)"/g)].map((m) => m[1]).sort();
    expect(names).toEqual(['org.freedesktop.DBus', 'org.freedesktop.secrets', 'org.gnome.keyring']);
  });

  it('a killed daemon comes back unlocked on the next call, with what was stored before', async () => {
    await keychain.set(ITEM, VALUE);
    const dead = await crash('SIGKILL');
    // The next call auto-activates a daemon; it must be unlocked (a locked one fails, see below).
    expect(await keychain.get(ITEM)).toBe(VALUE);
    expect(secretServicePid()).not.toBe(dead);
    await keychain.set('after-crash', 'round trip');
    expect(await keychain.get('after-crash')).toBe('round trip');
    expect(await keychain.delete('after-crash')).toBe(true);
  });

  it('a hung daemon fails the call in seconds, not never: the Secret Service client gives a reply 2 s', async () => {
    await keychain.set(ITEM, VALUE);
    const pid = secretServicePid()!;
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      expect(await rejectionCode(keychain.get(ITEM))).toBe('ERR_KEYCHAIN_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await keychain.get(ITEM)).toBe(VALUE);
  });

  it('a locked daemon refuses at once (no prompter to wait on); the next one is unlocked again', async () => {
    await keychain.set(ITEM, VALUE);
    await crash('SIGKILL');
    // What the system's org.freedesktop.secrets.service runs: no password, so the login keyring stays locked.
    // Its own XDG_RUNTIME_DIR: --start looks there for a daemon to join.
    let stderr = '';
    locked = spawn('gnome-keyring-daemon', ['--start', '--foreground', '--components=secrets'], {
      env: { ...process.env, XDG_RUNTIME_DIR: runtime },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    locked.stderr?.on('data', (d) => {
      stderr += d;
    });
    const lockedPid = locked.pid;
    await until('the locked daemon owns the Secret Service name', () => secretServicePid() === lockedPid);

    // Reading an item needs the keyring unlocked, so the daemon asks for a prompt: refused at once.
    // (With a prompter this call waited until the CI timeout.)
    expect(await rejectionCode(keychain.get(ITEM))).toBe('ERR_KEYCHAIN_UNAVAILABLE');
    expect(await keychain.available()).toBe(false);
    expect(stderr).toMatch(/couldn't create system prompt.*ServiceUnknown/);

    locked.kill('SIGKILL');
    await until('the locked daemon left the bus', () => secretServicePid() !== lockedPid);
    expect(await keychain.get(ITEM)).toBe(VALUE);
  });
});
