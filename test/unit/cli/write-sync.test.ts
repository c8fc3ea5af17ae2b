import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyncOr } from '../../../main/cli/write-sync';

const dir = mkdtempSync(join(tmpdir(), 'latch-write-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stream(): { make: () => PassThrough; made: () => boolean; text: () => string } {
  let made: PassThrough | undefined;
  let text = '';
  return {
    make: () => {
      made ??= new PassThrough().on('data', (d) => {
        text += d;
      });
      return made;
    },
    made: () => made !== undefined,
    text: () => text,
  };
}

describe('writeSyncOr', () => {
  it('writes the whole text to the descriptor, UTF-8, without making the stream', () => {
    const file = join(dir, 'out');
    const fd = openSync(file, 'w');
    const s = stream();
    writeSyncOr(fd, `a…b\n${'x'.repeat(100_000)}`, s.make, 'linux');
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`a…b\n${'x'.repeat(100_000)}`);
    expect(s.made()).toBe(false);
  });

  it('hands the text to the stream when the descriptor refuses it, for its usual error path', () => {
    const fd = openSync(join(dir, 'closed'), 'w');
    closeSync(fd);
    const s = stream();
    writeSyncOr(fd, 'help text', s.make, 'linux');
    expect(s.text()).toBe('help text');
  });

  it('writes through the stream on Windows, where a console takes text only through it', () => {
    const s = stream();
    writeSyncOr(1, 'help text', s.make, 'win32');
    expect(s.text()).toBe('help text');
  });
});
