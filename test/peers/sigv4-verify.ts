/**
 * An AWS Signature Version 4 verifier written from AWS's public documentation ("Create a signed AWS API request",
 * IAM User Guide: canonical request, string to sign, signing key, signature) with node:crypto only. The peers
 * check Latch's signatures with it, so they do not share code with the library Latch signs with
 * (@smithy/signature-v4): a bug both made the same way would otherwise pass.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** AWS's UriEncode: every byte but the unreserved A-Z a-z 0-9 - . _ ~ as %XY, upper-case hex. */
export function uriEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

export interface ArrivedRequest {
  method: string;
  /** The path as it arrived (percent-encoded once by the client). */
  path: string;
  /** The query as it arrived, without the "?". */
  query: string;
  /** Header names in lower case; a repeated header's values joined with ",". */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The canonical URI: each segment URI-encoded (the documented rule for every service but S3, which signs the
 * path as sent, is "encoded twice": the client encoded once to send, the canonical form encodes that again).
 */
function canonicalUri(path: string, service: string): string {
  if (path === '' || path === '/') return '/';
  if (service === 's3') return path;
  return path
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
}

/** Parameters decoded, then each name and value UriEncoded, sorted by name (then value), joined with "&". */
function canonicalQuery(query: string): string {
  if (query === '') return '';
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [uriEncode(decode(name)), uriEncode(decode(value))] as const;
    })
    .sort(([an, av], [bn, bv]) => (an === bn ? (av < bv ? -1 : av > bv ? 1 : 0) : an < bn ? -1 : 1))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
}

/** Step 1 of the documentation: the canonical request. */
export function canonicalRequest(req: ArrivedRequest, signedHeaders: readonly string[], service: string): string {
  const headers = signedHeaders
    .map((name) => `${name}:${(req.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = req.headers['x-amz-content-sha256'] ?? hex(req.body);
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path, service),
    canonicalQuery(req.query),
    headers,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/** Step 2: the string to sign. */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
}

/** Step 3: the signing key, derived from the secret through the date, region, service and "aws4_request". */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

export interface Verdict {
  ok: boolean;
  /** Why not, for a test's failure message. */
  reason?: string;
}

/**
 * Checks the Authorization header of a request as it arrived against the secret of `accessKeyId`, for the given
 * service: the scope's date must be the x-amz-date's day, and host and x-amz-date must be signed.
 */
export function verifySigV4(req: ArrivedRequest, accessKeyId: string, secret: string, service: string): Verdict {
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      req.headers.authorization ?? '',
    );
  if (!m) return { ok: false, reason: 'no AWS4-HMAC-SHA256 Authorization header' };
  const [, keyId, date, region, scopeService, signed, signature] = m as unknown as string[];
  if (keyId !== accessKeyId) return { ok: false, reason: `unknown access key ${keyId}` };
  if (scopeService !== service) return { ok: false, reason: `signed for ${scopeService}, not ${service}` };
  const amzDate = req.headers['x-amz-date'] ?? '';
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(date!))
    return { ok: false, reason: 'x-amz-date missing or not the scope date' };
  const signedHeaders = signed!.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date'))
    return { ok: false, reason: 'host and x-amz-date must be signed' };
  const scope = `${date}/${region}/${service}/aws4_request`;
  const expected = createHmac('sha256', signingKey(secret, date!, region!, service))
    .update(stringToSign(amzDate, scope, canonicalRequest(req, signedHeaders, service)), 'utf8')
    .digest();
  const ok = timingSafeEqual(expected, Buffer.from(signature!, 'hex'));
  return ok ? { ok } : { ok, reason: 'signature does not match' };
}
