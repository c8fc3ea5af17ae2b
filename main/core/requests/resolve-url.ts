import { LatchError } from '../model/errors';

/**
 * A URL typed as a path ("/v1/items") is taken relative to the service's base URL, so a
 * saved request keeps working when the base URL changes (staging → production).
 */
export function resolveRequestUrl(url: string, baseUrl: string | null | undefined): string {
  const u = url.trim();
  if (!baseUrl || /^[a-z][a-z0-9+.-]*:\/\//i.test(u)) return u;
  if (!u.startsWith('/') && u !== '') return u;
  return `${baseUrl.replace(/\/+$/, '')}${u}`;
}

/**
 * A path still a path after resolving: there was no base URL to put it under. Said as that, with what to do;
 * the URL parser's "The URL is not valid" left the user guessing why "/v1/items" was wrong.
 */
export function assertResolved(resolved: string, serviceChosen: boolean): void {
  if (!resolved.startsWith('/')) return;
  throw new LatchError(
    'ERR_BAD_INPUT',
    serviceChosen
      ? 'This service has no base URL: type a full https:// URL, or add a base URL to the service.'
      : 'A path needs a service with a base URL: type a full https:// URL, or choose a service.',
    { detail: { field: 'url' } },
  );
}
