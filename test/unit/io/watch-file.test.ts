/** The vault file's watch: a folder watch filtered by the file's name, debounced, never throwing. */
import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { watchFile } from '../../../main/core/io/watch-file';

let dir: string;
let stop: () => void = () => undefined;
let calls: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latch-watch-file-'));
  writeFileSync(join(dir, 'vault.latch'), 'one');
  calls = 0;
});

afterEach(() => {
  stop();
  rmSync(dir, { recursive: true, force: true });
});

const quiet = () => new Promise((r) => setTimeout(r, 400));

it('tells once of a save that replaces the file by a rename (temporary, then rename)', async () => {
  stop = watchFile(join(dir, 'vault.latch'), () => calls++, { debounceMs: 100 });
  writeFileSync(join(dir, '.vault.latch.tmp'), 'two');
  renameSync(join(dir, '.vault.latch.tmp'), join(dir, 'vault.latch'));
  writeFileSync(join(dir, 'vault.latch'), 'three');
  await vi.waitFor(() => expect(calls).toBe(1), { timeout: 3000 });
  await quiet();
  expect(calls).toBe(1);
});

it('ignores the other files of the folder', async () => {
  stop = watchFile(join(dir, 'vault.latch'), () => calls++, { debounceMs: 50 });
  writeFileSync(join(dir, 'vault.latch.lock'), 'x');
  writeFileSync(join(dir, 'notes.txt'), 'x');
  await quiet();
  expect(calls).toBe(0);
});

it('keeps watching when the file is gone for a moment, and a listener that throws does not end it', async () => {
  stop = watchFile(
    join(dir, 'vault.latch'),
    () => {
      calls++;
      throw new Error('the listener’s own failure');
    },
    { debounceMs: 50 },
  );
  unlinkSync(join(dir, 'vault.latch'));
  await vi.waitFor(() => expect(calls).toBe(1), { timeout: 3000 });
  writeFileSync(join(dir, 'vault.latch'), 'back');
  await vi.waitFor(() => expect(calls).toBe(2), { timeout: 3000 });
});

it('tells nothing once stopped, and a missing folder does not throw', async () => {
  stop = watchFile(join(dir, 'vault.latch'), () => calls++, { debounceMs: 50 });
  stop();
  writeFileSync(join(dir, 'vault.latch'), 'two');
  await quiet();
  expect(calls).toBe(0);
  stop = watchFile(join(dir, 'nowhere', 'vault.latch'), () => calls++, { debounceMs: 10, retryMs: 50 });
  await quiet();
  expect(calls).toBe(0);
});
