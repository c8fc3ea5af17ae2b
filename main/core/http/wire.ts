import { LatchError } from '../model/errors';
import { encodeBody } from './body';
import type { HttpRequest } from './request';

/** A header as sent or received; a list keeps order and duplicates. */
export interface Header {
  name: string;
  value: string;
}

/**
 * What auth put in that must not be shown: the appliers know, so they say.
 * Header names (lower case) are hidden whole; query params and body fields by value;
 * `values` are hidden wherever they appear (e.g. a SigV4 signature inside Authorization).
 */
export interface Redaction {
  headers: string[];
  queryParams: string[];
  bodyFields: string[];
  values: string[];
}

export const emptyRedaction = (): Redaction => ({ headers: [], queryParams: [], bodyFields: [], values: [] });

export function mergeRedaction(a: Redaction, b: Partial<Redaction>): Redaction {
  return {
    headers: [...a.headers, ...(b.headers ?? []).map((h) => h.toLowerCase())],
    queryParams: [...a.queryParams, ...(b.queryParams ?? [])],
    bodyFields: [...a.bodyFields, ...(b.bodyFields ?? [])],
    values: [...a.values, ...(b.values ?? []).filter((v) => v.length > 0)],
  };
}

export type BodyKind = 'none' | 'json' | 'form' | 'multipart' | 'raw';

/** The request as it will go on the wire; auth appliers return a changed copy. */
export interface WireRequest {
  method: string;
  url: URL;
  headers: Header[];
  body: Buffer | null;
  bodyKind: BodyKind;
  redaction: Redaction;
}

export function getHeader(headers: readonly Header[], name: string): string | undefined {
  const n = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === n)?.value;
}

/** Replaces every header of that name (keeping the first one's place) or appends. */
export function setHeader(headers: readonly Header[], name: string, value: string): Header[] {
  const n = name.toLowerCase();
  const i = headers.findIndex((h) => h.name.toLowerCase() === n);
  if (i < 0) return [...headers, { name, value }];
  return headers.flatMap((h, j) => (j === i ? [{ name, value }] : h.name.toLowerCase() === n ? [] : [h]));
}

export function removeHeader(headers: readonly Header[], name: string): Header[] {
  const n = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() !== n);
}

const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function parseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'The URL is not valid. Write it in full, such as https://api.example.com/v1/items.',
      {
        detail: { field: 'url' },
      },
    );
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new LatchError('ERR_BAD_INPUT', 'Only http:// and https:// URLs can be sent.', { detail: { field: 'url' } });
  }
  return u;
}

/** Turns the composed request into wire form: URL with query rows, encoded body, content type. */
export function buildWireRequest(request: HttpRequest): WireRequest {
  const url = parseUrl(request.url);
  for (const q of request.query) if (q.enabled !== false && q.name !== '') url.searchParams.append(q.name, q.value);
  let headers: Header[] = [];
  for (const h of request.headers) {
    if (h.enabled === false || h.name.trim() === '') continue;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h.name.trim())) {
      throw new LatchError('ERR_BAD_INPUT', `"${h.name}" is not a valid header name (letters, digits and - only).`, {
        detail: { field: 'headers' },
      });
    }
    if (!HEADER_VALUE.test(h.value)) {
      throw new LatchError(
        'ERR_BAD_INPUT',
        `The value of header ${h.name.trim()} holds a line break or control character.`,
        {
          detail: { field: 'headers' },
        },
      );
    }
    headers.push({ name: h.name.trim(), value: h.value });
  }
  const encoded = encodeBody(request.body);
  if (encoded.contentType && getHeader(headers, 'content-type') === undefined) {
    headers = [...headers, { name: 'Content-Type', value: encoded.contentType }];
  }
  return {
    method: request.method,
    url,
    headers,
    body: encoded.bytes,
    bodyKind: request.body.kind,
    redaction: emptyRedaction(),
  };
}

export const USER_AGENT = 'Latch/0.1';
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Sets every header Node would otherwise add on its own, so the header list is
 * exactly what goes out (and what signers sign). User-set values win.
 */
export function withDefaultHeaders(req: WireRequest, userAgent = USER_AGENT): WireRequest {
  let headers = removeHeader(req.headers, 'host');
  headers = [{ name: 'Host', value: req.url.host }, ...headers];
  const add = (name: string, value: string) => {
    if (getHeader(headers, name) === undefined) headers.push({ name, value });
  };
  add('User-Agent', userAgent);
  add('Accept', '*/*');
  add('Accept-Encoding', 'gzip, deflate, br');
  add('Connection', 'keep-alive');
  headers = removeHeader(headers, 'transfer-encoding');
  if (req.body !== null || BODY_METHODS.has(req.method)) {
    headers = setHeader(headers, 'Content-Length', String(req.body?.length ?? 0));
  } else headers = removeHeader(headers, 'content-length');
  return { ...req, headers };
}
