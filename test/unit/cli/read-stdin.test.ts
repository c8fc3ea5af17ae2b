import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/io';
import { readAllStdin } from '../../../main/cli/read-stdin';

const io = (stdin: Readable) => ({ stdin }) as unknown as CliIo;

describe('readAllStdin with a limit (a tool protocol request)', () => {
  it('refuses an endless stream once it passes the limit, without waiting for its end', async () => {
    let pulled = 0;
    const endless = Readable.from(
      (function* () {
        for (;;) {
          pulled++;
          yield Buffer.alloc(16 * 1024, 0x61);
        }
      })(),
    );
    await expect(readAllStdin(io(endless), 64 * 1024)).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    expect(pulled).toBeLessThan(10);
  });

  it('reads a request up to the limit whole, multi-byte characters split across chunks included', async () => {
    const text = `host=é${'x'.repeat(100)}`;
    const bytes = Buffer.from(text);
    const split = Readable.from([bytes.subarray(0, 6), bytes.subarray(6)]);
    expect(await readAllStdin(io(split), bytes.length)).toBe(text);
  });
});

describe('readAllStdin on a descriptor nothing has read through the stream (stdin-all-sync.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latch-read-stdin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An io whose stdin is a file's descriptor, and a stream that records whether it was made. */
  function onFile(content: string | Buffer, rest: string[] = []) {
    const file = join(dir, `in-${Math.random()}`);
    writeFileSync(file, content);
    const fd = openSync(file, 'r');
    let made = false;
    const stream = Readable.from(rest);
    const io = {
      get stdin() {
        made = true;
        return stream;
      },
      stdinFd: () => fd,
    } as unknown as CliIo;
    return { io, made: () => made, close: () => closeSync(fd) };
  }

  it('reads it whole with blocking reads, without making the stream', async () => {
    const text = `otpauth://totp/x?secret=é${'A'.repeat(200_000)}\n`;
    const s = onFile(text);
    expect(await readAllStdin(s.io, 1024 * 1024)).toBe(text);
    expect(s.made()).toBe(false);
    s.close();
  });

  it('refuses more than the limit, with the message of the stream path', async () => {
    const s = onFile(Buffer.alloc(64 * 1024 + 1, 0x61));
    await expect(readAllStdin(s.io, 64 * 1024)).rejects.toThrow(
      'The input on stdin is larger than 64 KiB, the most Latch reads there.',
    );
    s.close();
  });

  it('reads through the stream when the descriptor cannot be read (a terminal, /dev/null, a failed read)', async () => {
    const s = onFile('unused');
    s.close();
    expect(await readAllStdin(s.io, 1024)).toBe('');
    expect(s.made()).toBe(true);
  });
});
