import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LatchError } from '../model/errors';

/**
 * Writes a file that holds secrets: created with `mode` (no bits for others, ever) under a temporary
 * name in the target's folder, synced, then renamed over the target, so no reader sees it half-written
 * or with wider permissions, and a symlink at the target is replaced rather than followed.
 */
export async function writePrivateFile(
  path: string,
  text: string,
  o: { mode: number; overwrite: boolean },
): Promise<void> {
  if ((o.mode & 0o007) !== 0)
    throw new LatchError(
      'ERR_BAD_INPUT',
      `Refusing to write secrets readable by other users (mode ${o.mode.toString(8)}); use 600.`,
    );
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
