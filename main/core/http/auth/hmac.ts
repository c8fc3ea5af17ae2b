import { createHash, createHmac } from 'node:crypto';
import { type FieldsOf, HMAC_SIGNED_PARTS } from '../../model/credential';
import type { Clock } from '../../platform';
import { mergeRedaction, setHeader, type WireRequest } from '../wire';

type HmacFields = FieldsOf<'hmac'>;

/** Query parameter names the sorted-query preset adds (fixed; see docs/requests.md). */
export const HMAC_TIMESTAMP_PARAM = 'timestamp';
export const HMAC_KEY_ID_PARAM = 'keyId';

/** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as in most signing schemes. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function hmacSign(f: Pick<HmacFields, 'secret' | 'algorithm' | 'encoding'>, text: string): string {
  return createHmac(f.algorithm, Buffer.from(f.secret, 'utf8')).update(text, 'utf8').digest(f.encoding);
}

/**
 * timestamp-headers / custom: the chosen parts, always in the order
 * method, path, query, body-hash, timestamp, joined by "\n".
 */
export function hmacCanonicalString(req: WireRequest, f: Pick<HmacFields, 'signed'>, timestamp: string): string {
  const value: Record<(typeof HMAC_SIGNED_PARTS)[number], () => string> = {
    method: () => req.method.toUpperCase(),
    path: () => req.url.pathname,
    query: () => req.url.search.replace(/^\?/, ''),
    'body-hash': () =>
      createHash('sha256')
        .update(req.body ?? Buffer.alloc(0))
        .digest('hex'),
    timestamp: () => timestamp,
  };
  return HMAC_SIGNED_PARTS.filter((p) => f.signed.includes(p))
    .map((p) => value[p]())
    .join('\n');
}

/** sorted-query: every query pair plus timestamp (and keyId), sorted by name then value, RFC 3986 encoded. */
export function hmacSortedQuery(
  req: WireRequest,
  f: Pick<HmacFields, 'keyId' | 'signatureParam'>,
  timestamp: string,
): string {
  const pairs: [string, string][] = [...req.url.searchParams.entries()].filter(([k]) => k !== f.signatureParam);
  pairs.push([HMAC_TIMESTAMP_PARAM, timestamp]);
  if (f.keyId) pairs.push([HMAC_KEY_ID_PARAM, f.keyId]);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
  return pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
}

export function applyHmac(req: WireRequest, f: HmacFields, clock: Clock): WireRequest {
  const timestamp = String(Math.floor(clock.now() / 1000));
  if (f.preset === 'sorted-query') {
    const canonical = hmacSortedQuery(req, f, timestamp);
    const signature = hmacSign(f, canonical);
    const url = new URL(req.url);
    url.search = `${canonical}&${rfc3986(f.signatureParam)}=${rfc3986(signature)}`;
    return {
      ...req,
      url,
      redaction: mergeRedaction(req.redaction, { queryParams: [f.signatureParam], values: [signature] }),
    };
  }
  const signature = hmacSign(f, hmacCanonicalString(req, f, timestamp));
  let headers = setHeader(req.headers, f.timestampHeader, timestamp);
  if (f.keyId) headers = setHeader(headers, f.keyIdHeader, f.keyId);
  headers = setHeader(headers, f.signatureHeader, signature);
  return { ...req, headers, redaction: mergeRedaction(req.redaction, { values: [signature] }) };
}
