/**
 * A provider whose issuer has a path, as a Keycloak realm's does: oidc-provider mounted at
 * /realms/test sends RFC 9207 `iss` = http://127.0.0.1:PORT/realms/test with every authorization
 * response. With endpoints typed in, the issuer field decides: the same value signs in, an empty
 * field does not check, another value is refused.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OAuth2Fields } from '../../../main/core/model/credential';
import { authorize } from '../../../main/core/oauth';
import { nativeClient, type OidcProviderPeer, startOidcProvider } from '../../peers/oidc-provider';
import { approveDevInteractions, launchBrowser, pageOpener, type TestBrowser } from './browser';

let peer: OidcProviderPeer;
let browser: TestBrowser;

beforeAll(async () => {
  [peer, browser] = await Promise.all([
    startOidcProvider({ path: '/realms/test', clients: [nativeClient('realm-app')], scopes: ['api:read'] }),
    launchBrowser(),
  ]);
}, 60_000);

// Each test logs in afresh: a session left by the one before would skip the login page.
beforeEach(async () => {
  await browser.page.context().clearCookies();
});

afterAll(async () => {
  await browser?.close();
  await peer?.stop();
});

/** Endpoints typed in; no openid (without discovery there is no JWKS to check an ID token with). */
function typedIn(issuer: string | undefined, scopes = 'api:read') {
  return OAuth2Fields.parse({
    clientId: 'realm-app',
    ...(issuer === undefined ? {} : { issuer }),
    authorizationEndpoint: `${peer.issuer}/auth`,
    tokenEndpoint: `${peer.issuer}/token`,
    scopes,
  });
}

describe('an issuer with a path (Keycloak realm style)', () => {
  it('the server sends iss with the path', () => {
    expect(new URL(peer.issuer).pathname).toBe('/realms/test');
  });

  it('endpoints typed in and the issuer field matching: signs in', async () => {
    const flow = authorize(typedIn(peer.issuer), { opener: pageOpener(browser.page) });
    await approveDevInteractions(browser.page);
    expect((await flow).accessToken).toBeTruthy();
  });

  it('endpoints typed in and the issuer field empty: iss is not checked, signs in', async () => {
    const flow = authorize(typedIn(undefined), { opener: pageOpener(browser.page) });
    await approveDevInteractions(browser.page);
    expect((await flow).accessToken).toBeTruthy();
  });

  it('the issuer field naming another realm: the response is refused after the browser', async () => {
    const flow = authorize(typedIn(peer.issuer.replace('/realms/test', '/realms/other')), {
      opener: pageOpener(browser.page),
    });
    const refused = expect(flow).rejects.toMatchObject({ code: 'ERR_OAUTH', detail: { error: 'invalid_issuer' } });
    await approveDevInteractions(browser.page);
    await refused;
  });

  it('discovery at the path issuer with OpenID: signs in and the ID token verifies', async () => {
    const config = OAuth2Fields.parse({ clientId: 'realm-app', issuer: peer.issuer, scopes: 'openid' });
    const flow = authorize(config, { opener: pageOpener(browser.page) });
    await approveDevInteractions(browser.page);
    const tokens = await flow;
    expect(tokens.idToken?.split('.')).toHaveLength(3);
  });
});
