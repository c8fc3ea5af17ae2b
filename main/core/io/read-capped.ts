/**
 * Reading what the user names (a file to import or upload, an env file, a template, a key, stdin) with a limit:
 * never more than `max` bytes in memory, however large or endless the input, and one set of refusals for all.
 * node:fs's callbacks and stream rather than node:fs/promises: exec's start loads no more of Node than it needs.
 */
import { close, constants, createReadStream, fstat, open, type ReadStream, type Stats } from 'node:fs';
import { LatchError } from '../model/errors';

const KIB = 1024;
const MIB = 1024 * KIB;

/** The largest file Latch imports: far above any .env, Postman export or backup of a real vault. */
export const MAX_IMPORT_BYTES = 16 * MIB;

/** "64 KiB", "10 MiB": the limit as a person reads it. */
export function formatLimit(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= KIB && bytes % KIB === 0) return `${bytes / KIB} KiB`;
  return `${bytes} bytes`;
}

/** What was read, for the messages, as in mid-sentence: "the input on stdin", "the env file x.env". */
export interface CappedSource {
  what: string;
  /** What to do instead, when the input is too large. */
  advice?: string;
}

export interface CappedFileSource extends CappedSource {
  /**
   * Refuse anything but a regular file, before reading: for a path picked in the app's file dialog (a FIFO with
   * no writer would hold the import forever) and an upload. Off, a FIFO or a process substitution (`--env-file
   * <(…)`, read only once) or a device is read as a stream, up to the limit.
   */
  regularOnly?: boolean;
}

const capitalised = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

export function tooLarge(max: number, source: CappedSource, detail: { path?: string; size?: number } = {}): LatchError {
  const size =
    detail.size === undefined
      ? `larger than ${formatLimit(max)}`
      : `${detail.size} bytes, more than ${formatLimit(max)}`;
  return new LatchError(
    'ERR_BAD_INPUT',
    `${capitalised(source.what)} is ${size}, the most Latch reads there. ${source.advice ?? 'Is it the right input?'}`,
    { detail: { ...detail, max, reason: 'too-large' } },
  );
}

/**
 * All of a stream, up to `max` bytes: one byte more and it stops reading and throws, so an endless input
 * (/dev/zero, `yes`) costs at most `max` bytes of memory and the time to read them. Leaving the loop early
 * destroys the stream (for await's return), which closes a file, stops a pipe or cancels a fetch's body.
 */
export async function readCapped(
  source: AsyncIterable<Uint8Array | string>,
  max: number,
  what: CappedSource,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    const bytes =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    length += bytes.length;
    if (length > max) throw tooLarge(max, what);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length);
}

const openFile = (path: string, flags: number) =>
  new Promise<number>((resolve, reject) => open(path, flags, (e, fd) => (e ? reject(e) : resolve(fd))));
const statFile = (fd: number) =>
  new Promise<Stats>((resolve, reject) => fstat(fd, (e, s) => (e ? reject(e) : resolve(s))));

/**
 * A file the user named, up to `max` bytes. A regular file larger than that is refused by its size before a byte
 * is read, and one that grows while it is read stops at the limit too. With `regularOnly`, a folder, a FIFO or a
 * device is refused at once: the open is O_NONBLOCK, so a FIFO with no writer does not hold it before the check.
 */
export async function readCappedFile(path: string, max: number, source: CappedFileSource): Promise<Buffer> {
  let fd: number | undefined;
  let stream: ReadStream | undefined;
  try {
    fd = await openFile(path, constants.O_RDONLY | (source.regularOnly ? constants.O_NONBLOCK : 0));
    const stat = await statFile(fd);
    if (source.regularOnly && !stat.isFile())
      throw new LatchError(
        'ERR_BAD_INPUT',
        `${capitalised(source.what)} is not a regular file (a folder, a FIFO or a device); choose the file itself.`,
        { detail: { path, reason: 'not-a-file' } },
      );
    if (stat.isFile() && stat.size > max) throw tooLarge(max, source, { path, size: stat.size });
    // The stream owns the descriptor from here: it closes it at the end, or when the read stops early.
    stream = createReadStream('', { fd, highWaterMark: Math.min(64 * KIB, max + 1) });
    return await readCapped(stream, max, source);
  } catch (e) {
    if (e instanceof LatchError) throw e;
    const code = (e as { code?: string }).code ?? 'read error';
    // Only a missing file is "not found" (exit code and all); a folder, no permission or a failing disk is
    // something there that cannot be read, and the user's fix differs.
    throw new LatchError(
      code === 'ENOENT' ? 'ERR_NOT_FOUND' : 'ERR_BAD_INPUT',
      `Cannot read ${source.what} (${code}).`,
      {
        detail: { path, reason: code },
      },
    );
  } finally {
    if (fd !== undefined && stream === undefined) close(fd, () => undefined);
  }
}
