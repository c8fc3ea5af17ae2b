/**
 * A new OAuth client: a service holding one oauth2 credential, from a provider preset (endpoints
 * filled in) or a custom issuer (found by discovery at sign-in).
 */
import { type CLIENT_AUTH_METHODS, type OAUTH_GRANTS, OAuth2Fields } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { applyPreset, type ProviderId, redirectRegistration } from '../../core/oauth';
import type { Credentials } from '../credentials/credentials';

export interface NewOAuthClient {
  serviceName: string;
  credentialName: string;
  preset: ProviderId | 'custom';
  clientId: string;
  clientSecret?: string | undefined;
  params: Record<string, string>;
  issuer?: string | undefined;
  scopes?: string | undefined;
  grant?: (typeof OAUTH_GRANTS)[number] | undefined;
  clientAuth?: (typeof CLIENT_AUTH_METHODS)[number] | undefined;
  /** Empty: the preset's (or a free port on 127.0.0.1 per sign-in). */
  redirectUri?: string | undefined;
}

/** What would only fail at the first sign-in (a secret method without a secret, a redirect off this computer) is said now. */
function checkBeforeSaving(input: NewOAuthClient): void {
  // Here, not only from addCredential: said before anything is written (batch() would roll the new
  // service back, but the form's field is named here).
  if (input.credentialName.trim() === '')
    throw new LatchError('ERR_BAD_INPUT', 'Give the client a name.', { detail: { field: 'credentialName' } });
  if (input.redirectUri?.trim()) redirectRegistration(input.redirectUri);
  const auth = input.clientAuth;
  if ((auth === 'client_secret_basic' || auth === 'client_secret_post') && !input.clientSecret) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      `Client authentication ${auth} needs the client secret. Add it, or choose "none" for a public client.`,
      { detail: { field: 'clientSecret' } },
    );
  }
  if (auth === 'private_key_jwt') {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'private_key_jwt needs the client private key: add the client, then set the key and the method on its credential.',
      { detail: { field: 'clientAuth' } },
    );
  }
}

export async function createOAuthClient(
  credentials: Credentials,
  input: NewOAuthClient,
): Promise<{ serviceId: string; credentialId: string }> {
  checkBeforeSaving(input);
  const redirectUri = input.redirectUri?.trim() ? { redirectUri: input.redirectUri.trim() } : {};
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
      ...redirectUri,
    });
    if (!parsed.success || !parsed.data.issuer) {
      const issue = parsed.success ? undefined : parsed.error.issues[0];
      throw new LatchError('ERR_BAD_INPUT', issue?.message ?? 'A custom provider needs its issuer URL.', {
        detail: { field: String(issue?.path[0] ?? 'issuer') },
      });
    }
    fields = parsed.data;
  } else {
    fields = applyPreset(input.preset, {
      clientId: input.clientId,
      ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
      params: input.params,
      ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
      ...(input.grant !== undefined ? { grant: input.grant } : {}),
      ...(input.clientAuth !== undefined ? { clientAuth: input.clientAuth } : {}),
      ...redirectUri,
    });
  }
  // One change: a kill between the two writes must not leave an empty service behind.
  return credentials.batch(async (store) => {
    const serviceId = await store.createService({ name: input.serviceName });
    const credentialId = await store.addCredential(serviceId, { kind: 'oauth2', name: input.credentialName, fields });
    return { serviceId, credentialId };
  });
}
