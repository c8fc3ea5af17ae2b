/**
 * ID token validation (OIDC Core §3.1.3.7). oauth4webapi checks the claims while processing the
 * token response (iss = the issuer, aud contains the client id, azp, exp/iat with 30 s
 * tolerance, nonce = the one we sent); the signature is checked here against the provider's JWKS
 * as well, because Latch stores the ID token and shows its claims, so it must be genuine.
 */
import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';
import { toLatchError } from './errors';
import type { RequestOptions } from './http-options';

function invalidSignature(): LatchError {
  return new LatchError(
    'ERR_OAUTH',
    "The ID token's signature does not verify against the provider's published keys. Check the issuer; if it is right, sign in again.",
    { detail: { error: 'invalid_id_token', error_description: 'signature' } },
  );
}

/** Call only after a process*Response function accepted `response` and it held an id_token. */
export async function verifyIdTokenSignature(
  as: oauth.AuthorizationServer,
  response: Response,
  http: RequestOptions,
): Promise<void> {
  if (!as.jwks_uri) {
    throw new LatchError('ERR_OAUTH', "The provider's metadata has no jwks_uri, so its ID token cannot be verified.", {
      detail: { error: 'invalid_id_token', error_description: 'no jwks_uri' },
    });
  }
  try {
    await oauth.validateApplicationLevelSignature(as, response, http);
  } catch (e) {
    if (e instanceof oauth.OperationProcessingError && e.code === oauth.INVALID_RESPONSE) throw invalidSignature();
    if (e instanceof oauth.UnsupportedOperationError) throw invalidSignature();
    throw toLatchError(e, 'Checking the ID token');
  }
}

export interface ExpectedIdToken {
  /** The nonce sent in the authorization request; undefined when none was sent. */
  nonce?: string;
  /** True when the openid scope was requested: the answer must then carry an ID token. */
  required: boolean;
}

/** Processes an authorization-code token response and checks its ID token fully. */
export async function processCodeTokenResponse(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  response: Response,
  expected: ExpectedIdToken,
  http: RequestOptions,
  what: string,
): Promise<oauth.TokenEndpointResponse> {
  let result: oauth.TokenEndpointResponse;
  try {
    result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: expected.nonce ?? oauth.expectNoNonce,
      requireIdToken: expected.required,
    });
  } catch (e) {
    throw toLatchError(e, what);
  }
  if (result.id_token !== undefined) await verifyIdTokenSignature(as, response, http);
  return result;
}
