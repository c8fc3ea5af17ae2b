import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { endQuietlyWhenClosed } from '../../../main/cli/closed-output';

/** An output whose every write fails with `code` (EPIPE: the reader went away; ENOSPC: /dev/full, a full disk). */
function failing(code: string) {
  return new Writable({
    write: (_c, _e, done) => done(Object.assign(new Error(`${code}: failed, write`), { code })),
  });
}

function collected() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, lines };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('endQuietlyWhenClosed', () => {
  it('ends quietly with 0 when the reader went away', async () => {
    const err = collected();
    const out = failing('EPIPE');
    const exits: number[] = [];
    endQuietlyWhenClosed([out, err.stream], (c) => exits.push(c), err.stream);
    out.write('sk_live_1\n');
    await tick();
    expect(exits).toEqual([0]);
    expect(err.lines).toEqual([]);
  });

  it('ends with 1 and says why when the output cannot take the write (a full disk), never the value', async () => {
    const err = collected();
    const out = failing('ENOSPC');
    const exits: number[] = [];
    endQuietlyWhenClosed([out, err.stream], (c) => exits.push(c), err.stream);
    out.write('sk_live_1\n');
    await tick();
    expect(exits).toEqual([1]);
    expect(err.lines.join('')).toBe(
      'latch: the output could not be written (ENOSPC: no space left on device); what was written may be cut short. Free some space, or write it elsewhere.\n',
    );
  });

  it('ends with 1 and writes nothing more when stderr itself fails', async () => {
    const err = failing('EIO');
    const exits: number[] = [];
    endQuietlyWhenClosed([err], (c) => exits.push(c), err);
    err.write('latch: note\n');
    await tick();
    expect(exits).toEqual([1]);
  });
});
