import { LatchError } from '../model/errors';

/** The 1-based line of the first bytes that are not UTF-8 (a line break is never inside a UTF-8 sequence). */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      decoder.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    start = stop + 1;
  }
  return line;
}

/**
 * A file a user gave (a template, an env file) as text, strictly: decoded leniently, each byte that is not
 * UTF-8 (a Latin-1 file) would become U+FFFD, and what latch writes or passes on would silently differ from
 * it. Refused instead (ERR_BAD_INPUT), naming `what` and the line, then `then` (the consequence and what to do).
 * A BOM is kept, as Buffer.toString kept it. A UTF-16 file is named as such, with its own conversion.
 */
export function utf8Text(bytes: Uint8Array, what: string, then: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Neither byte of a UTF-16 byte-order mark is UTF-8, so such a file always lands here; `then`'s advice (from
    // Latin-1) would turn it into text with a NUL after every character.
    if (startsWithUtf16Bom(bytes))
      throw new LatchError(
        'ERR_BAD_INPUT',
        `${what} is UTF-16 text, not UTF-8 (it starts with a UTF-16 byte-order mark, as Windows PowerShell 5's > and Out-File write). Nothing was done with it: save it as UTF-8 (Set-Content -Encoding utf8, or iconv -f utf-16 -t utf-8) and run the command again.`,
      );
    throw new LatchError('ERR_BAD_INPUT', `${what} is not UTF-8 text (line ${firstBadLine(bytes)}); ${then}`);
  }
}

function startsWithUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}
