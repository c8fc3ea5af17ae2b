/** The composer's state and small pure helpers the request screens share. */
import type { z } from 'zod';
import type { ComposedRequest, RetrySettings } from '../../../../preload/channels/requests';
import { jsonErrorAt } from './json-position';

export type Draft = z.output<typeof ComposedRequest>;
export type Row = Draft['query'][number];
export type BodyKind = Draft['body']['kind'];
export type Retry = z.input<typeof RetrySettings>;

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export function emptyDraft(baseUrl: string): Draft {
  return {
    method: 'GET',
    url: baseUrl ? `${baseUrl.replace(/\/+$/, '')}/` : '',
    query: [],
    headers: [],
    serviceHeaders: [],
    body: { kind: 'none' },
    timeoutMs: 30_000,
    followRedirects: true,
    verifyTls: true,
  };
}

/**
 * The URL box and the Params table are one state: the URL (query included) is what goes out,
 * and the rows are its query, split for editing. Typing a URL replaces the rows; editing a row
 * rewrites the URL. Unticked rows are kept for the editor only: they are not in the URL, so they
 * never go out. A row typed earlier cannot linger, because nothing is sent but the URL.
 */
function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** The URL cut at its query and fragment (a fragment never goes on the wire, but it stays in the box). */
function partsOf(url: string): { base: string; query: string | null; hash: string } {
  const h = url.indexOf('#');
  const hash = h < 0 ? '' : url.slice(h);
  const rest = h < 0 ? url : url.slice(0, h);
  const q = rest.indexOf('?');
  return q < 0 ? { base: rest, query: null, hash } : { base: rest.slice(0, q), query: rest.slice(q + 1), hash };
}

/** The query of a URL as rows, in order, duplicates kept. */
export function queryRows(url: string): Row[] {
  const { query } = partsOf(url);
  if (query === null) return [];
  const rows: Row[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const [name = '', ...rest] = pair.split('=');
    rows.push({ name: decode(name), value: decode(rest.join('=')), enabled: true });
  }
  return rows;
}

/** The URL typed: its query becomes the rows (unticked rows stay, unticked, below them). */
export function withUrl(d: Draft, url: string): Draft {
  return { ...d, url, query: [...queryRows(url), ...d.query.filter((r) => !r.enabled)] };
}

/** The rows edited: the URL's query is rewritten from the ticked, named rows. */
export function withRows(d: Draft, rows: Row[]): Draft {
  const { base, hash } = partsOf(d.url);
  const sent = rows.filter((r) => r.enabled && r.name !== '');
  const query = sent.map((r) => `${encodeURIComponent(r.name)}=${encodeURIComponent(r.value)}`).join('&');
  return { ...d, url: `${base}${query === '' ? '' : `?${query}`}${hash}`, query: rows };
}

/**
 * What crosses to main for send, copy and save: the URL as shown (less its fragment) and only
 * the unticked rows, which main never sends. The ticked rows are in the URL already; sending
 * them too would send each twice, and a stale row would go out.
 */
export function toSend(d: Draft): Draft {
  const { base, query } = partsOf(d.url);
  return { ...d, url: query === null ? base : `${base}?${query}`, query: d.query.filter((r) => !r.enabled) };
}

/**
 * A request loaded from history or saved before the URL held the query: its rows go into the
 * URL (as they were sent then); a URL with a query of its own is taken as it is.
 */
export function normalizeDraft(d: Draft): Draft {
  if (partsOf(d.url).query !== null) return withUrl({ ...d, query: d.query.filter((r) => !r.enabled) }, d.url);
  return withRows(d, d.query);
}

/** Where the JSON first goes wrong, as line and column, or null when the text is valid JSON. */
export function jsonProblem(text: string): { message: string; line: number; column: number } | null {
  if (text.trim() === '') return null;
  const at = jsonErrorAt(text);
  if (at === null) return null;
  const before = text.slice(0, at.offset).split('\n');
  return { message: at.reason, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function statusTone(status: number): 'ok' | 'info' | 'warn' | 'danger' {
  if (status >= 500) return 'danger';
  if (status >= 400) return 'warn';
  if (status >= 300) return 'info';
  return 'ok';
}

export function newRequestId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return `r_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
