import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatLimit, MAX_IMPORT_BYTES, readCapped, readCappedFile } from '../../../main/core/io/read-capped';
import { LatchError } from '../../../main/core/model/errors';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('read-capped');

async function failure(p: Promise<unknown>): Promise<LatchError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof LatchError)) throw new Error(`expected a LatchError, got ${String(e)}`);
  return e;
}

/** An endless source of 64 KiB chunks that counts what it gave and whether it was stopped. */
function endless() {
  const seen = { bytes: 0, stopped: false };
  async function* chunks() {
    try {
      for (;;) {
        seen.bytes += 65_536;
        yield Buffer.alloc(65_536);
      }
    } finally {
      seen.stopped = true;
    }
  }
  return { seen, source: chunks() };
}

describe('readCapped', () => {
  it('reads exactly the limit, and refuses one byte more naming the limit', async () => {
    const max = 1000;
    expect((await readCapped(Readable.from([Buffer.alloc(600), Buffer.alloc(400)]), max, { what: 'x' })).length).toBe(
      1000,
    );
    const e = await failure(readCapped(Readable.from([Buffer.alloc(600), Buffer.alloc(401)]), max, { what: 'x' }));
    expect(e.code).toBe('ERR_BAD_INPUT');
    expect(e.detail).toEqual({ max, reason: 'too-large' });
    expect(e.message).toContain('1000 bytes');
  });

  it('stops an endless input at the limit: it reads no further and stops the source', async () => {
    const { seen, source } = endless();
    const e = await failure(readCapped(source, 1024 * 1024, { what: 'the input on stdin' }));
    expect(e.message).toMatch(/^The input on stdin is larger than 1 MiB/);
    expect(seen.bytes).toBeLessThanOrEqual(1024 * 1024 + 65_536);
    expect(seen.stopped).toBe(true);
  });

  it('names limits as a person reads them', () => {
    expect([formatLimit(64 * 1024), formatLimit(10 * 1024 * 1024), formatLimit(1000)]).toEqual([
      '64 KiB',
      '10 MiB',
      '1000 bytes',
    ]);
  });
});

describe('readCappedFile', () => {
  it('refuses /dev/zero at the limit, quickly', async () => {
    const started = Date.now();
    const e = await failure(readCappedFile('/dev/zero', 8 * 1024 * 1024, { what: 'the env file /dev/zero' }));
    expect(e.detail).toMatchObject({ reason: 'too-large' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reads a FIFO (a process substitution is one), which no stat can size', async () => {
    const fifo = join(dir, 'env.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `printf 'A=1\\nB=2\\n' > "${fifo}"`]);
    const written = new Promise((r) => writer.on('close', r));
    const text = (await readCappedFile(fifo, 1024, { what: 'the fifo' })).toString();
    expect(text).toBe('A=1\nB=2\n');
    expect(await written).toBe(0);
  });

  it('a file at the limit is read, one byte over is refused; a missing file is ERR_NOT_FOUND', async () => {
    const file = join(dir, 'f');
    writeFileSync(file, Buffer.alloc(70_000, 65));
    expect((await readCappedFile(file, 70_000, { what: 'f' })).length).toBe(70_000);
    expect((await failure(readCappedFile(file, 69_999, { what: 'f' }))).detail).toMatchObject({ reason: 'too-large' });
    const missing = await failure(readCappedFile(join(dir, 'none'), 10, { what: 'the env file none' }));
    expect(missing.code).toBe('ERR_NOT_FOUND');
    expect(missing.message).toBe('Cannot read the env file none (ENOENT).');
  });

  it('a folder (or anything else there that cannot be read) is bad input, not "not found"', async () => {
    // `latch exec --env-file DIR`: the exit code said the file was missing, the message EISDIR.
    const folder = await failure(readCappedFile(dir, 10, { what: 'the env file' }));
    expect(folder).toMatchObject({ code: 'ERR_BAD_INPUT', detail: { reason: 'EISDIR' } });
    expect(folder.message).toBe('Cannot read the env file (EISDIR).');
  });
});

describe('readCappedFile with regularOnly (what an import or an upload reads)', () => {
  const importing = (path: string, max = MAX_IMPORT_BYTES) =>
    readCappedFile(path, max, { what: `the file ${path}`, regularOnly: true });

  it('reads a regular file whole', async () => {
    const path = join(dir, 'a.env');
    writeFileSync(path, 'A=1\n');
    expect((await importing(path)).toString()).toBe('A=1\n');
  });

  it('refuses a file over the limit before reading it', async () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, Buffer.alloc(2048));
    const e = await failure(importing(path, 1024));
    expect(e).toMatchObject({ code: 'ERR_BAD_INPUT', detail: { size: 2048, max: 1024, reason: 'too-large' } });
  });

  it('refuses /dev/zero and a FIFO at once instead of reading forever or hanging', async () => {
    expect(await failure(importing('/dev/zero'))).toMatchObject({ code: 'ERR_BAD_INPUT' });
    const fifo = join(dir, 'import.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await failure(importing(fifo))).toMatchObject({ code: 'ERR_BAD_INPUT', detail: { reason: 'not-a-file' } });
  });

  it('says a missing file is missing', async () => {
    expect(await failure(importing(join(dir, 'nope')))).toMatchObject({ code: 'ERR_NOT_FOUND' });
  });
});
