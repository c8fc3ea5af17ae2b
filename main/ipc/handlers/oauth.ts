import type { OAuthPresetInfo } from '../../../preload/channels/oauth';
import { decodeJwt, type JwtKeyInput, parseExtraClaims, signJwt, signWithJwtSigner, verifyJwt } from '../../core/jwt';
import { OAuth2Fields } from '../../core/model/credential';
import { isLatchError, LatchError } from '../../core/model/errors';
import { applyPreset, PROVIDER_PRESETS, type ProviderId } from '../../core/oauth';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

type OAuthChannels =
  | 'oauth.presets'
  | 'oauth.createClient'
  | 'oauth.tokens'
  | 'oauth.signIn'
  | 'oauth.cancel'
  | 'oauth.refresh'
  | 'oauth.signOut'
  | 'oauth.log'
  | 'oauth.pendingDevice'
  | 'jwt.decode'
  | 'jwt.verify'
  | 'jwt.sign';

const ok = { ok: true as const };

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

export function oauthHandlers(s: AppServices): Pick<HandlerTable, OAuthChannels> {
  const { vault, oauth } = s;
  return {
    'oauth.presets': () => presets,
    'oauth.createClient': async (input) => {
      let fields: Record<string, unknown>;
      if (input.preset === 'custom') {
        const parsed = OAuth2Fields.safeParse({
          provider: 'custom',
          issuer: input.issuer?.trim() || undefined,
          clientId: input.clientId,
          ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
          clientAuth: input.clientAuth ?? (input.clientSecret ? 'client_secret_basic' : 'none'),
          scopes: input.scopes ?? 'openid',
          grant: input.grant ?? 'authorization_code',
        });
        if (!parsed.success || !parsed.data.issuer) {
          const issue = parsed.success ? undefined : parsed.error.issues[0];
          throw new LatchError('ERR_BAD_INPUT', issue?.message ?? 'A custom provider needs its issuer URL.', {
            detail: { field: String(issue?.path[0] ?? 'issuer') },
          });
        }
        fields = parsed.data;
      } else {
        fields = applyPreset(input.preset as ProviderId, {
          clientId: input.clientId,
          ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
          params: input.params,
          ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
          ...(input.grant !== undefined ? { grant: input.grant } : {}),
          ...(input.clientAuth !== undefined ? { clientAuth: input.clientAuth } : {}),
        });
      }
      const store = vault.store();
      const serviceId = await store.createService({ name: input.serviceName });
      const credentialId = await store.addCredential(serviceId, {
        kind: 'oauth2',
        name: input.credentialName,
        fields,
      });
      s.events.emit('services.changed', {});
      return { serviceId, credentialId };
    },
    'oauth.tokens': () => oauth.tokens(),
    'oauth.signIn': ({ serviceId, credentialId }) => oauth.signIn(serviceId, credentialId),
    'oauth.cancel': ({ credentialId }) => {
      oauth.cancel(credentialId);
      return ok;
    },
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
        const located = await vault.store().credential(input.serviceId, input.credentialId);
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
