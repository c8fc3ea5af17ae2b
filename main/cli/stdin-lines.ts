import { tooLarge } from '../core/io/read-capped';
import type { LatchError } from '../core/model/errors';
import type { CliIo } from './io';

/**
 * The lines of stdin, one per call to `next()` (null at its end), read as they are asked for. A line ends
 * at \n, \r\n or a lone \r, as node:readline splits them; by hand because readline has no limit on a line: it
 * keeps one without an end in memory however long it grows (`--password-stdin < /dev/zero`). Here a line
 * longer than `max` bytes stops the reading and fails every later `next()`. Nor does it read ahead: while
 * lines nobody asked for are queued the stream is paused, so `yes | latch …` holds one chunk, not the pipe's
 * whole output for as long as the command runs.
 */
export class StdinLines {
  private readonly lines: string[] = [];
  private readonly waiting: { resolve: (line: string | null) => void; reject: (e: LatchError) => void }[] = [];
  private pending = '';
  private started = false;
  private ended = false;
  private failure: LatchError | null = null;

  constructor(
    private readonly stream: CliIo['stdin'],
    private readonly max: number,
  ) {}

  next(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(null);
    if (!this.started) this.start();
    else this.stream.resume();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Stops reading (the process may then end while stdin is still open). */
  close(): void {
    this.stop();
    this.lines.length = 0;
  }

  private readonly onData = (chunk: Buffer | string) => {
    const parts = (this.pending + chunk.toString()).split(/\r\n|\n|\r(?!$)/);
    this.pending = parts.pop() ?? '';
    // A line that ended within this chunk is held to the limit as much as one still arriving; the lines before it stand.
    const lines = [...parts, this.pending];
    for (const [i, line] of lines.entries()) {
      if (Buffer.byteLength(line) > this.max) {
        this.failure = tooLarge(this.max, { what: 'a line on stdin', advice: 'A password line is one short line.' });
        this.stop();
        return;
      }
      if (i < parts.length) this.push(line);
    }
    if (this.lines.length > 0) this.stream.pause();
  };

  private readonly onEnd = () => {
    const last = this.pending.replace(/\r$/, '');
    if (last !== '') this.push(last);
    this.stop();
  };

  private start(): void {
    this.started = true;
    this.stream.setEncoding('utf8'); // a character split between two chunks stays whole
    this.stream.on('data', this.onData);
    this.stream.on('end', this.onEnd);
    this.stream.on('error', this.onEnd);
  }

  private push(line: string): void {
    const w = this.waiting.shift();
    if (w) w.resolve(line);
    else this.lines.push(line);
  }

  private stop(): void {
    this.ended = true;
    this.pending = '';
    if (this.started) {
      this.stream.off('data', this.onData);
      this.stream.off('end', this.onEnd);
      this.stream.off('error', this.onEnd);
      this.stream.pause();
    }
    for (const w of this.waiting.splice(0)) {
      if (this.failure) w.reject(this.failure);
      else w.resolve(null);
    }
  }
}
