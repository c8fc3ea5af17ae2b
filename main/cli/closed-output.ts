import type { Writable } from 'node:stream';

/**
 * `latch list | head -1`: once the reader is gone, a write fails with EPIPE, which Node
 * raises as an 'error' event and, with no listener, a stack trace. A closed output ends
 * the command at once and quietly, as the OS's own SIGPIPE would for a C program; any
 * other stream error is left to the normal error path.
 */
export function endQuietlyWhenClosed(streams: Writable[], exit: (code: number) => void): void {
  for (const stream of streams) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') exit(0);
      else throw e;
    });
  }
}
