import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freshTempEntries,
  grepTree,
  plant,
  planted,
  plantedFiles,
  secretForms,
} from '../../integration/cli/no-secret-on-disk';

const dir = mkdtempSync(join(tmpdir(), 'latch-grep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A value whose base64 and percent-encoded forms differ from it. */
const VALUE = `${plant('p?w')} /+=&ü`;

/** The check the integration tests make: true when a file under the folder holds the value in some form. */
function found(content: string | Buffer): boolean {
  const file = join(dir, `f-${Math.random()}`);
  writeFileSync(file, content);
  try {
    return grepTree([dir], VALUE).includes(file);
  } finally {
    rmSync(file);
  }
}

describe('the no-secret-on-disk check the tool tests use', () => {
  it('finds the value as is, inside other bytes', () => {
    expect(found(`noise ${VALUE} noise`)).toBe(true);
    expect(found('nothing here')).toBe(false);
  });

  it('finds it base64-encoded at any of the three byte alignments, in both alphabets', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'user:']) {
      const plain = Buffer.from(`${prefix}${VALUE}tail`);
      expect(found(`Authorization: Basic ${plain.toString('base64')}`), prefix).toBe(true);
      expect(found(`eyJ.${plain.toString('base64url')}.sig`), prefix).toBe(true);
    }
  });

  it('finds it percent-encoded and form-encoded', () => {
    expect(encodeURIComponent(VALUE)).not.toBe(VALUE);
    expect(found(`https://x/?token=${encodeURIComponent(VALUE)}&a=b`)).toBe(true);
    expect(found(`grant_type=x&${new URLSearchParams({ client_secret: VALUE })}`)).toBe(true);
  });

  it('does not match on a value that only shares a prefix', () => {
    expect(found(VALUE.slice(0, -3))).toBe(false);
    expect(found(Buffer.from(VALUE.slice(0, -3)).toString('base64'))).toBe(false);
  });

  it('skips a file older than the test run (the shared temp folder is large)', () => {
    const file = join(dir, 'old');
    writeFileSync(file, VALUE);
    expect(grepTree([dir], VALUE, Date.now() + 60_000)).toEqual([]);
    rmSync(file);
  });

  it('finds a value a program wrote to the shared temp folder, ignoring TMPDIR: a new file or a new folder at its top', () => {
    const stray = mkdtempSync(join(tmpdir(), 'latch-grep-stray-'));
    const strayFile = join(tmpdir(), `latch-grep-stray-${process.pid}`);
    try {
      writeFileSync(join(stray, 'cache'), `x ${Buffer.from(VALUE).toString('base64')}`);
      writeFileSync(strayFile, VALUE);
      expect(plantedFiles([dir], VALUE).sort()).toEqual([join(stray, 'cache'), strayFile].sort());
    } finally {
      rmSync(stray, { recursive: true });
      rmSync(strayFile);
    }
  });

  it("walks only the shared temp folder's entries made or changed since the start, never the test's own twice", () => {
    const stray = mkdtempSync(join(tmpdir(), 'latch-grep-stray-'));
    try {
      expect(freshTempEntries()).toContain(stray);
      expect(freshTempEntries(undefined, [dir])).not.toContain(dir);
      expect(freshTempEntries(Date.now() + 60_000)).not.toContain(stray);
    } finally {
      rmSync(stray, { recursive: true });
    }
  });

  it('remembers every planted value, and every form of it is distinct from noise', () => {
    expect(planted()).toContain(VALUE.split(' ')[0]);
    expect(secretForms(VALUE).every((f) => f.length >= 8)).toBe(true);
  });
});
