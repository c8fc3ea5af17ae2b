/**
 * The app's OAuth use cases on the OAuthService itself (no transport: the channels are one-line
 * mappings, checked in test/unit/ipc/handler-mapping.test.ts), against oidc-provider: each grant
 * signs in and saves its tokens, the flow log is redacted, refresh and sign-out work, and deleting
 * a credential revokes its tokens in the background (503 retried).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { DomainEventName } from '../../../main/app/events';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { refreshTokens } from '../../../main/core/oauth';
import { nativeClient, type OidcProviderPeer, startOidcProvider } from '../../peers/oidc-provider';
import { reply, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { appForTest, createTestVault, TEST_PASSWORD } from '../../support/app-for-test';
import { approveDevInteractions, launchBrowser, pageOpener, type TestBrowser } from './browser';

const dir = mkdtempSync(join(tmpdir(), 'latch-app-oauth-'));
let peer: OidcProviderPeer;
let browser: TestBrowser;
let revocation: ScriptedServer;
let app: AppServices;
const events: { name: DomainEventName; payload: unknown }[] = [];
let serviceId = '';

function addOAuth(name: string, fields: Record<string, unknown>): Promise<string> {
  return app.credentials.addCredential(serviceId, { kind: 'oauth2', name, fields });
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [peer, browser, revocation] = await Promise.all([
    startOidcProvider({
      scopes: ['api:read'],
      clients: [
        nativeClient('desk'),
        {
          client_id: 'tv',
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
          response_types: [],
          redirect_uris: [],
        },
        nativeClient('machine', {
          token_endpoint_auth_method: 'client_secret_post',
          client_secret: 'machine-secret-value-1234',
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
        }),
      ],
    }),
    launchBrowser(),
    startScriptedServer(),
  ]);
  app = appForTest(dir, { browser: pageOpener(browser.page) });
  app.events.subscribe((name, payload) => events.push({ name, payload }));
  await createTestVault(app);
  serviceId = await app.credentials.createService({ name: 'Local IdP' });
}, 60_000);

afterAll(async () => {
  await app?.vault.lock(false).catch(() => undefined);
  await Promise.all([browser?.close(), peer?.stop(), revocation?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('the OAuth service', () => {
  it('client credentials: signs in, saves the token, logs the exchange with the secret redacted', async () => {
    const id = await addOAuth('machine', {
      issuer: peer.issuer,
      clientId: 'machine',
      clientSecret: 'machine-secret-value-1234',
      clientAuth: 'client_secret_post',
      grant: 'client_credentials',
      scopes: 'api:read',
    });
    const info = await app.oauth.signIn(serviceId, id);
    expect(info).toMatchObject({ status: 'valid', hasRefreshToken: false, autoRefresh: true });
    const [log] = app.oauth.logs(id);
    expect(log?.flow).toBe('client_credentials');
    expect(log?.outcome).toBe('ok');
    const token = log?.entries.find((e) => e.url.endsWith('/token'));
    expect(token?.status).toBe(200);
    expect(JSON.stringify(log)).not.toContain('machine-secret-value-1234');
    expect(token?.requestBody).toContain('client_secret=%5Bredacted%5D');
    expect(events.some((e) => e.name === 'oauth.changed')).toBe(true);
  });

  it('authorization code + PKCE in the browser; refresh; sign out revokes in the background', async () => {
    const id = await addOAuth('desk', { issuer: peer.issuer, clientId: 'desk', scopes: 'openid' });
    const signingIn = app.oauth.signIn(serviceId, id);
    await approveDevInteractions(browser.page);
    const info = await signingIn;
    expect(info).toMatchObject({ status: 'valid', hasRefreshToken: true, autoRefresh: true });
    expect(events.some((e) => e.name === 'oauth.progress')).toBe(true);

    const refreshed = await app.oauth.refresh(serviceId, id);
    expect(refreshed.obtainedAt).toBeGreaterThanOrEqual(info.obtainedAt ?? 0);

    const before = await app.credentials.store().credential(serviceId, id);
    const config = OAuth2Fields.parse(before.credential.fields);
    expect(await app.oauth.signOut(serviceId, id)).toBe('queued');
    const list = await app.oauth.tokens();
    expect(list.find((t) => t.credentialId === id)?.status).toBe('none');
    await until(() => app.oauth.pendingRevocations === 0);
    // The server has forgotten the grant: the old refresh token no longer works.
    await expect(refreshTokens(config)).rejects.toMatchObject({ code: 'ERR_OAUTH_LOGIN_REQUIRED' });
  });

  it('device code: announces the user code with oauth.device, waits for approval, saves the tokens', async () => {
    const id = await addOAuth('tv', { issuer: peer.issuer, clientId: 'tv', grant: 'device_code', scopes: 'openid' });
    const signingIn = app.oauth.signIn(serviceId, id);
    await until(() => events.some((e) => e.name === 'oauth.device'));
    const device = events.find((e) => e.name === 'oauth.device')?.payload as {
      userCode: string;
      verificationUri: string;
    };
    expect(app.oauth.pendingDevices()).toHaveLength(1);
    const page = browser.page;
    await page.goto(device.verificationUri);
    await page.fill('input[name="user_code"]', device.userCode);
    await page.click('button[type="submit"]');
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).first().click();
    const login = page.locator('input[name="login"]');
    const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
    await Promise.race([login.waitFor({ timeout: 10_000 }), consent.waitFor({ timeout: 10_000 })]);
    if (await login.isVisible()) await approveDevInteractions(page);
    else await consent.click();
    const info = await signingIn;
    expect(info.status).toBe('valid');
    expect(app.oauth.pendingDevices()).toEqual([]);
  }, 60_000);

  it('cancel stops a sign-in waiting for the browser: ERR_CANCELLED', async () => {
    const id = await addOAuth('cancelled', { issuer: peer.issuer, clientId: 'desk', scopes: 'openid' });
    const signingIn = app.oauth.signIn(serviceId, id).catch((e: unknown) => e);
    await until(() =>
      events.some(
        (e) =>
          e.name === 'oauth.progress' &&
          (e.payload as { credentialId: string }).credentialId === id &&
          (e.payload as { stage: string }).stage === 'browser-opened',
      ),
    );
    app.oauth.cancel(id);
    expect(await signingIn).toMatchObject({ code: 'ERR_CANCELLED' });
  });

  it('deleting a credential returns at once; its tokens are revoked in the background, a 503 retried', async () => {
    const id = await addOAuth('doomed', {
      tokenEndpoint: `${revocation.url}/token`,
      revocationEndpoint: `${revocation.url}/revoke`,
      clientId: 'doomed-app',
    });
    await app.credentials.store().setTokens(serviceId, id, {
      accessToken: 'doomed-access-token',
      refreshToken: 'doomed-refresh-token',
      tokenType: 'Bearer',
      obtainedAt: Date.now(),
      expiresAt: Date.now() + 3_600_000,
    });
    // The server is down for the first attempt and says when to come back.
    revocation.script(reply(503, { 'retry-after': '1' }));
    const started = Date.now();
    await app.credentials.deleteCredential(serviceId, id);
    expect(Date.now() - started).toBeLessThan(1000);
    await until(() => revocation.seen.length >= 3 && app.oauth.pendingRevocations === 0, 20_000);
    const bodies = revocation.seen.map((s) => new URLSearchParams(s.body.toString()));
    expect(bodies[0]?.get('token')).toBe('doomed-refresh-token');
    expect(bodies.some((b) => b.get('token') === 'doomed-access-token')).toBe(true);
    expect(bodies.filter((b) => b.get('token') === 'doomed-refresh-token').length).toBe(2);
  }, 30_000);

  it('the scheduler takes the stored tokens when something else rotated the refresh token meanwhile', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'latch-app-oauth-2-'));
    // A fresh browser profile: the shared page is already signed in at the provider.
    const context = await browser.browser.newContext();
    const page = await context.newPage();
    // Refresh 4 s after sign-in (1 h tokens, margin 1 h minus 4 s).
    const app2 = appForTest(dir2, {
      browser: pageOpener(page),
      refreshRule: { beforeExpiryMs: 3_600_000 - 4_000, lifetimeFraction: 0, minAgeMs: 0 },
    });
    const seen: DomainEventName[] = [];
    app2.events.subscribe((name) => seen.push(name));
    try {
      await createTestVault(app2);
      const sid = await app2.credentials.createService({ name: 'Rotating' });
      const id = await app2.credentials.addCredential(sid, {
        kind: 'oauth2',
        name: 'desk',
        fields: { issuer: peer.issuer, clientId: 'desk', scopes: 'openid' },
      });
      const signingIn = app2.oauth.signIn(sid, id);
      await approveDevInteractions(page);
      await signingIn;
      // The request tester refreshes (the server rotates the refresh token) and saves, quietly.
      const store = app2.credentials.store();
      const rotated = await refreshTokens((await store.credential(sid, id)).credential.fields as never);
      await store.setTokens(sid, id, rotated);
      await new Promise((r) => setTimeout(r, 6_000));
      expect(seen).not.toContain('oauth.loginRequired');
      const [info] = await app2.oauth.tokens();
      expect(info).toMatchObject({ status: 'valid', lastError: null, autoRefresh: true });
    } finally {
      await app2.vault.lock(false);
      await context.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  }, 40_000);

  it('pending revocations wait in the vault over a lock and run after the next unlock', async () => {
    const id = await addOAuth('doomed later', {
      tokenEndpoint: `${revocation.url}/token`,
      revocationEndpoint: `${revocation.url}/revoke`,
      clientId: 'doomed-app',
    });
    await app.credentials.store().setTokens(serviceId, id, {
      accessToken: 'later-access-token',
      tokenType: 'Bearer',
      obtainedAt: Date.now(),
    });
    const before = revocation.seen.length;
    revocation.script(reply(503, { 'retry-after': '3600' }));
    await app.credentials.deleteCredential(serviceId, id);
    await until(() => revocation.seen.length === before + 1);
    await until(() => app.oauth.pendingRevocations === 1);
    await app.vault.lock(false);
    // Locked: the job (a token) is no longer in memory, only in the encrypted vault.
    expect(app.oauth.pendingRevocations).toBe(0);
    await app.vault.unlock({ password: TEST_PASSWORD, useQuickUnlock: false, useBackup: false });
    // Restored at unlock; its Retry-After is an hour away, so it waits.
    await until(() => app.oauth.pendingRevocations === 1);
    expect(revocation.seen.length).toBe(before + 1);
  });

  it('lock stops the scheduler: nothing is tracked afterwards', async () => {
    await app.vault.lock(false);
    await expect(app.oauth.tokens()).rejects.toMatchObject({ code: 'ERR_VAULT_LOCKED' });
  });
});
