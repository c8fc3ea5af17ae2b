// One OAuth renewal per credential across processes (issue 18's audit): parallel `latch git-credential get`
// helpers (git fetch --jobs, parallel submodules) and the desktop app, against a token endpoint that rotates
// refresh tokens and, like Auth0 or Okta (RFC 9700 section 4.14.2), revokes the grant when one is used twice.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { nodeFileSystem } from '../../../main/core/vault/fs-port';
import { renewalLock } from '../../../main/core/vault/renewal-lock';
import { type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { appForTest } from '../../support/app-for-test';
import { type ToolEnv, toolEnv } from './tool-env';

const PARALLEL = 6;
let t: ToolEnv;
let idp: ScriptedServer;
let app: AppServices;
let serviceId = '';
let credentialId = '';

/** The token endpoint: counts refresh requests, rotates, and on reuse of a spent refresh token revokes it all. */
const endpoint = { refreshes: 0, current: 'rt-0', spent: new Set<string>(), revoked: false, issued: 0 };

function token(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const form = new URLSearchParams(body.toString('utf8'));
  const refusal = (error: string) => {
    res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error }));
  };
  if (req.url !== '/token' || form.get('grant_type') !== 'refresh_token') {
    refusal('unsupported_grant_type');
    return;
  }
  endpoint.refreshes++;
  const rt = form.get('refresh_token') ?? '';
  if (endpoint.spent.has(rt)) endpoint.revoked = true;
  if (endpoint.revoked || rt !== endpoint.current) {
    refusal('invalid_grant');
    return;
  }
  endpoint.spent.add(rt);
  endpoint.issued++;
  endpoint.current = `rt-${endpoint.issued}`;
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify({
      access_token: `at-${endpoint.issued}`,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: endpoint.current,
    }),
  );
}

/** Puts an expired access token (and the endpoint's current refresh token) in the vault, as a 2 s token would be. */
async function expire(): Promise<void> {
  const n = endpoint.issued;
  await app.credentials.setTokens(serviceId, credentialId, {
    accessToken: `at-${n}`,
    tokenType: 'Bearer',
    refreshToken: endpoint.current,
    obtainedAt: Date.now() - 60_000,
    expiresAt: Date.now() - 1_000,
  });
  endpoint.refreshes = 0;
}

async function stored() {
  const { credential } = await app.credentials.credential(serviceId, credentialId);
  return credential.kind === 'oauth2' ? credential.fields.tokens : undefined;
}

const gitGet = () => t.latch(['git-credential', 'get'], 'protocol=https\nhost=forge2.example\n\n');

beforeAll(async () => {
  [t, idp] = await Promise.all([toolEnv('renew'), startScriptedServer()]);
  idp.fallback = token;
  await t.unlock();
  // The desktop app's services on the same vault file (what the Electron main process runs).
  app = appForTest(t.dir);
  await app.vault.unlock({ password: t.password, useQuickUnlock: false, useBackup: false });
  serviceId = await app.credentials.createService({ name: 'Forge2', baseUrl: 'https://forge2.example' });
  credentialId = await app.credentials.addCredential(serviceId, {
    kind: 'oauth2',
    name: 'bot',
    fields: { clientId: 'forge-cli', tokenEndpoint: `${idp.url}/token`, authorizationEndpoint: `${idp.url}/auth` },
  });
}, 120_000);

afterAll(async () => {
  await app?.vault.lock(false).catch(() => undefined);
  await idp?.close();
  await t?.close();
});

describe('one renewal per credential across processes', () => {
  it(`${PARALLEL} parallel git-credential helpers: one refresh request, every helper answers the fresh token`, async () => {
    await expire();
    // The app is locked meanwhile: only the helpers race here.
    await app.vault.lock(false);
    const runs = await Promise.all(Array.from({ length: PARALLEL }, gitGet));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('password=at-1\n');
    }
    expect(endpoint).toMatchObject({ refreshes: 1, revoked: false });
    await app.vault.unlock({ password: t.password, useQuickUnlock: false, useBackup: false });
    expect(await stored()).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
  }, 120_000);

  it('the desktop app and helpers at once: still one refresh, the same fresh token everywhere', async () => {
    await expire();
    const [fromApp, ...runs] = await Promise.all([
      app.accessTokens.fresh(serviceId, credentialId),
      ...Array.from({ length: 3 }, gitGet),
    ]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('password=at-2\n');
    }
    expect(fromApp.tokens.accessToken).toBe('at-2');
    expect(endpoint).toMatchObject({ refreshes: 1, revoked: false });
    // The app's view, re-read from disk: the newest set, with the refresh token the endpoint holds valid.
    await app.vault.reload();
    expect(await stored()).toMatchObject({ accessToken: 'at-2', refreshToken: endpoint.current });
  }, 120_000);

  it("the user's Refresh in the app waits for a tool's renewal and spends the refresh token the tool got", async () => {
    await expire();
    // A tool in the middle of its renewal holds the lock.
    const release = await renewalLock(nodeFileSystem, app.vault.vault().path)(credentialId);
    let settled = false;
    const clicked = app.oauth.refresh(serviceId, credentialId).finally(() => {
      settled = true;
    });
    // Until the tool lets go, the Refresh sends nothing (before, it spent the refresh token at once).
    await new Promise((r) => setTimeout(r, 400));
    expect(endpoint.refreshes).toBe(0);
    expect(settled).toBe(false);
    await release();
    await clicked;
    expect(endpoint).toMatchObject({ refreshes: 1, revoked: false });

    // And at the same time as running helpers: each refresh token is spent once, whoever goes first.
    await expire();
    const [, ...runs] = await Promise.all([
      app.oauth.refresh(serviceId, credentialId),
      ...Array.from({ length: 3 }, gitGet),
    ]);
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/password=at-\d+\n/);
    }
    expect(endpoint.revoked).toBe(false);
    await app.vault.reload();
    expect(await stored()).toMatchObject({ refreshToken: endpoint.current });
  }, 120_000);
});
