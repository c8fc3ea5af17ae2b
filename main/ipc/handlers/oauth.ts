import type { OAuthPresetInfo } from '../../../preload/channels/oauth';
import { decodeJwt, type JwtKeyInput, parseExtraClaims, signJwt, signWithJwtSigner, verifyJwt } from '../../core/jwt';
import { isLatchError, LatchError } from '../../core/model/errors';
import { PROVIDER_PRESETS } from '../../core/oauth';
import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

function keyInput(kind: 'secret' | 'pem' | 'jwk' | 'jwks', value: string): JwtKeyInput {
  switch (kind) {
    // Byte for byte: never trimmed, never base64-decoded.
    case 'secret':
      return { kind, secret: value };
    case 'pem':
      return { kind, pem: value.trim() };
    case 'jwk':
      return { kind, jwk: value.trim() };
    case 'jwks':
      return { kind, url: value.trim() };
  }
}

const presets: OAuthPresetInfo[] = PROVIDER_PRESETS.map((p) => ({
  id: p.id,
  label: p.label,
  params: p.params.map((q) => ({ name: q.name, label: q.label, example: q.example })),
  scopes: p.scopes,
  clientAuth: p.clientAuth,
  consoleUrl: p.consoleUrl,
  notes: p.notes,
  discovery: p.issuer !== undefined,
  deviceFlow: p.deviceAuthorizationEndpoint !== undefined || p.issuer !== undefined,
}));

export function oauthHandlers({ oauth, credentials }: HandlerServices): TableOf<'oauth' | 'jwt'> {
  return {
    'oauth.presets': () => presets,
    'oauth.createClient': (input) => oauth.createClient(input),
    'oauth.tokens': () => oauth.tokens(),
    'oauth.signIn': ({ serviceId, credentialId }) => oauth.signIn(serviceId, credentialId),
    'oauth.cancel': ({ credentialId }) => okAfter(oauth.cancel(credentialId)),
    'oauth.refresh': ({ serviceId, credentialId }) => oauth.refresh(serviceId, credentialId),
    'oauth.signOut': async ({ serviceId, credentialId }) => ({
      revocation: await oauth.signOut(serviceId, credentialId),
    }),
    'oauth.log': ({ credentialId }) => ({ log: oauth.log(credentialId) }),
    'oauth.pendingDevice': () => oauth.pendingDevices(),
    'jwt.decode': ({ token }) => decodeJwt(token),
    'jwt.verify': async ({ token, key, issuer, audience }) => {
      try {
        const v = await verifyJwt(token, {
          key: keyInput(key.kind, key.value),
          ...(issuer ? { issuer } : {}),
          ...(audience ? { audience } : {}),
        });
        return {
          valid: true as const,
          alg: v.alg,
          kid: v.kid,
          header: v.header,
          claims: v.claims,
          expiresAt: v.expiresAt,
        };
      } catch (e) {
        if (isLatchError(e) && e.code === 'ERR_JWT_INVALID') {
          const reason = e.detail?.reason;
          return {
            valid: false as const,
            reason: typeof reason === 'string' ? reason : 'malformed',
            message: e.message,
          };
        }
        throw e;
      }
    },
    'jwt.sign': async (input) => {
      if ('serviceId' in input) {
        const located = await credentials.credential(input.serviceId, input.credentialId);
        const c = located.credential;
        if (c.kind !== 'jwt-signer')
          throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential, not a JWT signer.`, {
            detail: { field: 'kind' },
          });
        return signWithJwtSigner(c.fields, { claims: parseExtraClaims(input.claims) });
      }
      return signJwt({
        algorithm: input.algorithm,
        key: input.key,
        ...(input.issuer ? { issuer: input.issuer } : {}),
        ...(input.subject ? { subject: input.subject } : {}),
        ...(input.audience ? { audience: input.audience } : {}),
        ...(input.lifetimeSeconds !== undefined ? { lifetimeSeconds: input.lifetimeSeconds } : {}),
        ...(input.keyId ? { keyId: input.keyId } : {}),
        claims: parseExtraClaims(input.claims),
      });
    },
  };
}
