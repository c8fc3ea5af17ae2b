import { fstatSync, readSync } from 'node:fs';

/**
 * What readFirstLineSync found: the line (null when stdin ended without one), or the bytes it took from stdin before
 * it could not be sure, which the caller gives back (Readable.unshift) for StdinLines to read as it always did.
 */
export type FirstLine = { line: string | null } | { unread: Buffer };

/**
 * The first line of stdin, read with blocking read()s of one byte on its descriptor: without process.stdin, whose
 * stream costs milliseconds to set up, and without taking a byte beyond the line's end, so the rest of stdin is left
 * where it was for whoever reads it next. The line as StdinLines splits it (\n, \r\n, or the end of the input, less a
 * last \r); anything else is given back unread: stdin that is not a pipe, a socket or a file (a terminal, /dev/null:
 * nothing read), a lone \r (its line ends only at the next byte, one too many), a read that fails (EAGAIN on a
 * non-blocking pipe, EOF on Windows), bytes that are not UTF-8, and a line longer than `max` bytes (StdinLines refuses
 * it, with its message).
 */
export function readFirstLineSync(fd: number, max: number): FirstLine {
  if (!isPipeSocketOrFile(fd)) return { unread: Buffer.alloc(0) };
  // max, then a \r\n and one byte to tell a longer line.
  const buf = Buffer.alloc(max + 3);
  let n = 0;
  for (;;) {
    let got: number;
    try {
      got = readSync(fd, buf, n, 1, null);
    } catch {
      return { unread: buf.subarray(0, n) };
    }
    if (got === 0) {
      const end = n > 0 && buf[n - 1] === 0x0d ? n - 1 : n;
      return end === 0 ? { line: null } : decoded(buf, n, end);
    }
    n++;
    const byte = buf[n - 1];
    if (byte === 0x0a) return decoded(buf, n, n >= 2 && buf[n - 2] === 0x0d ? n - 2 : n - 1);
    if ((n >= 2 && buf[n - 2] === 0x0d) || n === buf.length) return { unread: buf.subarray(0, n) };
  }
}

/**
 * The line in buf[0, end), read as far as `taken`; given back when it is too long or not UTF-8. The line is the
 * password: once it is a string, buf and the re-encoding that checked it are zeroed, so its bytes do not stay in
 * memory until the GC reuses them. Bytes given back are not zeroed: the caller hands them to stdin's reader.
 */
function decoded(buf: Buffer, taken: number, end: number): FirstLine {
  const bytes = buf.subarray(0, end);
  const line = bytes.toString('utf8');
  const again = Buffer.from(line, 'utf8');
  const given = end > buf.length - 3 || !again.equals(bytes);
  again.fill(0);
  if (given) return { unread: buf.subarray(0, taken) };
  buf.fill(0);
  return { line };
}

/** A pipe, a socket or a file: what a script gives `--password-stdin`. fstat, not node:tty, which costs ~1 ms to load. */
export function isPipeSocketOrFile(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() || stat.isFile();
  } catch {
    return false;
  }
}
