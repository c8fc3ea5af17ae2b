import { type Credential, SECRET_FIELDS } from '../model/credential';

/**
 * Every secret value a credential holds: its secret fields (for OAuth, the access, refresh and ID tokens of
 * its token set) and the previous values a rotation keeps through its grace period.
 */
export function heldSecrets(c: Credential): string[] {
  const fields = c.fields as Record<string, unknown>;
  const out: string[] = [];
  for (const name of SECRET_FIELDS[c.kind]) {
    const v = fields[name];
    if (typeof v === 'string') out.push(v);
    else if (name === 'tokens' && c.kind === 'oauth2' && c.fields.tokens) {
      const { accessToken, refreshToken, idToken } = c.fields.tokens;
      out.push(accessToken, ...(refreshToken ? [refreshToken] : []), ...(idToken ? [idToken] : []));
    }
  }
  for (const v of Object.values(c.rotation.previous ?? {})) if (typeof v === 'string') out.push(v);
  return out;
}
