import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
