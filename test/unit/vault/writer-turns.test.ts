import { describe, expect, it } from 'vitest';
import { asOnlyWriter, WriterTurns } from '../../../main/core/vault/writer-turns';

const tick = () => new Promise<void>((r) => setTimeout(r, 5));

describe('writer turns', () => {
  it('one writer at a time; what runs inside a turn runs at once', async () => {
    const turns = new WriterTurns();
    const log: string[] = [];
    const first = turns.run(async () => {
      log.push('a start');
      await tick();
      // Nested: the turn's own write does not wait for itself.
      await turns.run(async () => log.push('a nested'));
      log.push('a end');
    });
    const second = turns.run(async () => log.push('b'));
    await Promise.all([first, second]);
    expect(log).toEqual(['a start', 'a nested', 'a end', 'b']);
  });

  it('work a turn started and left running waits for a turn of its own once that turn has ended', async () => {
    const turns = new WriterTurns();
    const log: string[] = [];
    let leftRunning: Promise<unknown> = Promise.resolve();
    let releaseThird!: () => void;
    await turns.run(async () => {
      leftRunning = tick().then(() => turns.run(async () => log.push('left running')));
    });
    // Another writer takes the turn before the work left running asks for it.
    const third = turns.run(async () => {
      log.push('third start');
      await new Promise<void>((r) => {
        releaseThird = r;
      });
      log.push('third end');
    });
    await tick();
    await tick();
    releaseThird();
    await Promise.all([leftRunning, third]);
    expect(log).toEqual(['third start', 'third end', 'left running']);
  });

  it('a failed turn lets the next writer in', async () => {
    const turns = new WriterTurns();
    await expect(turns.run(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await turns.run(async () => 'next')).toBe('next');
  });

  it('asOnlyWriter runs at once on a vault without turns (an in-memory stand-in)', async () => {
    expect(await asOnlyWriter({}, async () => 'ran')).toBe('ran');
  });
});
