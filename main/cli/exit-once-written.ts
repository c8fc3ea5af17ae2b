import type { Writable } from 'node:stream';
import { readerGone } from './closed-output';

/**
 * Ends the process with `code` as soon as everything written to `streams` has been handed to the OS. `latch get`
 * and `latch exec` through the unlock agent end this way (index.ts): once their answer is out (or the command's
 * last output and exit code) nothing is left to run, and Node's own wind-down after the event loop empties (the
 * environment's cleanup, the heap and the isolate freed) cost a few milliseconds of CPU more than process.exit
 * before the process ends, on every call a tool makes. process.exit alone could cut off a write still queued
 * (stdout on a pipe is asynchronous on macOS, or behind a slow reader anywhere), so each stream first gets an
 * empty write, whose callback runs once every write before it has completed (or failed: a closed output is
 * endQuietlyWhenClosed's, which ends the process itself).
 *
 * A write that failed otherwise (a full disk) never ends the process with 0: the stream's 'error' event comes
 * after this callback (endQuietlyWhenClosed then says so and exits 1), and failing that, the exit is 1.
 */
export function exitOnceWritten(code: number, streams: readonly Writable[], exit: (code: number) => void): void {
  let waiting = streams.length;
  let failed = false;
  if (waiting === 0) exit(code);
  for (const stream of streams)
    stream.write('', (e) => {
      if (e && !readerGone(e)) failed = true;
      if (--waiting > 0) return;
      if (failed) setImmediate(() => exit(code || 1));
      else exit(code);
    });
}
