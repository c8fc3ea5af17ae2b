import type { Header } from './wire';

export interface ResponseCookie {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  /** Unix milliseconds, from Expires. */
  expires?: number;
  maxAge?: number;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  partitioned: boolean;
}

/** RFC 6265 §5.2, leniently: a malformed attribute is skipped, not fatal. */
export function parseSetCookie(value: string): ResponseCookie | null {
  const [pair = '', ...attrs] = value.split(';');
  const eq = pair.indexOf('=');
  if (eq < 0) return null;
  const name = pair.slice(0, eq).trim();
  if (name === '') return null;
  let v = pair.slice(eq + 1).trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  const c: ResponseCookie = { name, value: v, secure: false, httpOnly: false, partitioned: false };
  for (const a of attrs) {
    const i = a.indexOf('=');
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    const val = i < 0 ? '' : a.slice(i + 1).trim();
    if (key === 'domain' && val) c.domain = val.replace(/^\./, '');
    else if (key === 'path' && val.startsWith('/')) c.path = val;
    else if (key === 'expires') {
      const t = Date.parse(val);
      if (!Number.isNaN(t)) c.expires = t;
    } else if (key === 'max-age' && /^-?\d+$/.test(val)) c.maxAge = Number(val);
    else if (key === 'secure') c.secure = true;
    else if (key === 'httponly') c.httpOnly = true;
    else if (key === 'samesite' && val) c.sameSite = val;
    else if (key === 'partitioned') c.partitioned = true;
  }
  return c;
}

export function cookiesFrom(headers: readonly Header[]): ResponseCookie[] {
  return headers
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => parseSetCookie(h.value))
    .filter((c): c is ResponseCookie => c !== null);
}
