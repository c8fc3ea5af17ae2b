import { LatchError } from '../core/model/errors';
import type { CliIo } from './io';

/**
 * All of stdin as text (for `--field KEY=-`, `--uri -`). With `maxBytes` (a protocol's request from another
 * program), reading stops and the input is refused as soon as it passes the limit: an endless or 50 MB
 * stream is never held in memory.
 */
export async function readAllStdin(io: CliIo, maxBytes = Number.POSITIVE_INFINITY): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes)
      throw new LatchError(
        'ERR_BAD_INPUT',
        `The request on stdin is longer than ${maxBytes} bytes, more than any request it can hold; nothing was done.`,
      );
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The value as piped in: one trailing newline (what `echo` adds) is not part of it. */
export function stripFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** `--password-stdin` with a value on stdin too: the first line is the password, the rest the value. */
export function splitPasswordAndValue(text: string): { password: string; value: string } {
  const nl = text.indexOf('\n');
  if (nl === -1) return { password: text.replace(/\r$/, ''), value: '' };
  return { password: text.slice(0, nl).replace(/\r$/, ''), value: stripFinalNewline(text.slice(nl + 1)) };
}
