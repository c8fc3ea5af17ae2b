import { describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { applyCredentialImport } from '../../../main/core/io/credential-import';
import { detectExportFormat, detectImportFormat } from '../../../main/core/io/detect-format';
import { planEnvImport } from '../../../main/core/io/env-import';
import { planPostmanImport } from '../../../main/core/io/postman-import';
import { parsePostmanEnvironment } from '../../../main/core/io/postman-parse';
import { serviceNameFromFile } from '../../../main/core/io/service-name-from-file';
import { classifyVariable } from '../../../main/core/io/variable-kind';
import { LatchError } from '../../../main/core/model/errors';
import { MemoryRecordVault } from '../credentials/memory-record-vault';

const clock = { now: () => Date.UTC(2026, 0, 2) };

function setup() {
  const vault = new MemoryRecordVault();
  return { vault, store: new ServiceStore(vault, clock) };
}

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e instanceof LatchError ? e.code : `other: ${String(e)}`;
  }
  return 'resolved';
}

const ENV = `# Stripe
export STRIPE_API_KEY=sk_test_123
GITHUB_TOKEN="ghp_abc"
DATABASE_URL='postgres://u:p@h/db'
EMPTY=
PRIVATE_KEY="-----BEGIN-----\\nabc"
GITHUB_TOKEN=ghp_last
`;

describe('classifyVariable', () => {
  it('sends *_TOKEN as Bearer, *_KEY in X-API-Key, everything else as a free secret', () => {
    expect(classifyVariable('GITHUB_TOKEN', 'x')).toEqual({
      kind: 'api-key',
      header: 'Authorization',
      prefix: 'Bearer ',
    });
    expect(classifyVariable('STRIPE_API_KEY', 'x')).toEqual({ kind: 'api-key', header: 'X-API-Key' });
    expect(classifyVariable('apiKey', 'x')).toEqual({ kind: 'api-key', header: 'X-API-Key' });
    expect(classifyVariable('accessToken', 'x').kind).toBe('api-key');
    expect(classifyVariable('JWT_PRIVATE_KEY', 'x').kind).toBe('secret');
    expect(classifyVariable('AWS_SECRET_ACCESS_KEY', 'x').kind).toBe('secret');
    expect(classifyVariable('SOME_KEY', 'multi\nline').kind).toBe('secret');
    expect(classifyVariable('DATABASE_URL', 'x').kind).toBe('secret');
    expect(classifyVariable('MONKEY', 'x').kind).toBe('secret');
  });
});

describe('serviceNameFromFile', () => {
  it('derives a name from the file, or its folder for .env files', () => {
    expect(serviceNameFromFile('/p/stripe.env')).toBe('stripe');
    expect(serviceNameFromFile('/p/myapp/.env')).toBe('myapp');
    expect(serviceNameFromFile('/p/myapp/.env.production')).toBe('myapp production');
    expect(serviceNameFromFile('/p/Acme.postman_environment.json')).toBe('Acme');
  });
});

describe('.env import', () => {
  it('previews without values, then writes the ticked variables into a new service in one save', async () => {
    const { vault, store } = setup();
    const plan = await planEnvImport(vault, ENV, 'Stripe');
    expect(plan.preview.service).toEqual({ name: 'Stripe', exists: false });
    expect(plan.preview.items).toEqual([
      {
        variable: 'STRIPE_API_KEY',
        variables: ['STRIPE_API_KEY'],
        kind: 'api-key',
        credentialName: 'STRIPE_API_KEY',
        include: true,
        renamed: false,
        role: 'secret',
        why: 'Its name says secret',
        becomes: 'API key in Stripe, sent in X-API-Key',
        line: 2,
      },
      {
        variable: 'DATABASE_URL',
        variables: ['DATABASE_URL'],
        kind: 'secret',
        credentialName: 'DATABASE_URL',
        include: true,
        renamed: false,
        role: 'secret',
        why: 'URL with a password in it',
        becomes: 'Secret value in Stripe',
        line: 4,
      },
      {
        variable: 'PRIVATE_KEY',
        variables: ['PRIVATE_KEY'],
        kind: 'secret',
        credentialName: 'PRIVATE_KEY',
        include: true,
        renamed: false,
        role: 'secret',
        why: 'Its name says secret',
        becomes: 'Secret value in Stripe',
        line: 6,
      },
      {
        variable: 'GITHUB_TOKEN',
        variables: ['GITHUB_TOKEN'],
        kind: 'api-key',
        credentialName: 'GITHUB_TOKEN',
        include: true,
        renamed: false,
        role: 'secret',
        why: 'Its name says secret',
        becomes: 'API key in Stripe, sent as Bearer',
        line: 7,
      },
    ]);
    expect(plan.preview.skipped).toEqual([{ variable: 'EMPTY', line: 5, reason: 'empty-value' }]);
    expect(JSON.stringify(plan.preview)).not.toMatch(/sk_test_123|ghp_|postgres/);
    expect(vault.saves).toBe(0);

    const result = await applyCredentialImport(vault, clock, plan, ['STRIPE_API_KEY', 'GITHUB_TOKEN', 'DATABASE_URL']);
    expect(result.credentials).toBe(3);
    expect(vault.saves).toBe(1);
    const ref = await store.resolve('latch://Stripe/GITHUB_TOKEN');
    expect(ref.credential).toMatchObject({
      kind: 'api-key',
      fields: { value: 'ghp_last', header: 'Authorization', prefix: 'Bearer ' },
    });
    expect((await store.resolve('Stripe/DATABASE_URL')).credential.fields).toEqual({
      name: 'DATABASE_URL',
      value: 'postgres://u:p@h/db',
    });
    expect(store.summaries()[0]?.credentials.map((c) => c.name)).toEqual([
      'STRIPE_API_KEY',
      'DATABASE_URL',
      'GITHUB_TOKEN',
    ]);
  });

  it('imports into an existing service, renaming and unticking clashing names', async () => {
    const { vault, store } = setup();
    const id = await store.createService({ name: 'Stripe' });
    await store.addCredential(id, { kind: 'secret', name: 'DATABASE_URL', fields: { name: 'D', value: 'old' } });
    const plan = await planEnvImport(vault, 'DATABASE_URL=new\nOTHER=x', 'stripe');
    expect(plan.preview.service).toEqual({ name: 'stripe', exists: true });
    expect(plan.preview.items[0]).toMatchObject({
      credentialName: 'DATABASE_URL (imported)',
      include: false,
      renamed: true,
    });
    await applyCredentialImport(vault, clock, plan, ['DATABASE_URL', 'OTHER']);
    const names = store.summaries()[0]?.credentials.map((c) => c.name);
    expect(names).toEqual(['DATABASE_URL', 'DATABASE_URL (imported)', 'OTHER']);
    expect((await store.resolve('Stripe/DATABASE_URL')).credential.fields).toMatchObject({ value: 'old' });
    expect(store.summaries()).toHaveLength(1);
  });

  it('refuses a bad file (nothing planned) and an unknown selection', async () => {
    const { vault } = setup();
    expect(await codeOf(planEnvImport(vault, 'A=1\nB', 'S'))).toBe('ERR_IMPORT_PARSE');
    const plan = await planEnvImport(vault, 'A_TOKEN=abc', 'S');
    expect(await codeOf(applyCredentialImport(vault, clock, plan, ['NOPE']))).toBe('ERR_BAD_INPUT');
    expect(vault.entries().size).toBe(0);
  });

  it('refuses a variable whose name is too long for a credential, leaving the service it would go into readable', async () => {
    const { vault, store } = setup();
    const id = await store.createService({ name: 'Existing' });
    await store.addCredential(id, { kind: 'bearer', name: 'pat', fields: { token: 'tok-1' } });
    const before = JSON.stringify([...vault.entries()]);
    const plan = await planEnvImport(vault, `${'A'.repeat(250)}_TOKEN=ghp_abc\n`, 'Existing');
    let error: unknown;
    await applyCredentialImport(vault, clock, plan).catch((e: unknown) => {
      error = e;
    });
    expect(error).toMatchObject({ code: 'ERR_BAD_INPUT', detail: { field: 'credentials.1.name' } });
    expect((error as Error).message).toMatch(/too long .*Nothing was imported/);
    expect(JSON.stringify([...vault.entries()])).toBe(before);
    expect((await store.body(id)).credentials.map((c) => c.name)).toEqual(['pat']);
  });

  it('keeps the whole import in the open vault when the save fails, for the holder to settle', async () => {
    const { vault, store } = setup();
    const id = await store.createService({ name: 'Existing' });
    await store.addCredential(id, { kind: 'bearer', name: 'pat', fields: { token: 'tok-1' } });
    const plan = await planEnvImport(vault, 'A_TOKEN=1\nB_PASSWORD=2', 'Existing');
    const failing = Object.assign(vault, {
      save: async () => {
        throw new LatchError('ERR_SAVE_FAILED', 'disk full');
      },
    });
    expect(await codeOf(applyCredentialImport(failing, clock, plan))).toBe('ERR_SAVE_FAILED');
    // Held, not put back: the app's "Reload and re-apply" saves exactly this, once.
    expect((await store.body(id)).credentials.map((c) => c.name)).toEqual(['pat', 'A_TOKEN', 'B_PASSWORD']);
    const fresh = await planEnvImport(vault, 'A_TOKEN=1', 'Brand new');
    expect(await codeOf(applyCredentialImport(failing, clock, fresh))).toBe('ERR_SAVE_FAILED');
    expect(store.summaries().map((s) => s.name)).toEqual(expect.arrayContaining(['Existing', 'Brand new']));
  });
});

describe('a realistic .env: secrets ticked, configuration not, an AWS key pair as one credential', () => {
  const REAL = [
    'NODE_ENV=production',
    'PORT=8080',
    'HOST=0.0.0.0',
    'LOG_LEVEL=info',
    'FEATURE_FLAG=true',
    'API_URL=https://api.example.com',
    'DATABASE_URL=postgres://u:p@h/db',
    'STRIPE_KEY=sk_live_51HxYzAbCdEfGhIjKlMnOpQr',
    'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
    'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLETOKEN',
    'AWS_REGION=eu-west-1',
    'PROD_AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE',
    'PROD_AWS_SECRET_ACCESS_KEY=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    'BACKUP_AWS_ACCESS_KEY_ID=AKIAJ55RH9EICEXAMPLE',
  ].join('\n');

  it('ticks the secrets and leaves configuration unticked, each row saying what it becomes', async () => {
    const { vault } = setup();
    const plan = await planEnvImport(vault, REAL, 'Shop');
    const rows = Object.fromEntries(plan.preview.items.map((i) => [i.variable, i]));
    for (const v of ['NODE_ENV', 'PORT', 'HOST', 'LOG_LEVEL', 'FEATURE_FLAG', 'API_URL'])
      expect(rows[v], v).toMatchObject({ role: 'configuration', include: false });
    expect(rows.DATABASE_URL).toMatchObject({ role: 'secret', include: true, why: 'URL with a password in it' });
    expect(rows.STRIPE_KEY).toMatchObject({
      role: 'secret',
      include: true,
      kind: 'api-key',
      why: 'Stripe live secret key',
      becomes: 'API key in Shop, sent as Bearer',
    });
    // Words differ per row: what it becomes, not "Variable" repeated.
    const words = new Set(plan.preview.items.filter((i) => i.include).map((i) => i.becomes));
    expect(words.size).toBeGreaterThan(2);
    expect(JSON.stringify(plan.preview)).not.toMatch(/sk_live_51|wJalrXUtnFEMI|IQoJb3J|je7MtGb/);
  });

  it('makes AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ token, region) one SigV4 credential, also under a prefix', async () => {
    const { vault, store } = setup();
    const plan = await planEnvImport(vault, REAL, 'Shop');
    const aws = plan.preview.items.filter((i) => i.kind === 'aws-sigv4');
    expect(aws.map((i) => [i.variable, i.variables, i.credentialName, i.include, i.becomes])).toEqual([
      [
        'AWS_ACCESS_KEY_ID',
        ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION'],
        'AWS',
        true,
        'SigV4 key pair in Shop (eu-west-1, with session token)',
      ],
      [
        'PROD_AWS_ACCESS_KEY_ID',
        ['PROD_AWS_ACCESS_KEY_ID', 'PROD_AWS_SECRET_ACCESS_KEY'],
        'PROD_AWS',
        true,
        'SigV4 key pair in Shop (us-east-1)',
      ],
    ]);
    // Not four variables: the pair's members are not rows of their own.
    const rowNames = plan.preview.items.map((i) => i.variable);
    for (const v of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'PROD_AWS_SECRET_ACCESS_KEY'])
      expect(rowNames).not.toContain(v);
    // A key ID without its secret is no pair: it stays a variable (a secret by its shape).
    expect(plan.preview.items.find((i) => i.variable === 'BACKUP_AWS_ACCESS_KEY_ID')).toMatchObject({
      kind: 'secret',
      role: 'secret',
      why: 'AWS access key ID',
    });

    // Choosing any variable of the pair chooses the pair (the command line's --only).
    const r = await applyCredentialImport(vault, clock, plan, ['AWS_SECRET_ACCESS_KEY', 'PROD_AWS_ACCESS_KEY_ID']);
    expect(r.credentials).toBe(2);
    expect((await store.resolve('Shop/AWS')).credential).toMatchObject({
      kind: 'aws-sigv4',
      fields: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
        region: 'eu-west-1',
        service: 's3',
      },
    });
    expect((await store.resolve('Shop/PROD_AWS')).credential.fields).toMatchObject({
      accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
      region: 'us-east-1',
    });
  });

  it("reads a Postman environment's camelCase AWS keys as a pair too", async () => {
    const { vault } = setup();
    const env = JSON.stringify({
      name: 'AWS env',
      values: [
        { key: 'awsAccessKeyId', value: 'AKIAIOSFODNN7EXAMPLE', enabled: true },
        { key: 'awsSecretAccessKey', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', enabled: true },
      ],
    });
    const plan = await planPostmanImport(vault, env, null, 'x');
    expect(plan.preview.items.map((i) => [i.kind, i.variables, i.credentialName])).toEqual([
      ['aws-sigv4', ['awsAccessKeyId', 'awsSecretAccessKey'], 'AWS'],
    ]);
  });

  it('unticks a pair whose name the service already has, and renames it', async () => {
    const { vault, store } = setup();
    const id = await store.createService({ name: 'Shop' });
    await store.addCredential(id, { kind: 'secret', name: 'aws', fields: { name: 'aws', value: 'old' } });
    const plan = await planEnvImport(vault, REAL, 'Shop');
    expect(plan.preview.items.find((i) => i.variable === 'AWS_ACCESS_KEY_ID')).toMatchObject({
      credentialName: 'AWS (imported)',
      renamed: true,
      include: false,
    });
  });
});

describe('Postman environment import', () => {
  const env = JSON.stringify({
    id: 'x',
    name: 'Acme API',
    values: [
      { key: 'baseUrl', value: 'https://api.acme.test', enabled: true, type: 'default' },
      { key: 'apiKey', value: 'acme-key-1', enabled: true, type: 'secret' },
      { key: 'oldToken', value: 'stale', enabled: false, type: 'secret' },
      { key: 'empty', value: '', enabled: true },
    ],
    _postman_variable_scope: 'environment',
  });

  it('previews with the environment name and unticks disabled variables', async () => {
    const { vault, store } = setup();
    const plan = await planPostmanImport(vault, env, null, 'fallback');
    expect(plan.preview.service.name).toBe('Acme API');
    expect(plan.preview.items.map((i) => [i.variable, i.kind, i.include])).toEqual([
      ['baseUrl', 'secret', false],
      ['apiKey', 'api-key', true],
      ['oldToken', 'api-key', false],
    ]);
    expect(plan.preview.skipped.map((s) => s.variable)).toEqual(['empty']);
    await applyCredentialImport(vault, clock, plan);
    expect((await store.resolve('latch://Acme API/apiKey')).credential.fields).toMatchObject({ value: 'acme-key-1' });
    expect(await codeOf(store.resolve('latch://Acme API/oldToken'))).toBe('ERR_NOT_FOUND');
  });

  it.each([
    ['{"name": "x", "values": [', undefined],
    ['[]', 'environment'],
    ['{"name":"x"}', 'values'],
    ['{"values":[{"key":1,"value":"v"}]}', 'values[0].key'],
    ['{"values":[{"key":"a","value":"v","enabled":"yes"}]}', 'values[0].enabled'],
    ['{"info":{},"item":[]}', 'info'],
  ])('refuses %s naming %s', (text, field) => {
    try {
      parsePostmanEnvironment(text);
      throw new Error('parsed');
    } catch (e) {
      expect((e as LatchError).code).toBe('ERR_IMPORT_PARSE');
      if (field) expect((e as LatchError).detail?.field).toBe(field);
      else expect((e as LatchError).detail?.line).toBe(1);
    }
  });

  it('never quotes the JSON text in a parse error', () => {
    try {
      parsePostmanEnvironment('{"values":[{"key":"k","value":"sk_live_999" oops}]}');
    } catch (e) {
      expect((e as Error).message).not.toContain('sk_live_999');
      expect((e as LatchError).detail).toMatchObject({ line: 1 });
    }
  });
});

describe('format detection', () => {
  it('tells the formats apart by content, then extension', () => {
    const b = (s: string) => Buffer.from(s);
    expect(detectImportFormat('x.bin', b('LATCHVLT\u0000\u0001rest'))).toBe('latch');
    expect(detectImportFormat('backup.latch', b('whatever'))).toBe('latch');
    expect(detectImportFormat('env.json', b('{"values":[]}'))).toBe('postman');
    expect(detectImportFormat('broken.json', b('{"values":'))).toBe('postman');
    expect(detectImportFormat('.env', b('A=1'))).toBe('env');
    expect(detectImportFormat('x', b('  \n# c\nA=1'))).toBe('env');
    expect(() => detectImportFormat('x.json', b('{"a":1}'))).toThrow(LatchError);
    expect(() => detectImportFormat('x', Buffer.from([1, 0, 2]))).toThrow(LatchError);
    expect(detectExportFormat('out.json')).toBe('json');
    expect(detectExportFormat('out.latch')).toBe('latch');
  });
});
