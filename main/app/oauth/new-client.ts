/**
 * A new OAuth client: a service holding one oauth2 credential, from a provider preset (endpoints
 * filled in) or a custom issuer (found by discovery at sign-in).
 */
import { type CLIENT_AUTH_METHODS, type OAUTH_GRANTS, OAuth2Fields } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { applyPreset, type ProviderId } from '../../core/oauth';
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
}

export async function createOAuthClient(
  credentials: Credentials,
  input: NewOAuthClient,
): Promise<{ serviceId: string; credentialId: string }> {
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
    fields = applyPreset(input.preset, {
      clientId: input.clientId,
      ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
      params: input.params,
      ...(input.scopes !== undefined ? { scopes: input.scopes } : {}),
      ...(input.grant !== undefined ? { grant: input.grant } : {}),
      ...(input.clientAuth !== undefined ? { clientAuth: input.clientAuth } : {}),
    });
  }
  // One change: a kill between the two writes must not leave an empty service behind.
  return credentials.batch(async (store) => {
    const serviceId = await store.createService({ name: input.serviceName });
    const credentialId = await store.addCredential(serviceId, { kind: 'oauth2', name: input.credentialName, fields });
    return { serviceId, credentialId };
  });
}
