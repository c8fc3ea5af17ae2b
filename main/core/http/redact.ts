import type { Header, Redaction } from './wire';

export const REDACTED = '[redacted]';

/** The request as it went out, for display. `body` is text when it is UTF-8, else base64. */
export interface SentRequest {
  method: string;
  url: string;
  /** e.g. "GET /v1/items?page=2 HTTP/1.1" */
  requestLine: string;
  headers: Header[];
  body: { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'base64'; base64: string };
  bodyBytes: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Raw, percent-encoded and form-encoded spellings: a secret may appear in any of them. */
function spellings(values: readonly string[]): string[] {
  const all = new Set<string>();
  for (const v of values) {
    if (v.length === 0) continue;
    all.add(v);
    all.add(encodeURIComponent(v));
    all.add(new URLSearchParams({ v }).toString().slice(2));
  }
  return [...all].sort((a, b) => b.length - a.length);
}

function scrub(text: string, values: readonly string[]): string {
  if (values.length === 0) return text;
  const re = new RegExp(values.map(escapeRegExp).join('|'), 'g');
  return text.replace(re, REDACTED);
}

function scrubUrl(raw: string, r: Redaction, values: readonly string[]): string {
  const u = new URL(raw);
  if (r.queryParams.length > 0) {
    const names = new Set(r.queryParams);
    // Rebuild by hand so untouched params keep their exact encoding.
    const q = u.search.slice(1);
    if (q !== '') {
      u.search = q
        .split('&')
        .map((pair) => {
          const name = decodeURIComponent((pair.split('=')[0] ?? '').replace(/\+/g, ' '));
          return names.has(name) ? `${pair.split('=')[0]}=${encodeURIComponent(REDACTED)}` : pair;
        })
        .join('&');
    }
  }
  if (u.password !== '') u.password = REDACTED;
  // Scheme, host and port are never secret; scrubbing them would only garble the URL.
  const pathAndQuery = scrub(`${u.pathname}${u.search}`, values);
  return `${u.protocol}//${u.username || u.password ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}${pathAndQuery}${u.hash}`;
}

function scrubBody(text: string, r: Redaction, values: readonly string[]): string {
  let out = text;
  if (r.bodyFields.length > 0) {
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = { ...(v as Record<string, unknown>) };
        for (const f of r.bodyFields) if (f in o) o[f] = REDACTED;
        out = JSON.stringify(o);
      }
    } catch {
      const p = new URLSearchParams(text);
      let changed = false;
      for (const f of r.bodyFields) {
        if (p.has(f)) {
          p.set(f, REDACTED);
          changed = true;
        }
      }
      if (changed) out = p.toString();
    }
  }
  return scrub(out, values);
}

/** A copy safe to show, log, or copy without secrets. */
export function redactSent(sent: SentRequest, r: Redaction): SentRequest {
  const values = spellings(r.values);
  const hidden = new Set(r.headers.map((h) => h.toLowerCase()));
  const url = scrubUrl(sent.url, r, values);
  const target = url.slice(url.indexOf('/', url.indexOf('//') + 2)).replace(/#.*$/, '');
  return {
    ...sent,
    url,
    requestLine: `${sent.method} ${target} HTTP/1.1`,
    headers: sent.headers.map((h) => ({
      name: h.name,
      value: hidden.has(h.name.toLowerCase()) ? REDACTED : scrub(h.value, values),
    })),
    body: sent.body.kind === 'text' ? { kind: 'text', text: scrubBody(sent.body.text, r, values) } : sent.body,
  };
}

export function redactUrl(url: string, r: Redaction): string {
  return scrubUrl(url, r, spellings(r.values));
}

/** What went out, from the wire request (secrets included). */
export function sentFrom(req: { method: string; url: URL; headers: Header[]; body: Buffer | null }): SentRequest {
  let body: SentRequest['body'] = { kind: 'none' };
  if (req.body && req.body.length > 0) {
    try {
      body = { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(req.body) };
    } catch {
      body = { kind: 'base64', base64: req.body.toString('base64') };
    }
  }
  return {
    method: req.method,
    url: req.url.href,
    requestLine: `${req.method} ${req.url.pathname}${req.url.search} HTTP/1.1`,
    headers: req.headers.map((h) => ({ ...h })),
    body,
    bodyBytes: req.body?.length ?? 0,
  };
}
