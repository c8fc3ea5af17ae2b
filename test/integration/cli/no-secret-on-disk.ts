import { randomUUID } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * The planted values are drawn at random when a test file loads, so only a file written since this process
 * started can hold one: older files (the shared temp folder holds gigabytes of them) are not read. Two seconds
 * of slack for file systems with coarse timestamps.
 */
const STARTED = performance.timeOrigin - 2000;

const plantedValues = new Set<string>();

/**
 * A random secret value for a test to store and later look for on disk. Every value planted in a test file is
 * remembered, so the file's final check (`planted()`) cannot forget one.
 */
export function plant(label: string): string {
  const value = `${label}-${randomUUID()}`;
  plantedValues.add(value);
  return value;
}

/** A secret value made elsewhere (an access key in the provider's format, a token a peer issued), remembered. */
export function plantValue(value: string): string {
  plantedValues.add(value);
  return value;
}

/** Every value `plant` has drawn in this test file. */
export function planted(): string[] {
  return [...plantedValues];
}

/**
 * The base64 text of `value` wherever it sits in a longer base64 text: for each of the three byte alignments,
 * the characters that depend on the value's bytes alone (the first and last group mix in neighbouring bytes).
 */
function base64Cores(value: Buffer, alphabet: 'base64' | 'base64url'): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const text = Buffer.concat([Buffer.alloc(shift), value])
      .toString(alphabet)
      .replace(/=+$/, '');
    const start = shift === 0 ? 0 : 4;
    const end = (shift + value.length) % 3 === 0 ? text.length : text.length - ((shift + value.length) % 3) - 1;
    if (end - start >= 8) cores.push(text.slice(start, end));
  }
  return cores;
}

/**
 * The forms in which a secret could land in a file: as is, base64 (standard and URL alphabets, any alignment,
 * as in an HTTP Basic header or a JSON Web Token), percent-encoded (as in a URL) and form-encoded.
 */
export function secretForms(value: string): string[] {
  const bytes = Buffer.from(value);
  return [
    ...new Set([
      value,
      ...base64Cores(bytes, 'base64'),
      ...base64Cores(bytes, 'base64url'),
      encodeURIComponent(value),
      new URLSearchParams({ v: value }).toString().slice(2),
    ]),
  ];
}

/**
 * Files under the given folders whose bytes contain a planted value in any of its `secretForms` (symlinks and
 * special files skipped; files not written since `since` not read). Several values are looked for in one walk.
 */
export function grepTree(roots: string[], needle: string | readonly string[], since = STARTED): string[] {
  const found: string[] = [];
  const wanted = (typeof needle === 'string' ? [needle] : needle).flatMap(secretForms).map((n) => Buffer.from(n));
  const walk = (path: string) => {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const n of names) walk(join(path, n));
    } else if (st.isFile() && st.size < 64 * 1024 * 1024 && Math.max(st.mtimeMs, st.ctimeMs) >= since) {
      try {
        const bytes = readFileSync(path);
        if (wanted.some((w) => bytes.includes(w))) found.push(path);
      } catch {
        // Unreadable: not ours.
      }
    }
  };
  for (const r of roots) walk(r);
  return [...new Set(found)];
}

/**
 * The shared temp folder: the one this process was given, and /tmp, where a child that ignores TMPDIR writes.
 * The tests give every program they start a TMPDIR of their own (`ownTempEnv`), walked in full.
 */
const SHARED_TEMP = [...new Set([tmpdir(), '/tmp'])];

/**
 * The environment that gives the programs a test starts a temp folder inside the test's folder (made here), so
 * what they write there is walked in full (the shared temp folder only in part: `plantedFiles`).
 */
export function ownTempEnv(testDir: string): { TMPDIR: string } {
  const TMPDIR = join(testDir, 'tmp');
  mkdirSync(TMPDIR, { recursive: true, mode: 0o700 });
  return { TMPDIR };
}

const isWithin = (path: string, folder: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
};

/**
 * The entries at the top of the shared temp folder created or changed since `since`: a file or folder made
 * there, a file written there, or a folder that got a new entry all have a newer time. Only these are walked:
 * the shared folder holds other checkouts and runs (400,000 entries, a 10 s walk), none of them written by
 * this test's programs. (A file rewritten in place two levels down in an older folder would be missed; no
 * program the tests run does that.)
 */
export function freshTempEntries(since = STARTED, skip: readonly string[] = []): string[] {
  return SHARED_TEMP.flatMap((root) => {
    let names: string[] = [];
    try {
      names = readdirSync(root);
    } catch {
      return [];
    }
    return names
      .map((n) => join(root, n))
      .filter((path) => {
        if (skip.some((folder) => isWithin(path, folder))) return false;
        const st = lstatSync(path, { throwIfNoEntry: false });
        return st !== undefined && Math.max(st.mtimeMs, st.ctimeMs) >= since;
      });
  });
}

/**
 * The check at the end of a test file: files holding a planted value under `folders` (the test's own, with its
 * TMPDIR, and HOME), and in what the shared temp folder gained since the test started (a program that ignored
 * TMPDIR). A file's ctime cannot be set back, so none written since the start is passed over.
 */
export function plantedFiles(folders: readonly string[], needle: string | readonly string[]): string[] {
  return grepTree([...folders, ...freshTempEntries(STARTED, folders)], needle);
}
