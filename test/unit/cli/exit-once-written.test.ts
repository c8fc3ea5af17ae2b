import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exitOnceWritten } from '../../../main/cli/exit-once-written';

/** An output whose writes complete only when `release()` is called (a pipe behind a slow reader). */
function slowOutput() {
  const written: string[] = [];
  const waiting: (() => void)[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      waiting.push(() => {
        written.push(chunk.toString());
        done();
      });
    },
  });
  const release = async () => {
    while (waiting.length > 0) {
      waiting.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { stream, written, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('exitOnceWritten: the fast paths end as soon as their output is out, never before', () => {
  it('waits for writes still queued on every stream, then exits once with the code', async () => {
    const out = slowOutput();
    const err = slowOutput();
    out.stream.write('sk_live_1\n');
    out.stream.write('second\n');
    err.stream.write('latch: note\n');
    const exits: number[] = [];
    exitOnceWritten(7, [out.stream, err.stream], (code) => exits.push(code));
    await tick();
    expect(exits).toEqual([]);
    await out.release();
    expect(exits).toEqual([]); // stderr still holds its line
    await err.release();
    await tick();
    expect(out.written.join('')).toBe('sk_live_1\nsecond\n');
    expect(err.written.join('')).toBe('latch: note\n');
    expect(exits).toEqual([7]);
  });

  it('exits when nothing is queued, and when an output was already closed (its write fails)', async () => {
    const exits: number[] = [];
    exitOnceWritten(0, [], (code) => exits.push(code));
    expect(exits).toEqual([0]);

    const closed = new Writable({ write: (_c, _e, done) => done() });
    closed.on('error', () => undefined); // endQuietlyWhenClosed's part in the command line
    closed.destroy();
    const open = new Writable({ write: (_c, _e, done) => done() });
    exitOnceWritten(3, [closed, open], (code) => exits.push(code));
    await tick();
    expect(exits).toEqual([0, 3]);
  });

  it('never exits 0 after a write failed otherwise (a full disk): the error listener speaks first, else the exit is 1', async () => {
    const full = () =>
      new Writable({
        write: (_c, _e, done) =>
          done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })),
      });
    const exits: number[] = [];
    const heard: string[] = [];
    const listened = full();
    listened.on('error', (e: NodeJS.ErrnoException) => {
      heard.push(e.code!);
      exits.push(1);
    });
    listened.write('sk_live_1\n');
    exitOnceWritten(0, [listened], (code) => exits.push(code));
    await tick();
    await tick();
    expect(heard[0]).toBe('ENOSPC');
    expect(exits[0]).toBe(1); // endQuietlyWhenClosed's part, before exitOnceWritten's own
    expect(exits.every((c) => c !== 0)).toBe(true);

    const alone = full();
    alone.on('error', () => undefined);
    const codes: number[] = [];
    exitOnceWritten(0, [alone], (code) => codes.push(code));
    await tick();
    await tick();
    expect(codes).toEqual([1]);
  });
});
