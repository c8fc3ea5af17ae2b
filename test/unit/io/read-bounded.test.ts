import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBoundedFile } from '../../../main/core/io/read-bounded';
import { isLatchError } from '../../../main/core/model/errors';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'latch-read-'));
  dirs.push(d);
  return d;
}
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isLatchError(e)) return { code: e.code, detail: e.detail };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('readBoundedFile (what an import reads)', () => {
  it('reads a regular file whole', async () => {
    const path = join(dir(), 'a.env');
    writeFileSync(path, 'A=1\n');
    expect((await readBoundedFile(path)).toString()).toBe('A=1\n');
  });

  it('refuses a file over the limit before reading it', async () => {
    const path = join(dir(), 'big.json');
    writeFileSync(path, Buffer.alloc(2048));
    expect(await refusal(readBoundedFile(path, 1024))).toMatchObject({ code: 'ERR_BAD_INPUT', detail: { size: 2048 } });
  });

  it('refuses /dev/zero and a FIFO at once instead of reading forever or hanging', async () => {
    expect(await refusal(readBoundedFile('/dev/zero'))).toMatchObject({ code: 'ERR_BAD_INPUT' });
    const fifo = join(dir(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(readBoundedFile(fifo))).toMatchObject({ code: 'ERR_BAD_INPUT' });
  });

  it('says a missing file is missing', async () => {
    expect(await refusal(readBoundedFile(join(dir(), 'nope')))).toMatchObject({ code: 'ERR_NOT_FOUND' });
  });
});
