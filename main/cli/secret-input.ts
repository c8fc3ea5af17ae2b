import { LatchError } from '../core/model/errors';
import { checkNewMasterPassword } from '../core/model/master-password';
import type { CliIo } from './io';
import { MAX_PASSWORD_LINE_BYTES } from './password-line';
import { StdinLines } from './stdin-lines';

/**
 * Where passwords come from: lines of stdin with --password-stdin (one per question, in order),
 * otherwise a hidden prompt on the terminal. Never from an argument or an environment variable,
 * which other processes and shell history can read.
 */
export class SecretInput {
  private reader: StdinLines | null = null;
  /** The first stdin line, read ahead by firstLine() and given by the first next(). */
  private ahead: Promise<string | null> | null = null;

  constructor(
    private readonly io: CliIo,
    private readonly fromStdin: boolean,
  ) {}

  get interactive(): boolean {
    return !this.fromStdin && this.io.stdin.isTTY === true;
  }

  /** The next secret: a stdin line, or what is typed at a hidden prompt. */
  async next(label: string): Promise<string> {
    if (this.fromStdin) {
      const ahead = this.ahead;
      this.ahead = null;
      const line = await (ahead ?? this.nextLine());
      if (line === null) {
        throw new LatchError(
          'ERR_BAD_INPUT',
          `--password-stdin: stdin ended before the ${label.replace(/:\s*$/, '').toLowerCase()} line.`,
        );
      }
      return line;
    }
    if (!this.interactive) {
      throw new LatchError(
        'ERR_BAD_INPUT',
        'No terminal to ask for the password: run in a terminal, or pass it on stdin with --password-stdin.',
      );
    }
    return promptHidden(this.io, label);
  }

  /** A new password: asked twice at a terminal, one line with --password-stdin. */
  async newPassword(label: string): Promise<string> {
    const first = await this.next(label);
    checkNewMasterPassword(first);
    if (this.interactive && (await this.next('Repeat it: ')) !== first) {
      throw new LatchError('ERR_BAD_INPUT', 'The two passwords differ; nothing was changed.');
    }
    return first;
  }

  /** With --password-stdin: the first line, already read from stdin (early-kdf.ts); the first next() gives it. */
  static withFirstLine(io: CliIo, line: string | null): SecretInput {
    const secrets = new SecretInput(io, true);
    secrets.ahead = Promise.resolve(line);
    return secrets;
  }

  /**
   * With --password-stdin: the first line, read now; the first next() still gives it (`latch get` starts the key
   * derivation with it before the command's code loads: main/cli/early-kdf.ts). null when stdin has no line.
   */
  firstLine(): Promise<string | null> {
    if (!this.fromStdin) return Promise.resolve(null);
    if (this.ahead === null) {
      this.ahead = this.nextLine();
      this.ahead.catch(() => undefined); // next() meets the failure, as it would have
    }
    return this.ahead.catch(() => null);
  }

  private nextLine(): Promise<string | null> {
    this.reader ??= new StdinLines(this.io.stdin, MAX_PASSWORD_LINE_BYTES);
    return this.reader.next();
  }

  close(): void {
    this.reader?.close();
  }
}

/** Reads a line at the terminal with echo off (raw mode): backspace, Ctrl-U, Ctrl-C and Ctrl-D handled. */
function promptHidden(io: CliIo, label: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(label);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let buf = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(buf);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && buf.length === 0)) {
          finish();
          reject(new LatchError('ERR_CANCELLED', 'Cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') buf = [...buf].slice(0, -1).join('');
        else if (ch === '\u0015') buf = '';
        else if (ch >= ' ') buf += ch;
      }
    };
    stdin.on('data', onData);
  });
}
