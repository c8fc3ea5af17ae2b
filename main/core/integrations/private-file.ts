import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LatchError } from '../model/errors';

/**
 * The modes a file of secrets may have: its owner reads it (600 also lets the owner rewrite it, 400 not).
 * Refused: any bit for the group or others (another user could read the secrets), setuid, setgid and sticky
 * (meaningless on data, and a setuid bit on a file of secrets is an accident waiting to be run), execute (700:
 * the file is data, not a program), and a mode without the owner's read bit (000, 200: the program the file
 * is written for, run as the same user, could not read it, and the secrets would stay on disk unused).
 */
export const PRIVATE_FILE_MODES: readonly number[] = [0o600, 0o400];

export function checkPrivateMode(mode: number): void {
  if (!PRIVATE_FILE_MODES.includes(mode))
    throw new LatchError(
      'ERR_BAD_INPUT',
      `Refusing mode ${mode.toString(8).padStart(3, '0')} for a file of secrets: only its owner may read it. Use 600 (or 400 for read only).`,
      { detail: { field: 'mode' } },
    );
}

/**
 * Writes a file that holds secrets: created with `mode` (600 or 400: checkPrivateMode) under a temporary
 * name in the target's folder, synced, then renamed over the target, so no reader sees it half-written
 * or with wider permissions, and a symlink at the target is replaced rather than followed.
 */
export async function writePrivateFile(
  path: string,
  text: string,
  o: { mode: number; overwrite: boolean },
): Promise<void> {
  checkPrivateMode(o.mode);
  const existing = await fsp.lstat(path).catch(() => null);
  if (existing && !o.overwrite) throw new LatchError('ERR_CONFLICT', `${path} exists; add --force to replace it.`);
  if (existing && !existing.isFile() && !existing.isSymbolicLink())
    throw new LatchError('ERR_BAD_INPUT', `${path} is not a regular file; write somewhere else.`);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await fsp.open(tmp, 'wx', o.mode);
  try {
    // The umask may have narrowed the mode; it can only narrow it. chmod makes it exactly what was asked.
    await fh.chmod(o.mode);
    await fh.writeFile(text);
    await fh.sync();
    await fh.close();
    await fsp.rename(tmp, path);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}
