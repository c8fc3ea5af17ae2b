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
});
