import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPrivateFileTarget, writeFailed } from '../../../main/core/io/private-file';
import { LatchError } from '../../../main/core/model/errors';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('private-errors');

const fsError = (code: string) => Object.assign(new Error(`${code}: secret-looking detail`), { code });

describe('writeFailed: a file-system error writing a file the user named', () => {
  it('says what to do for each cause, naming the path and the errno, never the error text', () => {
    for (const [code, advice] of [
      ['ENOENT', 'create the folder first'],
      ['ENOTDIR', 'is a file, not a folder'],
      ['EACCES', 'choose a folder of yours'],
      ['EPERM', 'choose a folder of yours'],
      ['EROFS', 'read-only file system'],
      ['EISDIR', 'choose a file name'],
      ['ENOSPC', 'The disk is full'],
      ['EDQUOT', 'quota'],
      ['EIO', 'Check the folder exists'],
    ] as const) {
      const e = writeFailed('out/x.yml', fsError(code)) as LatchError;
      expect(e, code).toBeInstanceOf(LatchError);
      expect(e.code, code).toBe('ERR_SAVE_FAILED');
      expect(e.message, code).toContain(`out/x.yml could not be written (${code}); nothing was changed there. `);
      expect(e.message, code).toContain(advice);
      expect(e.message, code).not.toContain('secret-looking');
    }
  });

  it('a LatchError passes as it is', () => {
    const own = new LatchError('ERR_CONFLICT', 'exists');
    expect(writeFailed('x', own)).toBe(own);
  });
});

describe('checkPrivateFileTarget: the refusals known before the text exists', () => {
  const reason = async (path: string, overwrite = true) => {
    const e = await checkPrivateFileTarget(path, { overwrite }).then(
      () => null,
      (x: unknown) => x,
    );
    return e instanceof LatchError ? `${e.code} ${e.message}` : e;
  };

  it('refuses what writePrivateFile would refuse, and a folder it could not write in; passes a writable target', async () => {
    const file = join(dir, 'exists.yml');
    writeFileSync(file, 'x');
    symlinkSync(file, join(dir, 'link.yml'));
    mkdirSync(join(dir, 'folder'));
    expect(await reason(file, false)).toMatch(/^ERR_CONFLICT .* already exists; nothing was written/);
    expect(await reason(join(dir, 'link.yml'))).toMatch(/^ERR_BAD_INPUT .* is a symbolic link/);
    expect(await reason(join(dir, 'folder'))).toMatch(/^ERR_BAD_INPUT .* is not a regular file/);
    expect(await reason(join(dir, 'none', 'x.yml'))).toMatch(/^ERR_SAVE_FAILED .*\(ENOENT\)/);
    expect(await reason(join(file, 'x.yml'))).toMatch(/^ERR_SAVE_FAILED .*\(ENOTDIR\)/);
    expect(await reason(file)).toBeNull();
    expect(await reason(join(dir, 'new.yml'), false)).toBeNull();
  });
});
