import { readSync } from 'node:fs';
import { isPipeSocketOrFile } from './stdin-first-line';

/**
 * All of stdin read with blocking read()s on its descriptor, without process.stdin: on a pipe that stream is a
 * net.Socket, whose set-up and reads were about 11M instructions of `latch totp --uri -` (callgrind). Stops one byte past
 * `max` (the caller refuses that). `unread`: what it took before it could not go on, for the caller to give back to the
 * stream and read the rest as before: stdin that is not a pipe, a socket or a file (a terminal, /dev/null: nothing
 * read), and a read that fails (EAGAIN on a non-blocking pipe, EOF on Windows).
 */
export function readAllSync(fd: number, max: number): { all: Buffer } | { unread: Buffer } {
  if (!isPipeSocketOrFile(fd)) return { unread: Buffer.alloc(0) };
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.alloc(Math.min(64 * 1024, max + 1 - total));
    let got: number;
    try {
      got = readSync(fd, buf, 0, buf.length, null);
    } catch {
      return { unread: Buffer.concat(chunks, total) };
    }
    if (got === 0) return { all: Buffer.concat(chunks, total) };
    chunks.push(buf.subarray(0, got));
    total += got;
    if (total > max) return { all: Buffer.concat(chunks, total) };
  }
}
