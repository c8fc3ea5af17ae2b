/** Which URLs Latch lets leave the app, and which count as its own pages. */

/** The origin the packaged renderer is served from (a custom standard, secure scheme). */
export const APP_SCHEME = 'latch-app';
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;

/**
 * Only http(s) URLs that the WHATWG URL parser accepts, with a host and no credentials,
 * may be handed to the OS to open: never file:, javascript:, custom schemes or smb shares.
 */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 4096) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return false;
  return true;
}

/** Is this URL one of the app's own pages (the packaged bundle, or the dev server when in dev)? */
export function isAppUrl(raw: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (`${url.protocol}//${url.host}` === APP_ORIGIN) return true;
  if (devServerUrl !== undefined) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
