import type { Writable } from 'node:stream';

/** A write failed because its reader went away (`latch list | head -1`), not because the output could not take it. */
export function readerGone(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

const WHY: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
};

/** What went wrong with an output that cannot be written (a full disk, a quota, a device error), and what to do. */
function failedWrite(code: string | undefined): string {
  const why = code === undefined ? 'error' : WHY[code] ? `${code}: ${WHY[code]}` : code;
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  return `latch: the output could not be written (${why}); what was written may be cut short. ${full ? 'Free some space, or write it elsewhere.' : 'Write it elsewhere.'}\n`;
}

/**
 * `latch list | head -1`: once the reader is gone, a write fails with EPIPE, which Node raises as an 'error'
 * event and, with no listener, a stack trace. A closed output ends the command at once and quietly, as the OS's
 * own SIGPIPE would for a C program. Any other failure (`latch get REF > key.pem` on a full disk) ends it with
 * exit 1 and says so on stderr: a script must not go on with a file cut short, as if it were whole.
 */
export function endQuietlyWhenClosed(streams: Writable[], exit: (code: number) => void, stderr: Writable): void {
  for (const stream of streams) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (readerGone(e)) return exit(0);
      if (stream !== stderr) stderr.write(failedWrite(e.code));
      exit(1);
    });
  }
}
