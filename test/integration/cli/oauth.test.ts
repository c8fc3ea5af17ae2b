import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { systemClock } from '../../../main/core/platform';
import { openVault } from '../../../main/core/vault/open';
import {
  completeDevInteractions,
  nativeClient,
  type OidcProviderPeer,
  startOidcProvider,
} from '../../peers/oidc-provider';
import { latch } from './run-latch';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'latch-cli-oauth-'));
const vault = join(dir, 'oauth.latch');
const PASSWORD = 'oauth test password';
const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: vault };
let peer: OidcProviderPeer;

beforeAll(async () => {
  peer = await startOidcProvider({
    scopes: ['api:read'],
    clients: [
      nativeClient('machine', {
        token_endpoint_auth_method: 'client_secret_basic',
        client_secret: 'machine-secret-value',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      }),
      nativeClient('cli-app'),
    ],
  });
  const init = await latch(['init', '--password-stdin', '--iterations', '100000'], { stdin: `${PASSWORD}\n`, env });
  expect(init.code).toBe(0);
  const v = await openVault({ path: vault, password: PASSWORD });
  const store = new ServiceStore(v, systemClock);
  const id = await store.createService({ name: 'local-idp' });
  await store.addCredential(id, {
    kind: 'oauth2',
    name: 'machine',
    fields: {
      issuer: peer.issuer,
      clientId: 'machine',
      clientSecret: 'machine-secret-value',
      clientAuth: 'client_secret_basic',
      grant: 'client_credentials',
      scopes: 'api:read',
    },
  });
  await store.addCredential(id, {
    kind: 'oauth2',
    name: 'user',
    fields: { issuer: peer.issuer, clientId: 'cli-app', scopes: 'openid' },
  });
  await store.addCredential(id, {
    kind: 'jwt-signer',
    name: 'signer',
    fields: {
      algorithm: 'HS256',
      key: 'a signer secret that is 32 bytes+',
      issuer: 'latch-cli-test',
      lifetimeSeconds: 120,
    },
  });
  v.lock();
}, 60_000);

afterAll(async () => {
  await peer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => latch([...args, '--password-stdin'], { stdin: `${PASSWORD}\n`, env });

describe('latch token / oauth', () => {
  it('latch token: a client credentials token, obtained and saved, then printed again without a request', async () => {
    const first = await run(['token', 'latch://local-idp/machine']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const token = first.stdout.trim();
    expect(token.length).toBeGreaterThan(10);
    // The saved token is still valid: the same one comes back.
    const again = await run(['token', 'latch://local-idp/machine', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ accessToken: token, refreshed: false });
  });

  it('latch add --field audience/resource/param.NAME keeps the extra request parameters; a reserved name exits 2', async () => {
    const added = await run([
      'add',
      'local-idp',
      '--kind',
      'oauth2',
      '--name',
      'with-params',
      '--field',
      `issuer=${peer.issuer}`,
      '--field',
      'clientId=cli-app',
      '--field',
      'audience=https://api.acme.com',
      '--field',
      'resource=https://api.example.com/',
      '--field',
      'param.organization=org_1',
      '--field',
      'param.prompt=consent',
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const refused = await run([
      'add',
      'local-idp',
      '--kind',
      'oauth2',
      '--name',
      'evil',
      '--field',
      'clientId=x',
      '--field',
      'param.client_id=someone',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/extraParams/);
    const v = await openVault({ path: vault, password: PASSWORD });
    try {
      const store = new ServiceStore(v, systemClock);
      const { credential } = await store.resolve('latch://local-idp/with-params');
      expect(credential.fields).toMatchObject({
        audience: 'https://api.acme.com',
        resource: 'https://api.example.com/',
        extraParams: 'organization=org_1&prompt=consent',
      });
      await expect(store.resolve('latch://local-idp/evil')).rejects.toThrow();
    } finally {
      v.lock();
    }
  });

  it('latch token exits 4 when a sign-in is needed', async () => {
    const r = await run(['token', 'latch://local-idp/user']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/latch oauth login/);
  });

  it('latch oauth login --no-browser prints the URL; completing it saves tokens that latch token prints', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'main/cli/index.ts'),
        'oauth',
        'login',
        'latch://local-idp/user',
        '--no-browser',
        '--password-stdin',
      ],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    child.stdin.end(`${PASSWORD}\n`);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${stderr}`)), 30_000);
      child.stdout.on('data', (d) => {
        stdout += d;
        const line = stdout.split('\n').find((l) => l.startsWith('http'));
        if (line) {
          clearTimeout(timer);
          resolve(line.trim());
        }
      });
    });
    expect(url.startsWith(`${peer.issuer}/`)).toBe(true);
    const u = new URL(url);
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(u.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const callback = await completeDevInteractions(url);
    const answer = await fetch(callback);
    expect(answer.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toMatch(/Signed in/);
    expect(code).toBe(0);
    const token = await run(['token', 'latch://local-idp/user', '--json']);
    expect(token.code).toBe(0);
    expect(JSON.parse(token.stdout)).toMatchObject({ refreshed: false });
  }, 60_000);

  it('latch oauth revoke removes the tokens; latch token then needs a sign-in again', async () => {
    const r = await run(['oauth', 'revoke', 'latch://local-idp/user']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const t = await run(['token', 'latch://local-idp/user']);
    expect(t.code).toBe(4);
  });
});

describe('latch jwt', () => {
  const secret = 'c2VjcmV0IHRoYXQgbG9va3MgbGlrZSBiYXNlNjQ=';
  const sign = (exp: number) =>
    new SignJWT({ sub: 'alice' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(exp - 600)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));

  it('verify fails on an expired token with a non-zero exit and the reason', async () => {
    const token = await sign(Math.floor(Date.now() / 1000) - 60);
    const r = await latch(['jwt', 'verify', token, '--secret', '-'], { stdin: secret });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/invalid: expired/);
  });

  it('refuses an HMAC secret typed as an argument, without echoing it', async () => {
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    const r = await latch(['jwt', 'verify', token, '--secret', secret]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--insecure-argv');
    expect(r.stderr).not.toContain(secret);
    const both = await latch(['jwt', 'verify', '-', '--secret', '-'], { stdin: token });
    expect(both.code).toBe(2);
  });

  it('verify accepts a valid token with the secret as text (never base64-decoded), and refuses a wrong secret', async () => {
    const token = await sign(Math.floor(Date.now() / 1000) + 600);
    const ok = await latch(['jwt', 'verify', token, '--secret', '-'], { stdin: secret });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^valid \(HS256/);
    const decodedSecret = Buffer.from(secret, 'base64').toString('utf8');
    const bad = await latch(['jwt', 'verify', token, '--secret', '-'], { stdin: `${decodedSecret}\n` });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid: bad-signature/);
  });

  it('sign ad hoc with --claim, then decode and verify it', async () => {
    const signed = await latch([
      'jwt',
      'sign',
      '--alg',
      'HS256',
      '--secret',
      'a-shared-secret-of-32-bytes-long!',
      '--insecure-argv',
      '--claim',
      'role=admin',
      '--claim',
      'n=3',
      '--sub',
      'bob',
    ]);
    expect(signed.code).toBe(0);
    expect(signed.stderr).toMatch(/warning: --secret on the command line/);
    const token = signed.stdout.trim();
    const decoded = await latch(['jwt', 'decode', token, '--json']);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toMatchObject({
      claims: { role: 'admin', n: 3, sub: 'bob' },
      header: { alg: 'HS256' },
    });
    const verified = await latch(['jwt', 'verify', token, '--secret', '-'], {
      stdin: 'a-shared-secret-of-32-bytes-long!',
    });
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  });

  it('verify with a PEM key file and with a JWKS URL; sign from a JWT signer credential', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const token = await new SignJWT({ sub: 'carol' })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setExpirationTime('10m')
      .sign(privateKey);
    const pem = join(dir, 'public.pem');
    writeFileSync(pem, await exportSPKI(publicKey));
    const byFile = await latch(['jwt', 'verify', token, '--key', pem]);
    expect(byFile.code).toBe(0);
    expect(byFile.stdout).toMatch(/^valid \(RS256, kid rsa-1/);

    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' }] };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const byJwks = await latch(['jwt', 'verify', token, '--jwks', url]);
      expect(byJwks.code).toBe(0);
      // An HS256 token against an RSA key set: refused for its algorithm, not tried.
      const hs = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('x'.repeat(32)));
      const wrong = await latch(['jwt', 'verify', hs, '--jwks', url]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/invalid: wrong-alg/);
    } finally {
      server.close();
    }

    const signed = await run(['jwt', 'sign', 'latch://local-idp/signer', '--claim', 'role=dev']);
    expect(signed.code).toBe(0);
    const decoded = await latch(['jwt', 'decode', signed.stdout.trim(), '--json']);
    expect(JSON.parse(decoded.stdout)).toMatchObject({ claims: { iss: 'latch-cli-test', role: 'dev' } });
    const ok = await run(['jwt', 'verify', signed.stdout.trim(), '--secret', 'latch://local-idp/signer/key']);
    expect(ok.code).toBe(0);
  });
});
