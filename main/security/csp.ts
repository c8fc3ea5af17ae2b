/**
 * The Content-Security-Policy of the renderer. No remote script, no eval, no inline
 * script, no plugins, no framing; connections only to the app itself (and, for the
 * browser host, its own WebSocket). Styles allow 'unsafe-inline' only for React's
 * style attributes, never for script.
 */
export interface CspOptions {
  /** Extra origins the renderer may connect to, e.g. the browser host's ws://127.0.0.1:PORT. */
  connectSrc?: readonly string[];
}

export function buildCsp(options: CspOptions = {}): string {
  for (const origin of options.connectSrc ?? []) {
    if (!/^(wss?|https?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/.test(origin)) {
      throw new Error(`buildCsp: refusing a non-loopback connect-src origin: ${origin}`);
    }
  }
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connectSrc ?? [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'none'"],
    'media-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
