import { createReadStream } from 'node:fs';
import { LatchError } from '../model/errors';

const KIB = 1024;
const MIB = 1024 * KIB;

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

export function tooLarge(max: number, source: CappedSource): LatchError {
  return new LatchError(
    'ERR_BAD_INPUT',
    `${source.what.charAt(0).toUpperCase()}${source.what.slice(1)} is larger than ${formatLimit(max)}, the most Latch reads there. ${source.advice ?? 'Is it the right input?'}`,
    { detail: { max, reason: 'too-large' } },
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

/**
 * A file the user named, read as a capped stream: a regular file, and also a FIFO or a process substitution
 * (`--env-file <(…)`, which can be read only once) or a device, whose size no stat can tell before reading.
 * node:fs's stream rather than node:fs/promises: exec's start loads no more of Node than it needs.
 */
export async function readCappedFile(path: string, max: number, what: CappedSource): Promise<Buffer> {
  try {
    return await readCapped(createReadStream(path, { highWaterMark: Math.min(64 * KIB, max + 1) }), max, what);
  } catch (e) {
    if (e instanceof LatchError) throw e;
    const code = (e as { code?: string }).code ?? 'read error';
    throw new LatchError('ERR_NOT_FOUND', `Cannot read ${what.what} (${code}).`, { detail: { path, reason: code } });
  }
}
