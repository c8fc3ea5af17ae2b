import type { CliIo } from './io';

/** All of stdin as text (for `--field KEY=-`, `--uri -`). */
export async function readAllStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
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
