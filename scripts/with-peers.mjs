#!/usr/bin/env node
// Runs a command inside a private D-Bus session with an unlocked gnome-keyring and a
// fresh HOME, so tests use the real Secret Service without touching the user's own.
// The session's bus configuration (scripts/test-keyring-bus.mjs) can start only our keyring,
// unlocked, and no prompter: a crashed daemon comes back unlocked, and nothing ever waits on a prompt.
// Where dbus-run-session or gnome-keyring-daemon is missing, the command runs as is and
// keychain tests report the keychain as unreachable (Latch's documented fallback).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestKeyringBus } from './test-keyring-bus.mjs';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: with-peers.mjs COMMAND [ARGS...]');
  process.exit(2);
}
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const home = mkdtempSync(join(tmpdir(), 'latch-home-'));
const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), LATCH_TEST_HOME: home };

// A real X display (Xvfb) for the clipboard tests, when none is set and Xvfb is installed.
let xvfb = null;
if (!env.DISPLAY && process.env.LATCH_IN_PEERS !== '1' && has('Xvfb')) {
  let n = 90;
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  xvfb = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) spawnSync('sleep', ['0.1']);
  env.DISPLAY = `:${n}`;
}
let result;
let bus = null;
if (process.env.DBUS_SESSION_BUS_ADDRESS && process.env.LATCH_IN_PEERS === '1') {
  result = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env });
} else if (has('dbus-run-session') && has('dbus-send') && has('gnome-keyring-daemon')) {
  bus = mkdtempSync(join(tmpdir(), 'latch-bus-'));
  // Start the keyring through D-Bus activation, the same path that restarts it after a crash,
  // and before the command: dbus-send waits up to 25 s for it, where Latch's Secret Service
  // client waits 2 s for any reply (a stopped daemon fails its call after 2.0 s), too little for
  // a first start on a busy CI machine.
  const script = `dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null || echo 'with-peers: the test keyring did not start; keychain tests will find no keychain.' >&2; export LATCH_IN_PEERS=1; exec "$@"`;
  result = spawnSync(
    'dbus-run-session',
    ['--config-file', writeTestKeyringBus(bus), '--', 'bash', '-c', script, 'with-peers', ...args],
    { stdio: 'inherit', env },
  );
} else {
  console.warn(
    'with-peers: dbus-run-session, dbus-send or gnome-keyring-daemon not found; running without an OS keychain.',
  );
  result = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env, shell: false });
}
xvfb?.kill();
rmSync(home, { recursive: true, force: true });
if (bus) rmSync(bus, { recursive: true, force: true });
process.exit(result.status ?? 1);
