import { writeSync } from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * Writes `text` to descriptor `fd` (stdout's or stderr's) with blocking write()s, without `process.stdout`: Node makes that stream on
 * first use, and on a pipe or a terminal it is a net.Socket with node:net behind it, about 14M instructions of
 * `latch --help` (a tenth of it; callgrind). What cannot go that way goes to `stream()`, whose errors take their usual
 * path: everything on Windows (a console takes text through the stream, which converts it; a write() of UTF-8 bytes
 * would not), and whatever is left when a write() fails (EAGAIN on a full non-blocking pipe, EPIPE, ENOSPC...), for the
 * stream to retry and fail or succeed as it always did.
 */
export function writeSyncOr(fd: number, text: string, stream: () => Writable, platform = process.platform): void {
  if (platform === 'win32') {
    stream().write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch {
    stream().write(bytes.subarray(done));
  }
}
