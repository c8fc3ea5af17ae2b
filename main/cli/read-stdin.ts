import { readCapped, tooLarge } from '../core/io/read-capped';
import type { CliIo } from './io';
import { readAllSync } from './stdin-all-sync';

/** A secret value piped in (`--field KEY=-`, `--value -`): a PEM key or a key file is a few KB. */
export const MAX_STDIN_VALUE_BYTES = 1024 * 1024;
/** With --password-stdin the password line (at most 1024 characters, 4 bytes each) comes first: 8 KiB for it. */
export const MAX_PASSWORD_AND_VALUE_BYTES = MAX_STDIN_VALUE_BYTES + 8 * 1024;

/**
 * All of stdin as text (for `--field KEY=-`, `--uri -`), up to `max` bytes: each caller names the most its
 * input can be, and more is refused as soon as it arrives, before it fills the memory (`< /dev/zero`).
 */
export async function readAllStdin(
  io: Pick<CliIo, 'stdin' | 'stdinFd'>,
  max: number,
  advice?: string,
): Promise<string> {
  const what = { what: 'the input on stdin', advice };
  // Without the stream while nothing has made it (stdin-all-sync.ts); what that read could not finish, the stream does.
  const fd = io.stdinFd?.();
  const read = fd === undefined ? { unread: Buffer.alloc(0) } : readAllSync(fd, max);
  if ('all' in read) {
    if (read.all.length > max) throw tooLarge(max, what);
    return read.all.toString('utf8');
  }
  if (read.unread.length > 0) io.stdin.unshift(read.unread);
  return (await readCapped(io.stdin, max, what)).toString('utf8');
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
