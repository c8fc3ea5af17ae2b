/**
 * OAuth from the UI against a real OpenID provider (oidc-provider in process): authorization
 * code + PKCE through a second Playwright page standing in for the user's browser, then the
 * token's countdown and its refresh by the scheduler (20 s access tokens, 10 s margin), the
 * request log, and the JWT decoder.
 */

import type { Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { createHostApp, type HostApp } from '../host/host-app';
import { approveDevInteractions } from '../integration/oauth/browser';
import { nativeClient, type OidcProviderPeer, startOidcProvider } from '../peers/oidc-provider';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

const ACCESS_TTL_S = 20;
const host = { transport: 'browser-host' } as const;

/** "1:05:09" / "0:17" → seconds. */
function seconds(text: string | null): number {
  const parts = (text ?? '').trim().split(':').map(Number);
  return parts.reduce((acc, n) => acc * 60 + n, 0);
}

async function countdownOf(page: Page): Promise<number> {
  return seconds(await page.getByTestId('oauth-countdown').first().textContent());
}

test.describe('OAuth & JWT', () => {
  let peer: OidcProviderPeer;
  let app: HostApp | undefined;

  test.beforeAll(async () => {
    peer = await startOidcProvider({
      clients: [
        nativeClient('latch-e2e'),
        {
          client_id: 'latch-tv',
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
          response_types: [],
          redirect_uris: [],
        },
      ],
      ttl: { AccessToken: ACCESS_TTL_S, IdToken: 600 },
    });
  });
  test.afterAll(async () => {
    await peer?.stop();
  });
  test.afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  test('sign in with authorization code + PKCE in the browser, watch the countdown and the refresh', async ({
    page,
    browser,
    dataDir,
  }) => {
    test.setTimeout(90_000);
    // The "system browser": a second page, offline but for 127.0.0.1.
    const idpContext = await browser.newContext();
    await idpContext.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
    });
    const idp = await idpContext.newPage();
    const opened: string[] = [];
    app = await createHostApp({
      dataDir,
      refreshMarginMs: 10_000,
      browser: {
        open: async (url) => {
          opened.push(url);
          void idp.goto(url).catch(() => undefined);
        },
      },
    });

    await page.goto(app.url);
    await createVaultThroughUi(page);
    const created = await app.composed.dispatch(
      'services.create',
      { service: { name: 'Local IdP' } },
      { transport: 'browser-host' },
    );
    if (!created.ok) throw new Error(created.error.message);
    const serviceId = (created.value as { id: string }).id;
    const added = await app.composed.dispatch(
      'credentials.add',
      {
        serviceId,
        kind: 'oauth2',
        name: 'Developer login',
        fields: { issuer: peer.issuer, clientId: 'latch-e2e', scopes: 'openid' },
      },
      { transport: 'browser-host' },
    );
    expect(added.ok).toBe(true);

    await page.getByRole('button', { name: 'OAuth & JWT' }).click();
    const row = page.getByTestId('oauth-row').filter({ hasText: 'Developer login' });
    await expect(row.getByTestId('oauth-status')).toHaveText('Signed out');

    await row.getByRole('button', { name: 'Sign in', exact: true }).click();
    await approveDevInteractions(idp);
    await expect(idp.getByText(/signed in|you can close/i).first()).toBeVisible({ timeout: 15_000 });
    expect(opened).toHaveLength(1);
    const authUrl = new URL(opened[0] ?? '');
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');

    // A 20 s token is inside the 5-minute window: "Expiring", with a live countdown.
    await expect(row.getByTestId('oauth-status')).toHaveText('Expiring', { timeout: 15_000 });
    await expect(row).toContainText('refresh token saved');
    const first = await countdownOf(page);
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThanOrEqual(ACCESS_TTL_S);
    await screenshot(page, 'oauth-signed-in');
    // It counts down: polled, not read after a fixed wait (a refresh due meanwhile jumps it back up).
    let later = first;
    await expect.poll(async () => (later = await countdownOf(page))).toBeLessThan(first);

    // The scheduler refreshes 10 s before expiry: the countdown jumps back up to about 20 s.
    let lowest = later;
    await expect
      .poll(
        async () => {
          const value = await countdownOf(page);
          const jumped = value > lowest + 3;
          lowest = Math.min(lowest, value);
          return jumped;
        },
        { timeout: 25_000, intervals: [500] },
      )
      .toBe(true);
    expect(lowest).toBeLessThanOrEqual(ACCESS_TTL_S - 8);
    await expect(row.getByTestId('oauth-status')).toHaveText('Expiring');

    // The request log of the refresh: the token endpoint answered 200, its answer shown with the
    // tokens masked, in whole milliseconds; the sign-in before it is still there to choose.
    await row.getByRole('button', { name: 'Request log' }).click();
    const dialog = page.getByRole('dialog', { name: /Request log/ });
    await expect(dialog).toContainText('refresh');
    await expect(dialog).toContainText(/\/token/);
    await expect(dialog.getByTestId('oauth-log-answer').first()).toHaveText('200');
    for (const time of await dialog.getByTestId('oauth-log-time').allTextContents())
      expect(time).toMatch(/^(\d+ ms|\d+\.\d+ s|—)$/);
    await dialog
      .getByRole('button', { name: /^POST .*\/token: show/ })
      .first()
      .click();
    await expect(dialog.getByTestId('oauth-log-response')).toContainText('"access_token": "[redacted]"');
    await expect(dialog.getByTestId('oauth-log-response')).toContainText('"refresh_token": "[redacted]"');
    const flows = dialog.getByLabel(/^Flow/);
    expect(await flows.locator('option').count()).toBeGreaterThanOrEqual(2);
    await flows.selectOption({ label: (await flows.locator('option').last().textContent()) ?? '' });
    await expect(dialog).toContainText('authorization_code');
    // The browser's redirect back to Latch is one entry, its code masked.
    await expect(dialog).toContainText('code=%5Bredacted%5D');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await idpContext.close();

    // A refused call reads as refused: the server's status, error and answer.
    const broken = await app.composed.dispatch(
      'credentials.add',
      {
        serviceId,
        kind: 'oauth2',
        name: 'Broken machine',
        fields: {
          issuer: peer.issuer,
          clientId: 'latch-e2e',
          clientSecret: 'not-the-secret',
          clientAuth: 'client_secret_post',
          grant: 'client_credentials',
        },
      },
      { transport: 'browser-host' },
    );
    expect(broken.ok).toBe(true);
    const brokenRow = page.getByTestId('oauth-row').filter({ hasText: 'Broken machine' });
    await brokenRow.getByRole('button', { name: 'Sign in', exact: true }).click();
    await brokenRow.getByRole('button', { name: 'Request log' }).click();
    const refused = page.getByRole('dialog', { name: /Request log.*Broken machine/ });
    await expect(refused.getByTestId('oauth-log-answer').last()).toHaveText(/^40\d [a-z_]+$/);
    await expect(refused.locator('.badge').filter({ hasText: 'failed' }).first()).toBeVisible();
    await refused.getByRole('button', { name: /^POST .*\/token: show/ }).click();
    const error = ((await refused.getByTestId('oauth-log-answer').last().textContent()) ?? '').split(' ')[1] ?? '';
    await expect(refused.getByTestId('oauth-log-response')).toContainText(`"error": "${error}"`);
    await expect(refused.getByTestId('oauth-log-request')).toContainText('client_secret=%5Bredacted%5D');
    await screenshot(page, 'oauth-request-log-refused');
    await page.setViewportSize({ width: 900, height: 700 });
    await screenshot(page, 'oauth-request-log-refused-900');
    await page.setViewportSize({ width: 1280, height: 800 });
    await refused.getByRole('button', { name: 'Close' }).click();

    // One token status everywhere: the OAuth page, the services list and the service card say the same.
    const onOAuthPage = await row.getByTestId('token-status').textContent();
    expect(onOAuthPage).toBe('Expiring');
    await page.getByRole('button', { name: 'Services', exact: true }).click();
    const serviceRow = page.getByTestId('service-row').filter({ hasText: 'Local IdP' });
    await expect(serviceRow.getByTestId('token-status').first()).toHaveText(onOAuthPage ?? '');
    await serviceRow.click();
    const card = page.getByTestId('credential-card').filter({ hasText: 'Developer login' });
    await expect(card.getByTestId('token-status')).toHaveText(onOAuthPage ?? '');
    await screenshot(page, 'token-status-service-card');
  });

  test('device code: the panel shows the user code and link; approving it signs in', async ({
    page,
    browser,
    dataDir,
  }) => {
    test.setTimeout(90_000);
    const opened: string[] = [];
    app = await createHostApp({ dataDir, browser: { open: async (url) => void opened.push(url) } });
    await page.goto(app.url);
    await createVaultThroughUi(page);
    const created = await app.composed.dispatch(
      'services.create',
      { service: { name: 'TV IdP' } },
      { transport: 'browser-host' },
    );
    if (!created.ok) throw new Error(created.error.message);
    await app.composed.dispatch(
      'credentials.add',
      {
        serviceId: (created.value as { id: string }).id,
        kind: 'oauth2',
        name: 'Device login',
        fields: { issuer: peer.issuer, clientId: 'latch-tv', grant: 'device_code', scopes: 'openid' },
      },
      { transport: 'browser-host' },
    );
    await page.getByRole('button', { name: 'OAuth & JWT' }).click();
    const row = page.getByTestId('oauth-row').filter({ hasText: 'Device login' });
    await row.getByRole('button', { name: 'Sign in', exact: true }).click();
    const code = page.getByTestId('device-user-code');
    await expect(code).toHaveText(/\S/);
    const panel = page.getByRole('region', { name: 'Device sign-in' });
    // The page names the sign-in by id; main opens the verification page it received.
    const link = panel.getByRole('button', { name: `${peer.issuer}/device` });
    await expect(link).toBeVisible();
    await link.click();
    await expect.poll(() => opened).toEqual([`${peer.issuer}/device`]);
    await expect(row.getByText('Signing in…')).toBeVisible();
    await screenshot(page, 'oauth-device');

    // The user types the code on "another device".
    const other = await browser.newContext();
    await other.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
    );
    const tv = await other.newPage();
    await tv.goto(`${peer.issuer}/device`);
    await tv.fill('input[name="user_code"]', (await code.textContent()) ?? '');
    await tv.click('button[type="submit"]');
    await tv.locator('button[type="submit"]', { hasText: 'Continue' }).first().click();
    await approveDevInteractions(tv);
    await expect(row.getByTestId('oauth-status')).toHaveText('Expiring', { timeout: 30_000 });
    await expect(code).toHaveCount(0);
    await other.close();
  });

  test('new OAuth client from a preset', async ({ page, dataDir }) => {
    app = await createHostApp({ dataDir });
    await page.goto(app.url);
    await createVaultThroughUi(page);
    await page.getByRole('button', { name: 'OAuth & JWT' }).click();
    // One name everywhere: the page says what the sidebar says.
    await expect(page.getByRole('heading', { level: 1, name: 'OAuth & JWT' })).toBeVisible();
    await page.getByRole('button', { name: 'New OAuth client' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New OAuth client' });

    // GitHub: the browser sign-in needs the secret (client_secret_post), the redirect URI is
    // main's own loopback one, and GitHub accepts any port on it.
    await dialog.getByLabel('Provider').selectOption('github');
    await expect(dialog.getByLabel('Client authentication')).toHaveValue('client_secret_post');
    await expect(dialog).toContainText('Enable Device Flow');
    await expect(dialog.getByTestId('oauth-redirect-uri')).toHaveText('http://127.0.0.1/callback');
    await expect(dialog.getByTestId('oauth-redirect-note')).toContainText('any port');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await dialog.getByRole('button', { name: 'Copy redirect URI http://127.0.0.1/callback' }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('http://127.0.0.1/callback');
    // A fixed redirect is shown exactly; one off this computer is refused by main as it is typed.
    await dialog.getByLabel('Redirect URI (optional)').fill('http://127.0.0.1:8765/cb');
    await expect(dialog.getByTestId('oauth-redirect-uri')).toHaveText('http://127.0.0.1:8765/cb');
    await dialog.getByLabel('Redirect URI (optional)').fill('https://example.com/cb');
    await expect(dialog.getByRole('alert')).toContainText('this computer');
    await dialog.getByLabel('Redirect URI (optional)').fill('');
    // Entra's preset uses localhost, whose port Entra ignores.
    await dialog.getByLabel('Provider').selectOption('microsoft');
    await expect(dialog.getByTestId('oauth-redirect-uri')).toHaveText('http://localhost/callback');
    await expect(dialog.getByLabel('Client authentication')).toHaveValue('none');
    await screenshot(page, 'oauth-new-client-redirect');
    // No browser, no redirect: the device grant hides it.
    await dialog.getByLabel('Grant').selectOption('device_code');
    await expect(dialog.getByTestId('oauth-redirect')).toHaveCount(0);
    await dialog.getByLabel('Grant').selectOption('authorization_code');

    await dialog.getByLabel('Provider').selectOption('gitlab');
    await expect(dialog.getByLabel('Scopes')).toHaveValue('openid read_user');
    await dialog.getByLabel('GitLab URL').fill('http://gitlab.example.com');
    await dialog.getByLabel('Client ID').fill('gl-client-id');
    await dialog.getByLabel('Client secret', { exact: true }).fill('gl-secret');
    await dialog.getByLabel('Client authentication').selectOption('client_secret_basic');
    await dialog.getByRole('button', { name: 'Add client' }).click();
    // The preset refuses a non-https base URL, and says so.
    await expect(dialog.getByRole('alert')).toContainText('https');
    await dialog.getByLabel('GitLab URL').fill('https://gitlab.example.com');
    await dialog.getByRole('button', { name: 'Add client' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId('oauth-row').filter({ hasText: 'GitLab' });
    await expect(row.getByTestId('oauth-status')).toHaveText('Signed out');
    await expect(row).toContainText('https://gitlab.example.com');
    // The client is named after its provider, not "OAuth".
    const listed = await app.composed.dispatch('services.list', {}, { transport: 'browser-host' });
    const names = listed.ok
      ? (listed.value as { credentials: { name: string }[] }[]).flatMap((s) => s.credentials)
      : [];
    expect(names.map((c) => c.name)).toEqual(['GitLab']);
    // The chosen client authentication is the one stored (main's token calls use it).
    const serviceId = listed.ok ? (listed.value as { id: string }[])[0]?.id : undefined;
    const got = await app.composed.dispatch('services.get', { id: serviceId }, { transport: 'browser-host' });
    const cred = got.ok ? (got.value as { credentials: { fields: Record<string, unknown> }[] }).credentials[0] : null;
    expect(cred?.fields.clientAuth).toBe('client_secret_basic');
    await expect(row.getByTestId('oauth-redirect-uri')).toHaveText('http://127.0.0.1/callback');
  });

  test('a long browser sign-in says what it waits for; Cancel ends it', async ({ page, dataDir }) => {
    const opened: string[] = [];
    app = await createHostApp({
      dataDir,
      signInPatienceMs: 50,
      browser: { open: async (url) => void opened.push(url) },
    });
    await page.goto(app.url);
    await createVaultThroughUi(page);
    const created = await app.composed.dispatch('services.create', { service: { name: 'Slow IdP' } }, host);
    if (!created.ok) throw new Error(created.error.message);
    const fields = {
      authorizationEndpoint: 'https://login.slow.example/authorize',
      tokenEndpoint: 'https://login.slow.example/token',
      clientId: 'desk',
    };
    const serviceId = (created.value as { id: string }).id;
    await app.composed.dispatch('credentials.add', { serviceId, kind: 'oauth2', name: 'Desk', fields }, host);
    await page.getByRole('button', { name: 'OAuth & JWT' }).click();
    const row = page.getByTestId('oauth-row').filter({ hasText: 'Desk' });
    await row.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(row.getByTestId('oauth-waiting')).toContainText(
      'Waiting for you to approve in the browser at login.slow.example…',
    );
    await screenshot(page, 'oauth-sign-in-waiting');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(row.getByTestId('oauth-waiting')).toHaveCount(0);
    await expect(row.getByTestId('oauth-status')).toHaveText('Signed out');
    await expect(row.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    expect(opened).toHaveLength(1);
  });

  test('JWT tools: decode shows header, claims and times; verify says why it fails', async ({ page, dataDir }) => {
    app = await createHostApp({ dataDir });
    await page.goto(app.url);
    await createVaultThroughUi(page);
    await page.getByRole('button', { name: 'OAuth & JWT' }).click();
    await page.getByRole('tab', { name: 'JWT tools' }).click();

    const secret = 'a shared secret that is not base64';
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: 'alice', scope: 'read:all', name: 'Alice Example' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
      .setIssuer('https://issuer.example')
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(secret));

    await page.getByLabel('Token', { exact: true }).fill(`Bearer ${token}`);
    const decoded = page.getByTestId('jwt-decoded');
    await expect(decoded).toBeVisible();
    await expect(page.getByTestId('jwt-claims')).toContainText('"sub": "alice"');
    await expect(page.getByTestId('jwt-expiry')).toHaveText(/Expires in (59:\d\d|1:00:00)/);
    await expect(decoded).toContainText('Expires (exp)');
    await screenshot(page, 'jwt-decode');

    await page.getByRole('tab', { name: 'Verify' }).click();
    await page.getByLabel('Token to verify').fill(token);
    await page.getByLabel('Secret', { exact: true }).fill(Buffer.from(secret).toString('base64'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('jwt-verify-result')).toContainText('Invalid: bad-signature');
    await page.getByLabel('Secret', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('jwt-verify-result')).toContainText('Valid');
  });
});
