import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPrivateMode, writePrivateFile } from '../../../main/core/integrations/private-file';

const dir = mkdtempSync(join(tmpdir(), 'latch-private-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('the mode of a file of secrets (latch inject --mode)', () => {
  it('allows 600 and 400 only: owner read (and write)', () => {
    expect(codeOf(() => checkPrivateMode(0o600))).toBeUndefined();
    expect(codeOf(() => checkPrivateMode(0o400))).toBeUndefined();
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
  it('refuses a FIFO at the output, even with --force, and leaves it be', async () => {
    const fifo = join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(writePrivateFile(fifo, 'secret', { mode: 0o600, overwrite: true })).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
    });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
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

  it('replaces a symlinked output rather than writing through it', async () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'keep me', { mode: 0o644 });
    const link = join(dir, 'link.yml');
    symlinkSync(victim, link);
    await writePrivateFile(link, 'secret', { mode: 0o400, overwrite: true });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    expect(lstatSync(link).mode & 0o7777).toBe(0o400);
  });
});
