import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest as SmithyRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { FieldsOf } from '../../model/credential';
import type { Clock } from '../../platform';
import { type Header, mergeRedaction, setHeader, type WireRequest } from '../wire';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

function queryRecord(url: URL): Record<string, string | string[]> {
  const q: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = q[k];
    q[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return q;
}

function headerRecord(headers: readonly Header[]): Record<string, string> {
  const h: Record<string, string> = {};
  for (const { name, value } of headers) {
    const n = name.toLowerCase();
    h[n] = h[n] === undefined ? value : `${h[n]},${value}`;
  }
  return h;
}

/** AWS's UriEncode: RFC 3986 unreserved characters stay, every other byte of the UTF-8 is %XX upper case. */
const awsUriEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The path with each segment percent-encoded exactly once, as S3 signs it: a URL's path keeps
 * `$ = ( ) @ * ! ' , ; :` literal, S3 encodes them (its PUT Object example signs key
 * `test$file.text` as `/test%24file.text`). Segments are decoded first so an already-encoded
 * `%20` is not encoded twice; a stray `%` that is not an escape is encoded as itself.
 */
export function s3CanonicalPath(pathname: string): string {
  return pathname
    .split('/')
    .map((seg) => {
      let raw: string;
      try {
        raw = decodeURIComponent(seg);
      } catch {
        raw = seg;
      }
      return awsUriEncode(raw);
    })
    .join('/');
}

function withPath(url: URL, pathname: string): URL {
  const u = new URL(url);
  u.pathname = pathname;
  return u;
}

/**
 * Signs with @smithy/signature-v4 (the AWS SDK's own signer). S3 differs from the
 * other services in two ways: the path is encoded once, not twice (we encode it and send
 * exactly that, and tell the signer not to encode it again), and x-amz-content-sha256 is
 * always sent. Other services keep the signer's own second encoding of the path as sent.
 */
export async function applyAwsSigV4(input: WireRequest, f: FieldsOf<'aws-sigv4'>, clock: Clock): Promise<WireRequest> {
  const isS3 = f.service === 's3';
  const req = isS3 ? { ...input, url: withPath(input.url, s3CanonicalPath(input.url.pathname)) } : input;
  let headers = req.headers;
  if (f.unsignedPayload) headers = setHeader(headers, 'x-amz-content-sha256', UNSIGNED_PAYLOAD);
  if (!headers.some((h) => h.name.toLowerCase() === 'host'))
    headers = [{ name: 'Host', value: req.url.host }, ...headers];
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: f.accessKeyId,
      secretAccessKey: f.secretAccessKey,
      ...(f.sessionToken ? { sessionToken: f.sessionToken } : {}),
    },
    region: f.region,
    service: f.service,
    sha256: Sha256,
    uriEscapePath: !isS3,
    applyChecksum: isS3 || f.unsignedPayload,
  });
  const before = headerRecord(headers);
  const smithy = new SmithyRequest({
    method: req.method,
    protocol: req.url.protocol,
    hostname: req.url.hostname,
    ...(req.url.port ? { port: Number(req.url.port) } : {}),
    path: req.url.pathname,
    query: queryRecord(req.url),
    headers: before,
    ...(req.body ? { body: req.body } : {}),
  });
  const signed = await signer.sign(smithy, { signingDate: new Date(clock.now()) });
  // Keep our header list (order, spelling) and add only what the signer added.
  for (const [name, value] of Object.entries(signed.headers)) {
    if (before[name.toLowerCase()] !== value) headers = setHeader(headers, name, value);
  }
  const auth = signed.headers.authorization ?? '';
  const signature = /Signature=([0-9a-f]+)/.exec(auth)?.[1] ?? '';
  return {
    ...req,
    headers,
    redaction: mergeRedaction(req.redaction, { values: [signature, f.sessionToken ?? ''] }),
  };
}
