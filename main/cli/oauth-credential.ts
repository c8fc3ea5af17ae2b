import type { Located } from '../core/credentials/service-store';
import type { Credential } from '../core/model/credential';
import { LatchError } from '../core/model/errors';

export type OAuth2Credential = Extract<Credential, { kind: 'oauth2' }>;

/** The OAuth 2.0 credential a REF names, or ERR_BAD_INPUT saying what it is instead. */
export function oauth2Of(located: Located): OAuth2Credential {
  const c = located.credential;
  if (c.kind !== 'oauth2') {
    throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential, not an OAuth 2.0 one.`, {
      detail: { field: 'kind' },
    });
  }
  return c;
}
