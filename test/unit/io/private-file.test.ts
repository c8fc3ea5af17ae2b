import { spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToChosenFile } from '../../../main/core/io/export-to-file';
import {
  checkPrivateMode,
  nodePrivateFileSystem,
  type PrivateFileSystem,
  writePrivateFile,
} from '../../../main/core/io/private-file';
import { codeOf } from '../../support/error-code';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('private-file');

describe('the mode of a file of secrets (latch inject --mode)', () => {
  it('allows 600 and 400 only: owner read (and write)', () => {
    expect(codeOf(() => checkPrivateMode(0o600))).toBe('no error');
    expect(codeOf(() => checkPrivateMode(0o400))).toBe('no error');
  });

  it.each([
    ['640 (group read)', 0o640],
    ['604 (others read)', 0o604],
    ['4600 (setuid)', 0o4600],
    ['2600 (setgid)', 0o2600],
    ['1600 (sticky)', 0o1600],
    ['700 (execute)', 0o700],
    ['000 (the owner cannot read it)', 0o000],
    ['200 (write only)', 0o200],
  ])('refuses %s', (_name, mode) => {
    expect(codeOf(() => checkPrivateMode(mode))).toBe('ERR_BAD_INPUT');
  });

  it('writePrivateFile refuses a wider mode itself, writing nothing', async () => {
    const out = join(dir, 'wide');
    await expect(writePrivateFile(out, 's', { mode: 0o4600, overwrite: false })).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
    });
    expect(() => lstatSync(out)).toThrow();
  });
});

describe('writePrivateFile over what is already there', () => {
  it('refuses a FIFO at the output, even with --force, at once (nothing opens it), and leaves it be', async () => {
    const fifo = join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const overwrite of [true, false])
      await expect(writePrivateFile(fifo, 'secret', { mode: 0o600, overwrite })).rejects.toMatchObject({
        code: 'ERR_BAD_INPUT',
        detail: { reason: 'not-a-file' },
      });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a device and a folder, even with --force', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    for (const target of ['/dev/null', folder])
      await expect(writePrivateFile(target, 'secret', { overwrite: true })).rejects.toMatchObject({
        code: 'ERR_BAD_INPUT',
        detail: { reason: 'not-a-file' },
      });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('replaces an existing 0644 file with --force: the new one is 0600', async () => {
    const out = join(dir, 'open.yml');
    writeFileSync(out, 'old\n', { mode: 0o644 });
    await expect(writePrivateFile(out, 'new', { mode: 0o600, overwrite: false })).rejects.toMatchObject({
      code: 'ERR_CONFLICT',
    });
    await writePrivateFile(out, 'new', { mode: 0o600, overwrite: true });
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(statSync(out).mode & 0o7777).toBe(0o600);
  });

  it('refuses a symlinked output, even with --force: nothing is written through it, and the link stays', async () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'keep me', { mode: 0o644 });
    const link = join(dir, 'link.yml');
    symlinkSync(victim, link);
    const dangling = join(dir, 'dangling.yml');
    symlinkSync(join(dir, 'not-yet'), dangling);
    for (const [target, overwrite] of [
      [link, true],
      [link, false],
      [dangling, false],
    ] as const)
      await expect(writePrivateFile(target, 'secret', { mode: 0o400, overwrite })).rejects.toMatchObject({
        code: 'ERR_BAD_INPUT',
        detail: { reason: 'symlink' },
      });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(() => lstatSync(join(dir, 'not-yet'))).toThrow();
  });
});

/** The node file system with one operation failing as a full disk would (or stalling, for the race below). */
function failing(at: keyof PrivateFileSystem | 'write' | 'sync' | 'close', code = 'ENOSPC'): PrivateFileSystem {
  const fail = () => Promise.reject(Object.assign(new Error(`${code}: injected`), { code }));
  const fs: PrivateFileSystem = { ...nodePrivateFileSystem };
  if (at === 'write' || at === 'sync' || at === 'close')
    fs.createPrivate = async (path, mode) => {
      const fh = await nodePrivateFileSystem.createPrivate(path, mode);
      return { ...fh, [at]: () => (at === 'close' ? fh.close().then(fail) : fail()) };
    };
  else fs[at] = fail as never;
  return fs;
}

describe('a failed write changes nothing at the path and leaves no temporary', () => {
  const old = 'the export from yesterday\n';
  const steps = ['createPrivate', 'write', 'sync', 'close', 'rename', 'link'] as const;
  it.each(steps)('the disk fills at %s: the old file is whole, nothing beside it, ERR_SAVE_FAILED', async (at) => {
    const folder = mkdtempSync(join(dir, `full-${at}-`));
    const out = join(folder, 'export.json');
    // link is the step without --force (the name must still be free); the others are tried replacing a file.
    const overwrite = at !== 'link';
    if (overwrite) writeFileSync(out, old, { mode: 0o600 });
    const e = await writePrivateFile(out, 'x'.repeat(100_000), { overwrite, fs: failing(at) }).catch((x) => x);
    expect(e).toMatchObject({ code: 'ERR_SAVE_FAILED', detail: { errno: 'ENOSPC' } });
    expect(String(e.message)).not.toContain('xxxx');
    expect(readdirSync(folder)).toEqual(overwrite ? ['export.json'] : []);
    if (overwrite) expect(readFileSync(out, 'utf8')).toBe(old);
  });

  it('a file that takes the name between the look and the write is not replaced without --force', async () => {
    const folder = mkdtempSync(join(dir, 'race-'));
    const out = join(folder, 'export.json');
    const fs: PrivateFileSystem = {
      ...nodePrivateFileSystem,
      // What was there when looked at; another program then writes the file.
      kind: async () => {
        writeFileSync(out, 'theirs');
        return null;
      },
    };
    await expect(writePrivateFile(out, 'mine', { overwrite: false, fs })).rejects.toMatchObject({
      code: 'ERR_CONFLICT',
    });
    expect(readFileSync(out, 'utf8')).toBe('theirs');
    expect(readdirSync(folder)).toEqual(['export.json']);
  });

  it('on a file system without hard links, a new file is renamed into place', async () => {
    const folder = mkdtempSync(join(dir, 'fat-'));
    const out = join(folder, 'export.json');
    await writePrivateFile(out, 'mine', { overwrite: false, fs: failing('link', 'EPERM') });
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['export.json']);
  });

  it("the app's export to a path the save dialog chose refuses a symlink there and writes nothing through it", async () => {
    const folder = mkdtempSync(join(dir, 'dialog-'));
    const victim = join(folder, 'victim');
    writeFileSync(victim, 'keep me');
    const chosen = join(folder, 'latch-export.json');
    symlinkSync(victim, chosen);
    const vault = { entries: () => new Map(), readRecord: async () => ({}) };
    const e = await exportToChosenFile({
      vault,
      clock: { now: () => 0 },
      dialog: { choose: async () => chosen },
      request: { format: 'plaintext' },
    }).catch((x) => x);
    expect(e).toMatchObject({ code: 'ERR_BAD_INPUT', detail: { reason: 'symlink' } });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });
});
