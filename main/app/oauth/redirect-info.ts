/**
 * The redirect URI to register for a provider preset or a hand-entered client, and how: main
 * computes it from the listener's own parse (core/oauth/redirect-registration.ts), so the screen
 * can only show what the sign-in will send.
 */
import { ANY_PORT_NOTE, findPreset, redirectRegistration } from '../../core/oauth';
import type { OAuthRedirectInfo } from './oauth-types';

const FIXED_PORT_NOTE =
  'Register exactly this URI (host, port and path). The port must be free on this computer when you sign in.';

/** `redirectUri` empty or absent: the preset's own (Entra: localhost), else a free port on 127.0.0.1. */
export function redirectInfo(provider: string, redirectUri: string | undefined): OAuthRedirectInfo {
  const preset = findPreset(provider);
  const given = redirectUri?.trim() ?? '';
  const registration = redirectRegistration(given === '' ? preset?.redirectUri : given);
  const note = !registration.anyPort ? FIXED_PORT_NOTE : (preset?.redirectNote ?? ANY_PORT_NOTE);
  return { ...registration, note };
}
