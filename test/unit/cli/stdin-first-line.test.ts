import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readFirstLineSync } from '../../../main/cli/stdin-first-line';
import { tempVaultPath } from '../vault/helpers';

const fds: number[] = [];
afterEach(() => {
  for (const fd of fds.splice(0)) closeSync(fd);
});
function fdOf(content: string | Buffer): number {
  const path = `${tempVaultPath()}.stdin`;
  writeFileSync(path, content);
  const fd = openSync(path, 'r');
  fds.push(fd);
  return fd;
}
function rest(fd: number): string {
  const buf = Buffer.alloc(64 * 1024);
  return buf.subarray(0, readSync(fd, buf, 0, buf.length, null)).toString('latin1');
}
const unread = (s: string | Buffer) => ({ unread: Buffer.isBuffer(s) ? s : Buffer.from(s) });

describe('readFirstLineSync: stdin first line, as StdinLines splits it, without a byte beyond it', () => {
  it('a line ends at \\n or \\r\\n, or at the end of the input less a last \\r; what follows stays unread', () => {
    for (const [input, line, left] of [
      ['pw\nnext\n', 'pw', 'next\n'],
      ['pw\r\nnext', 'pw', 'next'],
      ['p\u00e9 w\n', 'p\u00e9 w', ''],
      ['\nnext', '', 'next'],
      ['pw', 'pw', ''],
      ['pw\r', 'pw', ''],
    ] as const) {
      const fd = fdOf(input);
      expect(readFirstLineSync(fd, 16), JSON.stringify(input)).toEqual({ line });
      expect(rest(fd)).toBe(left);
    }
  });

  it('no line: null for an empty input or a lone \\r', () => {
    expect(readFirstLineSync(fdOf(''), 16)).toEqual({ line: null });
    expect(readFirstLineSync(fdOf('\r'), 16)).toEqual({ line: null });
  });

  it('gives back what it read for a lone \\r inside, bytes that are not UTF-8, a line over the cap', () => {
    const lone = fdOf('pw\rnext\n');
    expect(readFirstLineSync(lone, 16)).toEqual(unread('pw\rn'));
    expect(rest(lone)).toBe('ext\n');
    const latin1 = fdOf(Buffer.from('p\xe9\nnext', 'latin1'));
    expect(readFirstLineSync(latin1, 16)).toEqual(unread(Buffer.from('p\xe9\n', 'latin1')));
    expect(rest(latin1)).toBe('next');
    // 16 bytes is a line (with its \r\n); 17 is not, and it reads no further than one byte past the cap and a \r\n.
    expect(readFirstLineSync(fdOf(`${'a'.repeat(16)}\r\n`), 16)).toEqual({ line: 'a'.repeat(16) });
    const long = fdOf(`${'a'.repeat(17)}\n`);
    expect(readFirstLineSync(long, 16)).toEqual(unread(`${'a'.repeat(17)}\n`));
    expect(rest(long)).toBe('');
    const endless = fdOf('a'.repeat(50_000));
    expect(readFirstLineSync(endless, 16)).toEqual(unread('a'.repeat(19)));
    expect(rest(endless).length).toBe(50_000 - 19);
  });

  it('reads nothing from what is not a pipe, a socket or a file (a terminal, /dev/null), nor a closed descriptor', () => {
    const devNull = openSync('/dev/null', 'r');
    fds.push(devNull);
    expect(readFirstLineSync(devNull, 16)).toEqual(unread(''));
    expect(readFirstLineSync(123_456, 16)).toEqual(unread(''));
  });
});
