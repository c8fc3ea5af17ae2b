import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('readFirstLineSync leaves no password bytes behind', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Every buffer readFirstLineSync allocates or encodes, to look at once it has returned. */
  function spyBuffers(): Buffer[] {
    const made: Buffer[] = [];
    const alloc = Buffer.alloc.bind(Buffer);
    const from = Buffer.from.bind(Buffer) as (...args: unknown[]) => Buffer;
    vi.spyOn(Buffer, 'alloc').mockImplementation((...args: Parameters<typeof Buffer.alloc>) => {
      const b = alloc(...args);
      made.push(b);
      return b;
    });
    vi.spyOn(Buffer, 'from').mockImplementation(((...args: unknown[]) => {
      const b = from(...args);
      made.push(b);
      return b;
    }) as typeof Buffer.from);
    return made;
  }

  it('zeroes the read buffer and the UTF-8 check once the line is decoded', () => {
    for (const input of ['s3cret\nnext', 's3cret\r\n', 's3cret', 'p\u00e9 w\n']) {
      const fd = fdOf(input);
      const made = spyBuffers();
      expect(readFirstLineSync(fd, 16), JSON.stringify(input)).toHaveProperty('line');
      vi.restoreAllMocks();
      expect(made.length, JSON.stringify(input)).toBeGreaterThanOrEqual(2);
      expect(
        made.filter((b) => b.some((x) => x !== 0)),
        JSON.stringify(input),
      ).toEqual([]);
    }
  });

  it('zeroes the UTF-8 check of a line it gives back, and gives back only what it read', () => {
    const fd = fdOf(Buffer.from('p\xe9w\nnext', 'latin1'));
    const made = spyBuffers();
    const first = readFirstLineSync(fd, 16);
    vi.restoreAllMocks();
    expect(first).toEqual(unread(Buffer.from('p\xe9w\n', 'latin1')));
    // The read buffer is what was given back; every other buffer is zero.
    const others = made.filter((b) => !('unread' in first && b.buffer === first.unread.buffer));
    expect(others.length).toBeGreaterThanOrEqual(1);
    expect(others.filter((b) => b.some((x) => x !== 0))).toEqual([]);
  });
});
