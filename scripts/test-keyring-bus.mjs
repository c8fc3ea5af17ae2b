// The private D-Bus session scripts/with-peers.mjs runs the tests in, and the one keyring it can start.
//
// Why a bus configuration of our own rather than dbus-run-session's default (the system's
// session.conf): that one reads the standard service directories, whose
// org.freedesktop.secrets.service starts `gnome-keyring-daemon --start` with no password. In a CI
// run the test daemon died on a GLib fatal error under load; D-Bus auto-activated that system
// daemon instead, which found the login keyring LOCKED, opened gcr-prompter on the Xvfb display,
// and vault.spec waited on a prompt no one would answer until the CI timeout.
//
// Here the only service directory is ours. Its org.freedesktop.secrets (and org.gnome.keyring)
// start `gnome-keyring-daemon --foreground --unlock` with the test password on stdin, in the same
// HOME: a crashed daemon comes back UNLOCKED with the same keyring files on the next call. No
// prompter (org.gnome.keyring.SystemPrompter/PrivatePrompter, gcr-prompter) is activatable, so a
// prompt, should one ever be asked for, fails at once ("unlock prompt was dismissed") and Latch
// reports ERR_KEYCHAIN_UNAVAILABLE instead of waiting. test/integration/vault/keyring-crash.test.ts
// checks both.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Non-empty: with an empty password the daemon creates the login keyring through a prompt. */
export const TEST_KEYRING_PASSWORD = 'latch-test-keyring';

/** The D-Bus names our service directory can start; anything else is ServiceUnknown. */
export const ACTIVATABLE = ['org.freedesktop.secrets', 'org.gnome.keyring'];

/**
 * Writes the bus configuration, the service files and the daemon's launcher into `dir` (a fresh
 * private folder) and returns the configuration's path, for `dbus-run-session --config-file`.
 */
export function writeTestKeyringBus(dir) {
  // The path goes into XML and into a service file's Exec line (which D-Bus splits like a shell):
  // refuse what would need quoting in either rather than quote it two ways.
  if (!/^[\w/.-]+$/.test(dir)) throw new Error(`test-keyring-bus: unsupported characters in ${dir}`);
  const services = join(dir, 'services');
  const runtime = join(dir, 'runtime');
  mkdirSync(services, { recursive: true, mode: 0o700 });
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);

  // No trailing newline: the daemon takes stdin as it is for the password.
  const password = join(dir, 'password');
  writeFileSync(password, TEST_KEYRING_PASSWORD, { mode: 0o600 });

  // A service's Exec cannot redirect stdin, hence a launcher. Run through /bin/sh so a noexec /tmp
  // does not matter. stdout carries only the daemon's GNOME_KEYRING_CONTROL=... lines; stderr stays
  // on the test output so a crash or a refused prompt is visible in a CI log. XDG_RUNTIME_DIR is the
  // daemon's alone: its control socket must not land in (or replace one in) a developer's
  // /run/user/N/keyring.
  const launcher = join(dir, 'keyring.sh');
  writeFileSync(
    launcher,
    [
      '#!/bin/sh',
      '# Started by D-Bus activation: at the start of the session, and again after a crash.',
      `XDG_RUNTIME_DIR='${runtime}' exec gnome-keyring-daemon --foreground --unlock --components=secrets <'${password}' >/dev/null`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  for (const name of ACTIVATABLE)
    writeFileSync(join(services, `${name}.service`), `[D-BUS Service]\nName=${name}\nExec=/bin/sh ${launcher}\n`, {
      mode: 0o600,
    });

  // The shape of /usr/share/dbus-1/session.conf, without <standard_session_servicedirs/> and the
  // includes (either could bring the system's keyring or a prompter back).
  const config = join(dir, 'session.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_incoming_unix_fds">250000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_outgoing_unix_fds">250000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="service_start_timeout">120000</limit>
  <limit name="auth_timeout">240000</limit>
  <limit name="pending_fd_timeout">150000</limit>
  <limit name="max_completed_connections">100000</limit>
  <limit name="max_incomplete_connections">10000</limit>
  <limit name="max_connections_per_user">100000</limit>
  <limit name="max_pending_service_starts">10000</limit>
  <limit name="max_names_per_connection">50000</limit>
  <limit name="max_match_rules_per_connection">50000</limit>
  <limit name="max_replies_per_connection">50000</limit>
</busconfig>
`,
    { mode: 0o600 },
  );
  return config;
}
