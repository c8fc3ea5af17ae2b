/**
 * Where an oauth2 credential sends its secrets: the refresh token and the client secret go to
 * the token endpoint (found by discovery from the issuer, or typed in), tokens to the revocation
 * endpoint, the client authentication to the device endpoint. An edit that moves any of them
 * must not carry the old secrets along: the tokens are dropped, and a stored client secret has to
 * be typed again, so only someone who knows it can send it to the new place.
 */
import type { FieldsOf } from '../model/credential';
import { LatchError } from '../model/errors';

type OAuth2Fields = FieldsOf<'oauth2'>;

export const OAUTH_DESTINATION_FIELDS = [
  'issuer',
  'authorizationEndpoint',
  'tokenEndpoint',
  'deviceAuthorizationEndpoint',
  'revocationEndpoint',
] as const;

export function oauthDestinationChanged(before: OAuth2Fields, after: OAuth2Fields): boolean {
  return OAUTH_DESTINATION_FIELDS.some((f) => (before[f] ?? '') !== (after[f] ?? ''));
}

/**
 * The fields to store after an edit from `before` to `after`. `secretRetyped`: the edit itself
 * carried a client secret (not the stored one kept because the form left it blank).
 */
export function guardOAuthDestination(before: OAuth2Fields, after: OAuth2Fields, secretRetyped: boolean): OAuth2Fields {
  if (!oauthDestinationChanged(before, after)) return after;
  if (before.clientSecret && after.clientSecret && !secretRetyped) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'The endpoints changed: type the client secret again (it will be sent to the new server), or leave the endpoints as they were.',
      { detail: { field: 'clientSecret' } },
    );
  }
  const { tokens: _dropped, ...rest } = after;
  return rest;
}
