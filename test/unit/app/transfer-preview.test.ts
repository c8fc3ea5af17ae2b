/**
 * io.previewImport takes the file's bytes and name from the page; main reads nothing by a
 * path the page names. The name only names the service, inside main's own scratch folder.
 * A Google service-account key's preview names the account and never carries the key; the
 * credential it makes signs a token that an independent verifier (jose, with the file's public
 * key) accepts as the service account's assertion for Google's token endpoint.
 */
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Composed } from '../../../main/ipc/compose';
import { composeForTest } from '../../support/compose-for-test';
import { serviceAccountFile } from '../../support/gcp-service-account';

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

const file = serviceAccountFile({ projectId: 'orders-prod-7731', account: 'deployer' });
const EMAIL = 'deployer@orders-prod-7731.iam.gserviceaccount.com';

it('previews, imports and signs as the service account; the key never crosses the bridge', async () => {
  // Dropped under a name that says nothing: the content tells the format.
  const answer = await app.dispatch(
    'io.previewImport',
    { fileName: 'download (3).json', contentBase64: Buffer.from(file.text).toString('base64') },
    { transport: 'browser-host' },
  );
  if (!answer.ok) throw new Error(answer.error.message);
  const payload = JSON.stringify(answer.value);
  for (let i = 0; i + 12 <= file.privateKeyBody.length; i += 6)
    expect(payload).not.toContain(file.privateKeyBody.slice(i, i + 12));
  expect(payload).not.toContain('PRIVATE KEY');
  const { importId, preview } = answer.value as {
    importId: string;
    preview: { format: string; service: { name: string }; items: { becomes: string; include: boolean }[] };
  };
  expect(preview.format).toBe('gcp-service-account');
  expect(preview.service.name).toBe('orders-prod-7731 (Google Cloud)');
  expect(preview.items).toMatchObject([{ becomes: `JWT signer (RS256) for ${EMAIL}`, include: true }]);

  const applied = await app.dispatch('io.applyImport', { importId, selected: [EMAIL] }, { transport: 'browser-host' });
  if (!applied.ok) throw new Error(applied.error.message);
  const [serviceId] = (applied.value as { serviceIds: string[] }).serviceIds;
  const service = await app.services.credentials.body(serviceId!);
  const credential = service.credentials.find((c) => c.name === 'deployer');
  expect(credential?.kind).toBe('jwt-signer');

  // The app's own signing path, checked by jose against the public half of the file's key.
  const signed = await app.services.jwt.sign({ serviceId: serviceId!, credentialId: credential!.id });
  const { payload: claims, protectedHeader } = await jwtVerify(signed.token, createPublicKey(file.publicKey), {
    algorithms: ['RS256'],
    issuer: EMAIL,
    subject: EMAIL,
    audience: 'https://oauth2.googleapis.com/token',
  });
  expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: file.json.private_key_id });
  expect(decodeProtectedHeader(signed.token).kid).toMatch(/^[0-9a-f]{40}$/);
  // Google refuses an assertion that lives longer than an hour.
  expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
});

it('a lock drops the preview with the secrets it holds: applying it after the next unlock imports nothing', async () => {
  const answer = await preview('billing.env', 'BILLING_API_KEY=sk_live_held_across_a_lock\n');
  if (!answer.ok) throw new Error(answer.error.message);
  const { importId } = answer.value as { importId: string };
  await app.services.vault.lock(false);
  await app.services.vault.unlock({
    password: 'correct horse battery staple',
    useQuickUnlock: false,
    useBackup: false,
  });
  const before = app.services.credentials.summaries().length;
  const applied = await app.dispatch(
    'io.applyImport',
    { importId, selected: ['BILLING_API_KEY'] },
    { transport: 'browser-host' },
  );
  expect(applied).toMatchObject({ ok: false, error: { code: 'ERR_NOT_FOUND' } });
  expect(app.services.credentials.summaries()).toHaveLength(before);
});
