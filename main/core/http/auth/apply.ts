import type { CredentialKind, FieldsOf } from '../../model/credential';
import { LatchError } from '../../model/errors';
import type { Clock } from '../../platform';
import type { WireRequest } from '../wire';
import { applyApiKey } from './api-key';
import { applyAwsSigV4 } from './aws-sigv4';
import { applyBasic } from './basic';
import { applyBearerToken } from './bearer';
import { applyDigest, type DigestSession } from './digest';
import { applyHmac } from './hmac';
import { applyJwtSigner } from './jwt-signer';
import { applyOAuth2, type GetAccessToken, resolveAccessToken } from './oauth2';

/** A saved credential (`Credential` fits) or an ad hoc one being tried before saving. */
export type RequestAuth = { [K in CredentialKind]: { kind: K; fields: FieldsOf<K>; id?: string } }[CredentialKind];

export interface AuthContext {
  clock: Clock;
  getAccessToken?: GetAccessToken;
  /** Set by the engine after a 401 on an OAuth2 request. */
  forceRefresh?: boolean;
  /** Known Digest challenge for this origin, if any. */
  digest?: DigestSession;
}

const KIND_WORDS: Partial<Record<CredentialKind, string>> = { totp: 'a TOTP credential', secret: 'a plain secret' };

/** Adds the credential to a wire request. Digest is applied only once a challenge is known. */
export async function applyAuth(req: WireRequest, auth: RequestAuth, ctx: AuthContext): Promise<WireRequest> {
  switch (auth.kind) {
    case 'api-key':
      return applyApiKey(req, auth.fields);
    case 'basic':
      return applyBasic(req, auth.fields);
    case 'digest':
      return ctx.digest ? applyDigest(req, auth.fields, ctx.digest) : req;
    case 'bearer':
      return applyBearerToken(req, auth.fields.token);
    case 'oauth2': {
      const token = await resolveAccessToken(auth.id ?? '', auth.fields, {
        forceRefresh: ctx.forceRefresh ?? false,
        clock: ctx.clock,
        ...(ctx.getAccessToken ? { getAccessToken: ctx.getAccessToken } : {}),
      });
      return applyOAuth2(req, token);
    }
    case 'jwt-signer':
      return applyJwtSigner(req, auth.fields, ctx.clock);
    case 'hmac':
      return applyHmac(req, auth.fields, ctx.clock);
    case 'aws-sigv4':
      return applyAwsSigV4(req, auth.fields, ctx.clock);
    case 'totp':
    case 'secret':
      throw new LatchError(
        'ERR_BAD_INPUT',
        `${KIND_WORDS[auth.kind]} cannot sign requests; choose an API key, Basic, Digest, bearer, OAuth 2, JWT, HMAC or AWS SigV4 credential, or paste the value into a header yourself.`,
        { detail: { field: 'auth' } },
      );
  }
}
