import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LatchError } from '../model/errors';
import { VAULT_ID } from '../vault/constants';
import { sha256 } from './sha256';

/** Where one user's agent sockets live, and the names in it for one vault. */
export interface AgentPaths {
  dir: string;
  socket: string;
  token: string;
}

function unsafe(dir: string, why: string): LatchError {
  return new LatchError(
    'ERR_AGENT_UNSAFE',
    `The agent folder ${dir} ${why}; remove it (or fix its owner and mode 0700) and unlock again.`,
  );
}

/**
 * The folder must be a real directory (not a symlink someone planted), owned by this user, with no
 * access for group or others: that, with the socket's own mode 0600, is what keeps other users out.
 * Checked by the agent before it listens and by every client before it connects.
 */
export function checkPrivateDir(dir: string, uid: number): void {
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (!st) throw unsafe(dir, 'does not exist');
  if (!st.isDirectory()) throw unsafe(dir, 'is not a directory');
  if (st.uid !== uid) throw unsafe(dir, 'belongs to another user');
  if ((st.mode & 0o077) !== 0) throw unsafe(dir, 'can be read by other users');
}

/**
 * $XDG_RUNTIME_DIR/latch (a per-user tmpfs the login manager removes at logout), else
 * <tmp>/latch-<uid>. Created 0700; refused when it exists but is not private.
 */
export function agentPaths(
  env: Readonly<Record<string, string | undefined>>,
  vaultId: string,
  options: { create?: boolean } = {},
): AgentPaths {
  const uid = process.getuid?.();
  if (uid === undefined) {
    throw new LatchError('ERR_UNSUPPORTED', 'The unlock agent needs a Unix system (Linux or macOS).');
  }
  const runtime = env.XDG_RUNTIME_DIR;
  const dir = runtime ? join(runtime, 'latch') : join(tmpdir(), `latch-${uid}`);
  if (options.create) {
    if (runtime) checkPrivateDir(runtime, uid);
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
  checkPrivateDir(dir, uid);
  return { dir, ...agentFiles(dir, vaultId) };
}

/**
 * The most bytes a socket's path may have: sun_path holds 104 bytes on macOS and the BSDs, 108 on Linux,
 * the final NUL included. A longer path cannot be listened on at all.
 */
export function maxSocketPathBytes(platform: NodeJS.Platform): number {
  return (platform === 'linux' ? 108 : 104) - 1;
}

/**
 * The socket and token of one vault's agent in `dir`. Named by a short hash of the vault id, not the id itself:
 * macOS has no XDG_RUNTIME_DIR, so the folder is under its TMPDIR (/var/folders/xx/<28 characters>/T/), and
 * with a 36-character id the path passed macOS's 104 bytes. 72 bits of SHA-256: no vault file, however its id
 * was chosen, can name another vault's agent.
 */
export function agentFiles(
  dir: string,
  vaultId: string,
  platform: NodeJS.Platform = process.platform,
): { socket: string; token: string } {
  if (!VAULT_ID.test(vaultId)) throw new LatchError('ERR_BAD_INPUT', 'Not a vault id.');
  const name = `a-${Buffer.from(sha256(vaultId)).toString('base64url').slice(0, 12)}`;
  const socket = join(dir, `${name}.sock`);
  const max = maxSocketPathBytes(platform);
  if (Buffer.byteLength(socket) > max)
    throw new LatchError(
      'ERR_UNSUPPORTED',
      `The agent's socket would be ${socket}, ${Buffer.byteLength(socket)} bytes: longer than the ${max} this system allows for a socket's path. Set XDG_RUNTIME_DIR (or TMPDIR) to a shorter private folder, such as /tmp, and unlock again.`,
      { detail: { reason: 'socket-path-too-long', max } },
    );
  return { socket, token: join(dir, `${name}.token`) };
}
