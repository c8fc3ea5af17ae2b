import { AccessTokens, type FreshToken } from '../app/secrets/access-tokens';
import type { Located, ServiceStore } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import { nodeFileSystem } from '../core/vault/fs-port';
import type { OpenVault } from '../core/vault/open-vault';
import { renewalLock } from '../core/vault/renewal-lock';
import { oauth2Of } from './oauth-credential';

/**
 * A valid access token of the OAuth 2.0 credential `located` names, for the commands other
 * programs run (git, kubectl, inject): the app's AccessTokens over the command's store, so the
 * refresh rule, the save-before-use and the renewal lock shared with the app and every other
 * command on `vault` are the ones the app and `latch token` follow.
 */
export function freshTokens(
  store: ServiceStore,
  vault: OpenVault,
  located: Located,
  options: { force?: boolean } = {},
): Promise<FreshToken> {
  const c = oauth2Of(located);
  return new AccessTokens({
    credentials: {
      credential: (serviceId, credentialId) => store.credential(serviceId, credentialId),
      setTokens: (serviceId, credentialId, tokens, o) => store.setTokens(serviceId, credentialId, tokens, o),
      holdsUnsaved: (serviceId) => vault.unsavedRecords().some((r) => r.id === serviceId),
    },
    clock: systemClock,
    lock: renewalLock(nodeFileSystem, vault.path),
    reload: (o) => vault.reload(o),
  }).fresh(located.serviceId, c.id, options);
}
