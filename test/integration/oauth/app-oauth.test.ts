/**
 * The app's OAuth side through the real dispatcher (the channels the renderer calls), against
 * oidc-provider: each grant signs in and saves its tokens, the flow log is redacted, refresh and
 * sign-out work, and deleting a credential revokes its tokens in the background (503 retried).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { refreshTokens } from '../../../main/core/oauth';
import type { ChannelName, EventName } from '../../../preload/contract';
import { nativeClient, type OidcProviderPeer, startOidcProvider } from '../../peers/oidc-provider';
import { reply, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { composeForTest } from '../../support/compose-for-test';
import { approveDevInteractions, launchBrowser, pageOpener, type TestBrowser } from './browser';

const dir = mkdtempSync(join(tmpdir(), 'latch-app-oauth-'));
let peer: OidcProviderPeer;
let browser: TestBrowser;
let revocation: ScriptedServer;
let app: ReturnType<typeof composeForTest>;
const events: { name: EventName; payload: unknown }[] = [];
let serviceId = '';

async function call<T = unknown>(channel: ChannelName, input: unknown): Promise<T> {
  const envelope = await app.dispatch(channel, input, { transport: 'browser-host' });
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
  return envelope.value as T;
}

async function addOAuth(name: string, fields: Record<string, unknown>): Promise<string> {
  const { id } = await call<{ id: string }>('credentials.add', { serviceId, kind: 'oauth2', name, fields });
  return id;
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
  app = composeForTest({
    dataDir: dir,
    clipboard: new MemoryClipboard(),
    browser: pageOpener(browser.page),
  });
  app.events.subscribe((name, payload) => events.push({ name, payload }));
  await call('vault.create', { password: 'app oauth test password', iterations: 100_000 });
  ({ id: serviceId } = await call<{ id: string }>('services.create', { service: { name: 'Local IdP' } }));
}, 60_000);

afterAll(async () => {
  await app?.services.vault.lock(false).catch(() => undefined);
  await Promise.all([browser?.close(), peer?.stop(), revocation?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

interface Info {
  status: string;
  hasRefreshToken: boolean;
  autoRefresh: boolean;
  obtainedAt: number | null;
  expiresAt: number | null;
}
interface Log {
  log: { flow: string; outcome: string; entries: { url: string; status: number; requestBody?: string }[] } | null;
}

describe('oauth.* channels', () => {
  it('client credentials: signs in, saves the token, logs the exchange with the secret redacted', async () => {
    const id = await addOAuth('machine', {
      issuer: peer.issuer,
      clientId: 'machine',
      clientSecret: 'machine-secret-value-1234',
      clientAuth: 'client_secret_post',
      grant: 'client_credentials',
      scopes: 'api:read',
    });
    const info = await call<Info>('oauth.signIn', { serviceId, credentialId: id });
    expect(info).toMatchObject({ status: 'valid', hasRefreshToken: false, autoRefresh: true });
    const { log } = await call<Log>('oauth.log', { serviceId, credentialId: id });
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
    const signingIn = call<Info>('oauth.signIn', { serviceId, credentialId: id });
    await approveDevInteractions(browser.page);
    const info = await signingIn;
    expect(info).toMatchObject({ status: 'valid', hasRefreshToken: true, autoRefresh: true });
    expect(events.some((e) => e.name === 'oauth.progress')).toBe(true);

    const refreshed = await call<Info>('oauth.refresh', { serviceId, credentialId: id });
    expect(refreshed.obtainedAt).toBeGreaterThanOrEqual(info.obtainedAt ?? 0);

    const before = await app.services.credentials.store().credential(serviceId, id);
    const config = OAuth2Fields.parse(before.credential.fields);
    const out = await call<{ revocation: string }>('oauth.signOut', { serviceId, credentialId: id });
    expect(out.revocation).toBe('queued');
    const list = await call<Info[]>('oauth.tokens', {});
    expect(list.find((t) => (t as Info & { credentialId: string }).credentialId === id)?.status).toBe('signed-out');
    await until(() => app.services.oauth.pendingRevocations === 0);
    // The server has forgotten the grant: the old refresh token no longer works.
    await expect(refreshTokens(config)).rejects.toMatchObject({ code: 'ERR_OAUTH_LOGIN_REQUIRED' });
  });

  it('device code: announces the user code with oauth.device, waits for approval, saves the tokens', async () => {
    const id = await addOAuth('tv', { issuer: peer.issuer, clientId: 'tv', grant: 'device_code', scopes: 'openid' });
    const signingIn = call<Info>('oauth.signIn', { serviceId, credentialId: id });
    await until(() => events.some((e) => e.name === 'oauth.device'));
    const device = events.find((e) => e.name === 'oauth.device')?.payload as {
      userCode: string;
      verificationUri: string;
    };
    expect((await call<unknown[]>('oauth.pendingDevice', {})).length).toBe(1);
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
    expect(await call<unknown[]>('oauth.pendingDevice', {})).toEqual([]);
  }, 60_000);

  it('cancel stops a sign-in waiting for the browser: ERR_CANCELLED', async () => {
    const id = await addOAuth('cancelled', { issuer: peer.issuer, clientId: 'desk', scopes: 'openid' });
    const signingIn = call('oauth.signIn', { serviceId, credentialId: id }).catch((e: unknown) => e);
    await until(() =>
      events.some(
        (e) =>
          e.name === 'oauth.progress' &&
          (e.payload as { credentialId: string }).credentialId === id &&
          (e.payload as { stage: string }).stage === 'browser-opened',
      ),
    );
    await call('oauth.cancel', { credentialId: id });
    expect(await signingIn).toMatchObject({ code: 'ERR_CANCELLED' });
  });

  it('deleting a credential returns at once; its tokens are revoked in the background, a 503 retried', async () => {
    const id = await addOAuth('doomed', {
      tokenEndpoint: `${revocation.url}/token`,
      revocationEndpoint: `${revocation.url}/revoke`,
      clientId: 'doomed-app',
    });
    await app.services.credentials.store().setTokens(serviceId, id, {
      accessToken: 'doomed-access-token',
      refreshToken: 'doomed-refresh-token',
      tokenType: 'Bearer',
      obtainedAt: Date.now(),
      expiresAt: Date.now() + 3_600_000,
    });
    // The server is down for the first attempt and says when to come back.
    revocation.script(reply(503, { 'retry-after': '1' }));
    const started = Date.now();
    await call('credentials.delete', { serviceId, credentialId: id });
    expect(Date.now() - started).toBeLessThan(1000);
    await until(() => revocation.seen.length >= 3 && app.services.oauth.pendingRevocations === 0, 20_000);
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
    const app2 = composeForTest({
      dataDir: dir2,
      clipboard: new MemoryClipboard(),
      browser: pageOpener(page),
      refreshRule: { beforeExpiryMs: 3_600_000 - 4_000, lifetimeFraction: 0, minAgeMs: 0 },
    });
    const seen: EventName[] = [];
    app2.events.subscribe((name) => seen.push(name));
    const call2 = async <T>(channel: ChannelName, input: unknown): Promise<T> => {
      const e = await app2.dispatch(channel, input, { transport: 'browser-host' });
      if (!e.ok) throw Object.assign(new Error(e.error.message), e.error);
      return e.value as T;
    };
    try {
      await call2('vault.create', { password: 'second app password', iterations: 100_000 });
      const { id: sid } = await call2<{ id: string }>('services.create', { service: { name: 'Rotating' } });
      const { id } = await call2<{ id: string }>('credentials.add', {
        serviceId: sid,
        kind: 'oauth2',
        name: 'desk',
        fields: { issuer: peer.issuer, clientId: 'desk', scopes: 'openid' },
      });
      const signingIn = call2<Info>('oauth.signIn', { serviceId: sid, credentialId: id });
      await approveDevInteractions(page);
      await signingIn;
      // The request tester refreshes (the server rotates the refresh token) and saves, quietly.
      const store = app2.services.credentials.store();
      const rotated = await refreshTokens((await store.credential(sid, id)).credential.fields as never);
      await store.setTokens(sid, id, rotated);
      await new Promise((r) => setTimeout(r, 6_000));
      expect(seen).not.toContain('oauth.loginRequired');
      const [info] = await call2<(Info & { lastError: string | null })[]>('oauth.tokens', {});
      expect(info).toMatchObject({ status: 'valid', lastError: null, autoRefresh: true });
    } finally {
      await app2.services.vault.lock(false);
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
    await app.services.credentials.store().setTokens(serviceId, id, {
      accessToken: 'later-access-token',
      tokenType: 'Bearer',
      obtainedAt: Date.now(),
    });
    const before = revocation.seen.length;
    revocation.script(reply(503, { 'retry-after': '3600' }));
    await call('credentials.delete', { serviceId, credentialId: id });
    await until(() => revocation.seen.length === before + 1);
    await until(() => app.services.oauth.pendingRevocations === 1);
    await app.services.vault.lock(false);
    // Locked: the job (a token) is no longer in memory, only in the encrypted vault.
    expect(app.services.oauth.pendingRevocations).toBe(0);
    await call('vault.unlock', { password: 'app oauth test password' });
    // Restored at unlock; its Retry-After is an hour away, so it waits.
    await until(() => app.services.oauth.pendingRevocations === 1);
    expect(revocation.seen.length).toBe(before + 1);
  });

  it('lock stops the scheduler: nothing is tracked afterwards', async () => {
    await app.services.vault.lock(false);
    const list = await app.dispatch('oauth.tokens', {}, { transport: 'browser-host' });
    expect(list).toMatchObject({ ok: false, error: { code: 'ERR_VAULT_LOCKED' } });
  });
});
