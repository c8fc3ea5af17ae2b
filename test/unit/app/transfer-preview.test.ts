/**
 * io.previewImport takes the file's bytes and name from the page; main reads nothing by a
 * path the page names. The name only names the service, inside main's own scratch folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Composed } from '../../../main/ipc/compose';
import { composeForTest } from '../../support/compose-for-test';

let dir: string;
let app: Composed;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-preview-'));
  app = composeForTest({ dataDir: dir });
  await app.services.vault.create({
    password: 'correct horse battery staple',
    mode: 'password',
    quickUnlock: false,
    iterations: 100_000,
  });
});

afterAll(async () => {
  await app.services.vault.lock(false).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const preview = (fileName: string, text: string) =>
  app.dispatch(
    'io.previewImport',
    { fileName, contentBase64: Buffer.from(text).toString('base64') },
    { transport: 'browser-host' },
  );

it.each(['..', '.', '../../etc/passwd', '/etc/shadow'])(
  'previews the bytes it was given under the name %s, reading no path',
  async (name) => {
    const answer = await preview(name, 'A_TOKEN=from-the-page\nPORT=1\n');
    expect(answer.ok).toBe(true);
    const items = answer.ok
      ? (answer.value as { preview: { items: { variable: string; include: boolean }[] } }).preview.items
      : [];
    expect(items.map((i) => [i.variable, i.include])).toEqual([
      ['A_TOKEN', true],
      ['PORT', false],
    ]);
  },
);
