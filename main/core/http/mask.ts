import { SECRET_FIELDS } from '../model/credential';
import type { RequestAuth } from './auth/apply';
import type { ResponseCookie } from './cookies';
import { REDACTED, type SentRequest } from './redact';
import type { ResponseBody } from './response-body';
import type { Header, Redaction } from './wire';

/**
 * Shorter values are not masked: replacing every "ab" in a response would garble it and hide
 * nothing an attacker could not guess. docs/requests.md says so.
 */
export const MASK_MIN_LENGTH = 4;

/** The credential's secret field values (and stored tokens): what an echoing server could send back. */
export function credentialSecretValues(auth: RequestAuth | undefined): string[] {
  if (!auth) return [];
  const fields = auth.fields as Record<string, unknown>;
  const out: string[] = [];
  for (const name of SECRET_FIELDS[auth.kind]) {
    const v = fields[name];
    if (typeof v === 'string') out.push(v);
    else if (name === 'tokens' && typeof v === 'object' && v !== null) {
      for (const t of ['accessToken', 'refreshToken', 'idToken'] as const) {
        const tv = (v as Record<string, unknown>)[t];
        if (typeof tv === 'string') out.push(tv);
      }
    }
  }
  return out;
}

/**
 * Every value that went out as a secret on this request: the credential's secrets, what the
 * signer said it derived (signature, token, Basic's base64), and the values of the headers,
 * query parameters and body fields auth put in (a header "Bearer X" gives X and "Bearer X").
 */
export function secretsSent(credentialValues: readonly string[], sent: SentRequest, r: Redaction): string[] {
  const out = [...credentialValues, ...r.values];
  for (const h of sent.headers) {
    if (!r.headers.includes(h.name.toLowerCase())) continue;
    out.push(h.value);
    const parts = h.value.split(' ');
    if (parts.length === 2 && parts[1]) out.push(parts[1]);
  }
  const url = new URL(sent.url);
  for (const q of r.queryParams) for (const v of url.searchParams.getAll(q)) out.push(v);
  return out;
}

/** The forms a value takes when echoed: as is, inside a JSON string, URL- and form-encoded. */
function variants(values: readonly string[]): string[] {
  const set = new Set<string>();
  for (const v of values) {
    if (v.length < MASK_MIN_LENGTH) continue;
    set.add(v);
    set.add(JSON.stringify(v).slice(1, -1));
    set.add(encodeURIComponent(v));
    set.add(new URLSearchParams({ v }).toString().slice(2));
  }
  // Longest first, so a value is masked whole before any shorter value inside it.
  return [...set].filter((v) => v.length >= MASK_MIN_LENGTH).sort((a, b) => b.length - a.length);
}

export interface Masker {
  text(s: string): string;
  /** The same over bytes held as a latin1 string (one code unit per byte). */
  bytes(latin1: string): string;
  /** How many occurrences have been masked so far. */
  readonly count: number;
}

/** A run of URL-encoded text (it holds a %XX escape or a +), bounded by URL and JSON delimiters. */
const URL_RUN = /[^\s"'<>&=?#,;]*(?:%[0-9A-Fa-f]{2}|\+)[^\s"'<>&=?#,;]*/g;
/** "+" and space read alike: servers re-encode a query with either (werkzeug turns %2B into +). */
const plusAsSpace = (s: string) => s.replace(/\+/g, ' ');
function decodeRun(run: string): string {
  try {
    return plusAsSpace(decodeURIComponent(plusAsSpace(run)));
  } catch {
    return plusAsSpace(run);
  }
}

export function createMasker(values: readonly string[]): Masker {
  const forms = variants(values);
  // For echoes re-encoded in a way no variant predicts: decode each URL-encoded run and compare.
  const plain = values.filter((v) => v.length >= MASK_MIN_LENGTH).map(plusAsSpace);
  const byteForms = forms.map((f) => Buffer.from(f, 'utf8').toString('latin1'));
  let count = 0;
  const replaceAll = (s: string, forms: readonly string[], by: string) => {
    let out = s;
    for (const f of forms) {
      const pieces = out.split(f);
      count += pieces.length - 1;
      out = pieces.join(by);
    }
    return out;
  };
  return {
    text: (s) => {
      if (forms.length === 0) return s;
      return replaceAll(s, forms, REDACTED).replace(URL_RUN, (run) => {
        const decoded = decodeRun(run);
        if (!plain.some((v) => decoded.includes(v))) return run;
        count++;
        return REDACTED;
      });
    },
    bytes: (s) => (byteForms.length === 0 ? s : replaceAll(s, byteForms, REDACTED)),
    get count() {
      return count;
    },
  };
}

/** Masks a body; a binary body is masked byte for byte (each value's UTF-8 bytes). */
export function maskBody(body: ResponseBody, m: Masker): ResponseBody {
  if (body.kind === 'text') return { ...body, text: m.text(body.text) };
  if (body.kind === 'base64') {
    const latin1 = Buffer.from(body.base64, 'base64').toString('latin1');
    const masked = m.bytes(latin1);
    return masked === latin1 ? body : { ...body, base64: Buffer.from(masked, 'latin1').toString('base64') };
  }
  return body;
}

export const maskHeaders = (headers: readonly Header[], m: Masker): Header[] =>
  headers.map((h) => ({ name: h.name, value: m.text(h.value) }));

export const maskCookies = (cookies: readonly ResponseCookie[], m: Masker): ResponseCookie[] =>
  cookies.map((c) => ({ ...c, value: m.text(c.value) }));
