/**
 * The redirect URI to register for a provider preset or a hand-entered client, and how: main
 * computes it from the listener's own parse (core/oauth/redirect-registration.ts), so the screen
 * can only show what the sign-in will send.
 */
import { ANY_PORT_NOTE, findPreset, redirectRegistration } from '../../core/oauth';
import type { OAuthRedirectInfo } from './oauth-types';

const FIXED_PORT_NOTE =
  'Register exactly this URI (host, port and path). The port must be free on this computer when you sign in.';

/**
 * `redirectUri` empty or absent: the preset's own (Entra: localhost; Auth0 and Okta: a fixed port),
 * else a free port on 127.0.0.1. The note is the provider's own rule for the URI shown: a preset's
 * for its own URI, or for a typed one of the same kind (both any-port); the generic one otherwise.
 */
export function redirectInfo(provider: string, redirectUri: string | undefined): OAuthRedirectInfo {
  const preset = findPreset(provider);
  const given = redirectUri?.trim() ?? '';
  const registration = redirectRegistration(given === '' ? preset?.redirectUri : given);
  const presetAnyPort = preset ? redirectRegistration(preset.redirectUri).anyPort : true;
  const presetRule = preset && (given === '' || (registration.anyPort && presetAnyPort));
  const note = presetRule ? preset.redirectNote : registration.anyPort ? ANY_PORT_NOTE : FIXED_PORT_NOTE;
  return { ...registration, note };
}
