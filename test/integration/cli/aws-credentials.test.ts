import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StsLikeServer, startStsLike } from '../../peers/sts-like';
import { plantValue } from './no-secret-on-disk';
import { type ToolEnv, toolEnv } from './tool-env';

const rand = (n: number) => randomBytes(n).toString('hex').toUpperCase();
const LONG = { accessKeyId: `AKIA${rand(8)}`, secretAccessKey: plantValue(`secret/${rand(16)}`) };
const ROLE_TEMP = {
  accessKeyId: `ASIA${rand(8)}`,
  secretAccessKey: plantValue(`temp/${rand(16)}`),
  sessionToken: plantValue(`token-${rand(24)}`),
  expiration: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
};
const ROLE_ARN = 'arn:aws:iam::123456789012:role/deploy';
let t: ToolEnv;
let sts: StsLikeServer;
let awsHome: string;

/** Runs a program with HOME holding an AWS config whose profiles call latch (the built entry point on PATH). */
function run(cmd: string, args: string[]) {
  return t.program([cmd, ...args], {
    env: {
      HOME: awsHome,
      AWS_CONFIG_FILE: join(awsHome, '.aws/config'),
      AWS_SHARED_CREDENTIALS_FILE: join(awsHome, '.aws/credentials'),
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
}

beforeAll(async () => {
  t = await toolEnv('aws');
  sts = await startStsLike(LONG, ROLE_TEMP);
  awsHome = join(t.dir, 'aws-home');
  mkdirSync(join(awsHome, '.aws'), { recursive: true });
  writeFileSync(
    join(awsHome, '.aws/config'),
    [
      '[profile latch]',
      'credential_process = latch aws-credentials latch://AWS/dev',
      '',
      '[profile role]',
      'credential_process = latch aws-credentials latch://AWS/deploy',
      '',
    ].join('\n'),
  );
  for (const [name, extra] of [
    ['dev', []],
    ['deploy', ['--field', `roleArn=${ROLE_ARN}`]],
  ] as const) {
    const add = await t.withPassword(
      [
        'add',
        'AWS',
        '--kind',
        'aws-sigv4',
        '--name',
        name,
        '--field',
        `accessKeyId=${LONG.accessKeyId}`,
        '--field',
        'region=eu-west-1',
        '--field',
        'service=sts',
        '--field',
        'secretAccessKey=-',
        ...extra,
      ],
      `${LONG.secretAccessKey}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
  }
  await t.unlock();
});

afterAll(async () => {
  await sts?.close();
  await t?.close();
});

describe('latch aws-credentials as credential_process', () => {
  it('Debian awscli: aws configure export-credentials --profile latch returns the vault keys', async () => {
    const r = await run('/usr/bin/aws', [
      'configure',
      'export-credentials',
      '--profile',
      'latch',
      '--format',
      'process',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      Version: 1,
      AccessKeyId: LONG.accessKeyId,
      SecretAccessKey: LONG.secretAccessKey,
    });
  });

  it('python3-botocore session: the role profile gets temporary keys from STS AssumeRole signed with SigV4', async () => {
    const py = `
import botocore, botocore.session, json
c = botocore.session.Session(profile='role').get_credentials().get_frozen_credentials()
print(json.dumps({'a': c.access_key, 's': c.secret_key, 't': c.token, 'from': botocore.__file__}))`;
    // Debian's python3 with its python3-botocore, what the issue names; a python3 earlier on PATH (pyenv, a
    // virtualenv) would test a pip botocore instead.
    const r = await run('/usr/bin/python3', ['-c', py]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      a: ROLE_TEMP.accessKeyId,
      s: ROLE_TEMP.secretAccessKey,
      t: ROLE_TEMP.sessionToken,
      from: expect.stringMatching(/^\/usr\/lib\/python3\/dist-packages\/botocore\//),
    });
    expect(sts.assumed).toContainEqual({ roleArn: ROLE_ARN, sessionName: 'latch' });
  });

  it('prints the documented JSON (with Expiration for temporary keys); a wrong signature is refused by the STS stand-in', async () => {
    const r = await run('latch', ['aws-credentials', 'latch://AWS/deploy']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      Version: 1,
      AccessKeyId: ROLE_TEMP.accessKeyId,
      SecretAccessKey: ROLE_TEMP.secretAccessKey,
      SessionToken: ROLE_TEMP.sessionToken,
      Expiration: new Date(ROLE_TEMP.expiration).toISOString(),
    });
    const forged = await fetch(`${sts.url}/`, {
      method: 'POST',
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${LONG.accessKeyId}/20260101/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      },
      body: 'Action=AssumeRole',
    });
    expect(forged.status).toBe(403);
    // One walk of the disk for the three values (each walk reads the whole shared temp folder).
    expect(t.filesHolding([LONG.secretAccessKey, ROLE_TEMP.secretAccessKey, ROLE_TEMP.sessionToken])).toEqual([]);
  });
});

it('leaves no planted value (master password included) in HOME, the test folder or the temp folder, in any encoding', () => {
  expect(t.plantedOnDisk()).toEqual([]);
});
