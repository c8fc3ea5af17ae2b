/**
 * GitHub's OAuth endpoints predate the JSON conventions of RFC 6749 §5: the token and device
 * endpoints answer application/x-www-form-urlencoded unless asked for JSON, and report errors
 * (authorization_pending, bad_verification_code...) with HTTP 200. oauth4webapi expects
 * RFC-shaped answers, so this fetch wrapper asks for JSON, turns a form body into JSON and an
 * error-with-200 into a 400, and leaves everything else alone.
 */
import type { FetchLike } from './oauth-context';

const NUMERIC = new Set(['expires_in', 'interval', 'refresh_token_expires_in']);

function formToJson(text: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const n = Number(v);
    out[k] = NUMERIC.has(k) && v !== '' && Number.isFinite(n) ? n : v;
  }
  return out;
}

export function githubCompatFetch(inner: FetchLike): FetchLike {
  return async (url, init) => {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json');
    const response = await inner(url, { ...init, headers: Object.fromEntries(headers.entries()) });
    const type = response.headers.get('content-type') ?? '';
    let body: Record<string, unknown>;
    if (type.includes('application/x-www-form-urlencoded')) {
      body = formToJson(await response.text());
    } else if (type.includes('json') && response.status === 200) {
      const parsed: unknown = await response
        .clone()
        .json()
        .catch(() => undefined);
      if (typeof parsed !== 'object' || parsed === null || !('error' in parsed)) return response;
      body = parsed as Record<string, unknown>;
    } else {
      return response;
    }
    const status = response.status === 200 && typeof body.error === 'string' ? 400 : response.status;
    const out = new Headers(response.headers);
    out.set('content-type', 'application/json');
    out.delete('content-length');
    out.delete('content-encoding');
    return new Response(JSON.stringify(body), { status, statusText: response.statusText, headers: out });
  };
}
