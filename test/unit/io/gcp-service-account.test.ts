import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCredentialImport } from '../../../main/core/io/credential-import';
import { detectImportFormat } from '../../../main/core/io/detect-format';
import { planGcpServiceAccountImport } from '../../../main/core/io/gcp-service-account-import';
import { MAX_SERVICE_ACCOUNT_BYTES, parseGcpServiceAccount } from '../../../main/core/io/gcp-service-account-parse';
import { planImportFile } from '../../../main/core/io/import-file';
import { readServiceBody } from '../../../main/core/io/vault-services';
import { LatchError } from '../../../main/core/model/errors';
import { serviceAccountFile } from '../../support/gcp-service-account';
import { MemoryRecordVault } from '../credentials/memory-record-vault';

const clock = { now: () => Date.UTC(2026, 0, 2) };
const good = serviceAccountFile();
const dir = mkdtempSync(join(tmpdir(), 'latch-gcp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every 12-character run of the key's base64 body: none may show up anywhere the user or a log sees. */
function keyChunks(body: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 12 <= body.length; i += 6) out.push(body.slice(i, i + 12));
  return out;
}

function expectNoKeyIn(text: string, body = good.privateKeyBody): void {
  const leaked = keyChunks(body).filter((c) => text.includes(c));
  expect(leaked, 'parts of the private key').toEqual([]);
  expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----(\s|\\n)*MII/);
}

async function refusal(p: Promise<unknown>): Promise<LatchError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LatchError);
  return e as LatchError;
}

/** The file with one field changed (undefined: removed). */
const withField = (field: string, value: unknown) => {
  const json: Record<string, unknown> = { ...good.json };
  if (value === undefined) delete json[field];
  else json[field] = value;
  return JSON.stringify(json, null, 2);
};

describe('parseGcpServiceAccount', () => {
  it('reads the file the Google Cloud console downloads', async () => {
    expect(await parseGcpServiceAccount(good.text)).toEqual({
      projectId: 'latch-test-413209',
      privateKeyId: good.json.private_key_id,
      privateKey: good.privateKey,
      clientEmail: 'firebase-adminsdk-fbsvc@latch-test-413209.iam.gserviceaccount.com',
      tokenUri: 'https://oauth2.googleapis.com/token',
    });
  });

  const ec = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const pkcs1 = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const small = serviceAccountFile({ bits: 1024 });
  const cut = good.privateKey.slice(0, 400) + good.privateKey.slice(-26);

  it.each([
    [
      'a user sign-in file',
      withField('type', 'authorized_user'),
      'type',
      /"authorized_user", not "service_account".*user's sign-in/,
    ],
    ['no type', withField('type', undefined), 'type', /"type" is missing/],
    ['no private key', withField('private_key', undefined), 'private_key', /"private_key" is missing/],
    [
      'a key that is not PEM',
      withField('private_key', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'),
      'private_key',
      /not a PEM private key/,
    ],
    ['a public key', withField('private_key', good.publicKey), 'private_key', /public key or certificate/],
    ['a PKCS#1 key', withField('private_key', pkcs1.privateKey), 'private_key', /not a PKCS#8 private key/],
    ['an EC key', withField('private_key', ec.privateKey), 'private_key', /cannot be used for RS256/],
    ['a cut key', withField('private_key', cut), 'private_key', /cannot be used for RS256/],
    ['a 1024-bit key', small.text, 'private_key', /1024-bit RSA key; RS256 needs 2048/],
    ['no e-mail', withField('client_email', undefined), 'client_email', /"client_email" is missing/],
    ['an e-mail without @', withField('client_email', 'deployer'), 'client_email', /service account e-mail/],
    [
      'an account name longer than an e-mail allows',
      withField('client_email', `${'a'.repeat(65)}@p.iam.gserviceaccount.com`),
      'client_email',
      /service account e-mail/,
    ],
    ['no key id', withField('private_key_id', undefined), 'private_key_id', /"private_key_id" is missing/],
    ['no project', withField('project_id', ''), 'project_id', /"project_id" is empty/],
    [
      'a plain-HTTP token URI',
      withField('token_uri', 'http://oauth2.googleapis.com/token'),
      'token_uri',
      /https token endpoint/,
    ],
    ['a list', '[1, 2]', 'file', /not a JSON object/],
  ])('refuses %s, naming the field and never the key', async (_what, text, field, message) => {
    const e = await refusal(parseGcpServiceAccount(text));
    expect(e.code).toBe('ERR_IMPORT_PARSE');
    expect(e.detail?.field).toBe(field);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/Nothing was imported\.$/);
    expectNoKeyIn(JSON.stringify({ message: e.message, detail: e.detail, cause: String(e.cause) }));
    for (const key of [ec.privateKey, pkcs1.privateKey, small.privateKey])
      expectNoKeyIn(e.message, key.replace(/-----[A-Z ]+-----|\s/g, ''));
  });

  it('refuses broken JSON by where it breaks, quoting nothing', async () => {
    const e = await refusal(parseGcpServiceAccount(good.text.slice(0, good.text.indexOf('"client_email"'))));
    expect(e.code).toBe('ERR_IMPORT_PARSE');
    expect(e.message).toMatch(/not valid JSON: it breaks at line \d+/);
    expectNoKeyIn(e.message);
  });

  it('refuses a file far larger than any key file before parsing it', async () => {
    const big = withField('padding', 'x'.repeat(3 * 1024 * 1024));
    const e = await refusal(parseGcpServiceAccount(big));
    expect(e.detail).toMatchObject({ field: 'file', max: MAX_SERVICE_ACCOUNT_BYTES });
    expect(e.message).toMatch(/about 2 KB/);
  });

  it('refuses it by its size before reading it when the format is given', async () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, withField('padding', 'x'.repeat(MAX_SERVICE_ACCOUNT_BYTES)));
    const e = await refusal(planImportFile(new MemoryRecordVault(), { path, format: 'gcp-service-account' }));
    expect(e.code).toBe('ERR_BAD_INPUT');
    expect(e.message).toMatch(/service-account key file is about 2 KB/);
  });
});

describe('detectImportFormat', () => {
  const detect = (text: string, name = 'key.json') => detectImportFormat(name, Buffer.from(text));
  it('tells a service-account key from a Postman environment by its content, whatever its name', () => {
    expect(detect(good.text)).toBe('gcp-service-account');
    expect(detect(good.text, 'latch-test-413209-1a2b3c4d5e6f.txt')).toBe('gcp-service-account');
    expect(detect('{"name":"Dev","values":[]}')).toBe('postman');
    // Another of Google's credential files goes to the same parser, which says what it is instead.
    expect(detect('{"type":"authorized_user","client_id":"1","client_secret":"s","refresh_token":"r"}')).toBe(
      'gcp-service-account',
    );
  });
});

describe('planGcpServiceAccountImport', () => {
  it('plans one RS256 JWT signer that signs as the account, in a service named after the project', async () => {
    const vault = new MemoryRecordVault();
    const plan = await planGcpServiceAccountImport(vault, good.text, null);
    const email = good.json.client_email;
    expect(plan.preview).toEqual({
      format: 'gcp-service-account',
      service: { name: 'latch-test-413209 (Google Cloud)', exists: false },
      items: [
        {
          variable: email,
          variables: [email],
          kind: 'jwt-signer',
          credentialName: 'firebase-adminsdk-fbsvc',
          include: true,
          renamed: false,
          role: 'secret',
          why: `Service account of latch-test-413209, key ${good.json.private_key_id.slice(0, 8)}`,
          becomes: `JWT signer (RS256) for ${email}`,
        },
      ],
      skipped: [],
    });
    expectNoKeyIn(JSON.stringify(plan.preview));
    expect(plan.credentials.get(email)).toEqual({
      name: 'firebase-adminsdk-fbsvc',
      kind: 'jwt-signer',
      fields: {
        algorithm: 'RS256',
        key: good.privateKey,
        issuer: email,
        subject: email,
        audience: 'https://oauth2.googleapis.com/token',
        keyId: good.json.private_key_id,
        lifetimeSeconds: 3600,
      },
    });

    // Imported, then imported again: the second is renamed and unticked, the first kept.
    await applyCredentialImport(vault, clock, plan);
    const again = await planGcpServiceAccountImport(vault, good.text, null);
    expect(again.preview.service.exists).toBe(true);
    expect(again.preview.items[0]).toMatchObject({
      credentialName: 'firebase-adminsdk-fbsvc (imported)',
      renamed: true,
      include: false,
    });
    const result = await applyCredentialImport(vault, clock, again, [email]);
    const body = await readServiceBody(vault, result.serviceIds[0]!);
    expect(body.credentials.map((c) => [c.name, c.kind])).toEqual([
      ['firebase-adminsdk-fbsvc', 'jwt-signer'],
      ['firebase-adminsdk-fbsvc (imported)', 'jwt-signer'],
    ]);
  });

  it('goes into the service the user names instead', async () => {
    const plan = await planGcpServiceAccountImport(new MemoryRecordVault(), good.text, 'Firebase prod');
    expect(plan.preview.service).toEqual({ name: 'Firebase prod', exists: false });
  });
});
