import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LatchError } from '../core/model/errors';

/**
 * Writes next to the target, then renames over it: a symlink or FIFO planted at the path is
 * replaced rather than written through, and a full disk leaves the old file whole.
 */
export async function writeReportFile(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx', mode: 0o644 });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new LatchError(
      'ERR_SAVE_FAILED',
      `Could not write the report to ${path} (${code}); check the folder exists and is writable.`,
    );
  }
}
