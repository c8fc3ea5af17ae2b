/**
 * The redirect URI a user registers at the provider, computed from the same parse the loopback
 * listener uses (loopback-listener.ts), so what the screen tells the user to register is what
 * the sign-in will send. Without a port the listener takes a free one per sign-in, so the
 * provider must accept any port on a loopback redirect (RFC 8252 §7.3).
 */
import { parseLoopbackRedirectUri } from './loopback-listener';

export interface RedirectRegistration {
  /** What to register: `http://127.0.0.1/callback`, or the exact fixed URI with its port. */
  uri: string;
  /** True when the port is chosen per sign-in (the provider must ignore it on loopback). */
  anyPort: boolean;
}

/** ERR_BAD_INPUT when the redirect URI is not a loopback http URI (as the sign-in would say). */
export function redirectRegistration(redirectUri: string | undefined): RedirectRegistration {
  const target = parseLoopbackRedirectUri(redirectUri);
  const port = target.port === 0 ? '' : `:${target.port}`;
  return { uri: `http://${target.hostname}${port}${target.path}`, anyPort: target.port === 0 };
}
