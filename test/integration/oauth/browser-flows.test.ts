/**
 * End to end through a real browser: Latch's loopback listener waits while Playwright completes
 * oidc-provider's login and consent pages (authorization code + PKCE), approves a device code on
 * the provider's device pages, and runs the legacy implicit page script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import {
  authorize,
  authorizeImplicit,
  FlowRequestLog,
  startDeviceAuthorization,
  startLoopbackListener,
  tokenSetFromFragment,
} from '../../../main/core/oauth';
import { nativeClient, type OidcProviderPeer, startOidcProvider } from '../../peers/oidc-provider';
import { approveDevInteractions, launchBrowser, pageOpener, type TestBrowser } from './browser';

let peer: OidcProviderPeer;
let browser: TestBrowser;

beforeAll(async () => {
  [peer, browser] = await Promise.all([
    startOidcProvider({
      clients: [
        nativeClient('native-app'),
        {
          client_id: 'tv-app',
          application_type: 'native',
          token_endpoint_auth_method: 'none',
          grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
          response_types: [],
          redirect_uris: [],
        },
      ],
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await peer?.stop();
});

describe('authorization code + PKCE in a real browser', () => {
  it('signs in through the provider pages while the listener waits, and validates the ID token', async () => {
    const log = new FlowRequestLog();
    const opened: string[] = [];
    const stages: string[] = [];
    const config = OAuth2Fields.parse({ issuer: peer.issuer, clientId: 'native-app', scopes: 'openid offline_access' });
    const flow = authorize(config, { opener: pageOpener(browser.page, opened), log, onStage: (s) => stages.push(s) });
    await approveDevInteractions(browser.page);
    const tokens = await flow;

    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.idToken?.split('.')).toHaveLength(3);
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    expect(stages).toEqual(['listening', 'browser-opened', 'callback-received', 'tokens-received']);

    const auth = new URL(opened[0] ?? '');
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    await browser.page.waitForSelector('text=Latch has the tokens');
    expect(await browser.page.textContent('h1')).toBe('Signed in');

    // The flow log has every exchange (discovery, token, JWKS, the callback) and no secret.
    const urls = log.entries.map((e) => `${e.method} ${new URL(e.url).pathname} ${e.status}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        'GET /.well-known/openid-configuration 200',
        'POST /token 200',
        'GET /jwks 200',
        'GET /callback 200',
      ]),
    );
    const logged = JSON.stringify(log.entries);
    for (const secret of [tokens.accessToken, tokens.refreshToken ?? '', tokens.idToken ?? ''])
      expect(logged).not.toContain(secret);
    expect(logged).not.toMatch(/code_verifier=[A-Za-z0-9_-]{43}/);
  });
});

describe('device authorization in a real browser', () => {
  it('shows a user code, the user approves it on the provider pages, polling gets the tokens', async () => {
    const config = OAuth2Fields.parse({
      issuer: peer.issuer,
      clientId: 'tv-app',
      grant: 'device_code',
      scopes: 'openid',
    });
    // The provider asks for 5 s between polls; waiting at most 300 ms keeps the test fast (the
    // provider then answers slow_down, which poll() handles; the interval rules are unit-tested).
    const device = await startDeviceAuthorization(config, {
      sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 300))),
    });
    expect(device.userCode).toMatch(/\S/);
    expect(device.verificationUri).toBe(`${peer.issuer}/device`);
    const polling = device.poll();

    const page = browser.page;
    await page.goto(device.verificationUri);
    await page.fill('input[name="user_code"]', device.userCode);
    await page.click('button[type="submit"]');
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).first().click();
    // Already signed in from the previous test in this browser: consent (or login, if not) follows.
    const login = page.locator('input[name="login"]');
    const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
    await Promise.race([login.waitFor({ timeout: 10_000 }), consent.waitFor({ timeout: 10_000 })]);
    if (await login.isVisible()) {
      await approveDevInteractions(page);
    } else {
      await consent.click();
    }
    const tokens = await polling;
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.idToken).toBeTruthy();
    await page.waitForSelector('text=Sign-in Success');
  });
});

describe('legacy implicit grant page', () => {
  it('posts the fragment back to the listener from its own origin', async () => {
    const listener = await startLoopbackListener({
      responseMode: 'fragment',
      onCallback: async (params) => tokenSetFromFragment(params, 0),
    });
    await browser.page.goto(
      `${listener.redirectUri}#access_token=IMPLICIT-AT&token_type=bearer&expires_in=60&state=${listener.state}`,
    );
    const tokens = await listener.result;
    expect(tokens).toMatchObject({ accessToken: 'IMPLICIT-AT', expiresAt: 60_000 });
    await browser.page.waitForSelector('text=Signed in.');
    // The tokens were taken out of the address bar.
    expect(browser.page.url()).not.toContain('IMPLICIT-AT');
  });

  it('refuses a forged fragment without the state', async () => {
    const config = OAuth2Fields.parse({
      clientId: 'legacy',
      authorizationEndpoint: `${peer.issuer}/auth`,
      tokenEndpoint: `${peer.issuer}/token`,
    });
    let listenerUrl = '';
    const controller = new AbortController();
    const flow = authorizeImplicit(config, {
      signal: controller.signal,
      opener: {
        open: async (url) => {
          listenerUrl = new URL(url).searchParams.get('redirect_uri') ?? '';
        },
      },
    });
    await expect.poll(() => listenerUrl).not.toBe('');
    await browser.page.goto(`${listenerUrl}#access_token=FORGED&token_type=bearer&state=wrong`);
    await browser.page.waitForSelector('text=Not this sign-in');
    controller.abort();
    await expect(flow).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });
});
