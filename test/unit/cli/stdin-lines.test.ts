import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StdinLines } from '../../../main/cli/stdin-lines';

const stream = (chunks: (string | Buffer)[]) => Readable.from(chunks, { objectMode: false });

describe('StdinLines (--password-stdin)', () => {
  it('splits lines as readline did (\\n, \\r\\n, a lone \\r), across chunks, and ends with null', async () => {
    const lines = new StdinLines(stream(['pass', 'word\r', '\nsecond\rthird\nlast']), 64);
    const got = [];
    for (let l = await lines.next(); l !== null; l = await lines.next()) got.push(l);
    expect(got).toEqual(['password', 'second', 'third', 'last']);
    expect(await lines.next()).toBeNull();
  });

  it('keeps a character split between chunks whole', async () => {
    const bytes = Buffer.from('pässword\n');
    const lines = new StdinLines(stream([bytes.subarray(0, 2), bytes.subarray(2)]), 64);
    expect(await lines.next()).toBe('pässword');
  });

  it('refuses a line longer than the limit as it arrives, and stops reading an endless input', async () => {
    let given = 0;
    async function* zeros() {
      for (;;) {
        given += 4096;
        yield Buffer.alloc(4096);
      }
    }
    const source = Readable.from(zeros(), { objectMode: false });
    const lines = new StdinLines(source, 4096);
    await expect(lines.next()).rejects.toMatchObject({ code: 'ERR_BAD_INPUT', detail: { max: 4096 } });
    await expect(lines.next()).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    // Paused: nothing more is pulled from the source (what a pipe's writer then blocks on).
    const atRefusal = given;
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(given).toBe(atRefusal);
    expect(given).toBeLessThan(64 * 4096);
    source.destroy();
  });
});

describe('StdinLines against a stream of many lines', () => {
  it('reads no further ahead than the lines asked for (`yes | latch … --password-stdin` holds one chunk, not all of it)', async () => {
    let given = 0;
    // 4 MiB at most, so that without the pause this fails by count instead of filling the memory.
    async function* lines() {
      for (let i = 0; i < 1024; i++) {
        given += 4096;
        yield Buffer.from('y\n'.repeat(2048));
      }
    }
    const source = Readable.from(lines(), { objectMode: false });
    const reader = new StdinLines(source, 4096);
    expect(await reader.next()).toBe('y');
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    // Readable.from pulls a chunk or two ahead of a paused consumer (its buffer); without the pause it is every turn.
    expect(given).toBeLessThan(8 * 4096);
    expect(await reader.next()).toBe('y');
    reader.close();
    source.destroy();
  });

  it('refuses a line longer than the limit that ends inside one chunk', async () => {
    const reader = new StdinLines(stream([`first\n${'x'.repeat(100)}\nshort\n`]), 64);
    expect(await reader.next()).toBe('first');
    await expect(reader.next()).rejects.toMatchObject({ code: 'ERR_BAD_INPUT', detail: { max: 64 } });
  });
});
