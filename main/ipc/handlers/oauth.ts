import { OAUTH_PRESETS } from '../../app/presets/oauth-presets';
import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function oauthHandlers({ oauth }: HandlerServices): TableOf<'oauth'> {
  return {
    'oauth.presets': () => OAUTH_PRESETS,
    'oauth.createClient': (input) => oauth.createClient(input),
    'oauth.redirect': ({ preset, redirectUri }) => oauth.redirect(preset, redirectUri),
    'oauth.tokens': () => oauth.tokens(),
    'oauth.signIn': ({ serviceId, credentialId }) => oauth.signIn(serviceId, credentialId),
    'oauth.cancel': ({ credentialId }) => okAfter(oauth.cancel(credentialId)),
    'oauth.refresh': ({ serviceId, credentialId }) => oauth.refresh(serviceId, credentialId),
    'oauth.signOut': async ({ serviceId, credentialId }) => ({
      revocation: await oauth.signOut(serviceId, credentialId),
    }),
    'oauth.log': ({ credentialId }) => ({ logs: oauth.logs(credentialId) }),
    'oauth.pendingDevice': () => oauth.pendingDevices(),
  };
}
