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
    body: { kind: 'none' },
    timeoutMs: 30_000,
    followRedirects: true,
    verifyTls: true,
  };
}

/** Query rows written in the URL move to the table, so the table is the one place to edit them. */
export function splitQuery(url: string): { url: string; rows: Row[] } {
  const q = url.indexOf('?');
  if (q < 0) return { url, rows: [] };
  const rows: Row[] = [];
  for (const pair of url.slice(q + 1).split('&')) {
    if (pair === '') continue;
    const [name = '', ...rest] = pair.split('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    rows.push({ name: decode(name), value: decode(rest.join('=')), enabled: true });
  }
  return { url: url.slice(0, q), rows };
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
