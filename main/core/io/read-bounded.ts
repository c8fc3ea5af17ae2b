import { constants, promises as fsp } from 'node:fs';
import { LatchError } from '../model/errors';

/** The largest file Latch imports: far above any .env, Postman export or backup of a real vault. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * Reads a file the user named, refusing anything that is not a regular file (a FIFO would
 * hang, /dev/zero never ends) or is larger than `maxBytes` (`use.advice` says what to do then), and never reading more than that
 * even if the file grows while it is read. O_NONBLOCK keeps the open of a FIFO from waiting
 * for a writer, so the fstat check runs.
 */
export async function readBoundedFile(
  path: string,
  maxBytes = MAX_IMPORT_BYTES,
  use: { verb: string; what: string; advice?: string } = { verb: 'imports', what: 'the exported file' },
): Promise<Buffer> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new LatchError('ERR_NOT_FOUND', `Cannot read ${path} (${code ?? 'read error'}).`, { detail: { path } });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new LatchError(
        'ERR_BAD_INPUT',
        `${path} is not a regular file (a folder, a FIFO or a device); choose ${use.what} itself.`,
        {
          detail: { path },
        },
      );
    }
    if (stat.size > maxBytes) {
      throw new LatchError(
        'ERR_BAD_INPUT',
        `${path} is ${stat.size} bytes; Latch ${use.verb} files up to ${maxBytes} bytes. ${use.advice ?? 'Split it, or check it is the right file.'}`,
        { detail: { path, size: stat.size, max: maxBytes } },
      );
    }
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) {
        throw new LatchError('ERR_BAD_INPUT', `${path} grew past ${maxBytes} bytes while it was read.`, {
          detail: { path, max: maxBytes },
        });
      }
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
