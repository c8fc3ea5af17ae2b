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
