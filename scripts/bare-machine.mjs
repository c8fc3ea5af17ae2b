#!/usr/bin/env node
// Runs a command as on a bare machine (ssh, a container, WSL, CI): no D-Bus session bus, so no
// OS keychain; no display, so no clipboard; a fresh HOME. The opposite of with-peers.mjs: the
// `bare` step of `npm test` runs the command-line and browser-host integration tests through
// it, so the "not reachable" paths are tested as users meet them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: bare-machine.mjs COMMAND [ARGS...]');
  process.exit(2);
}
const home = mkdtempSync(join(tmpdir(), 'latch-bare-'));
const env = {
  ...process.env,
  HOME: home,
  XDG_DATA_HOME: join(home, '.local/share'),
  XDG_CONFIG_HOME: join(home, '.config'),
};
// XDG_RUNTIME_DIR/bus is where a D-Bus library looks when no address is set: drop it too.
for (const name of [
  'DBUS_SESSION_BUS_ADDRESS',
  'XDG_RUNTIME_DIR',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'LATCH_IN_PEERS',
  'LATCH_TEST_HOME',
])
  delete env[name];
const result = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env });
rmSync(home, { recursive: true, force: true });
process.exit(result.status ?? 1);
