/**
 * The flow request log: one entry per HTTP exchange of an OAuth flow, for the "what happened"
 * panel. Everything that could let someone replay the flow is redacted before it is stored.
 */
import type { Clock } from '../platform';
import { systemClock } from '../platform';
import type { FetchLike } from './oauth-context';

export interface FlowRequestEntry {
  method: string;
  /** Query values of secret parameters replaced by [redacted]. */
  url: string;
  /** 0 when no answer came (network error, abort). */
  status: number;
  durationMs: number;
  /** Unix milliseconds when the request started. */
  at: number;
  /** Request headers with Authorization and cookies redacted. */
  requestHeaders?: Record<string, string>;
  /** Form body with secret parameters redacted. */
  requestBody?: string;
  /** Set when no answer came, e.g. ECONNREFUSED. */
  error?: string;
}

const REDACTED = '[redacted]';

/** Parameter names whose values are secrets or single-use credentials. */
export const SECRET_PARAMETERS: ReadonlySet<string> = new Set([
  'client_secret',
  'code',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'assertion',
  'client_assertion',
  'device_code',
  'password',
]);

const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'dpop',
  'proxy-authorization',
]);

export function redactParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of params) out.append(k, SECRET_PARAMETERS.has(k.toLowerCase()) ? REDACTED : v);
  return out;
}

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return REDACTED;
  }
  parsed.username = '';
  parsed.password = '';
  // Implicit-grant fragments carry tokens; fragments never matter for a log.
  parsed.hash = '';
  const query = redactParams(parsed.searchParams).toString();
  parsed.search = query === '' ? '' : `?${query}`;
  return parsed.href;
}

export function redactHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
  });
  return out;
}

export function redactBody(body: RequestInit['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (body instanceof URLSearchParams) return redactParams(body).toString();
  if (typeof body === 'string') return redactParams(new URLSearchParams(body)).toString();
  return REDACTED;
}

type Listener = (entry: FlowRequestEntry) => void;

export class FlowRequestLog {
  readonly entries: FlowRequestEntry[] = [];
  readonly #listeners = new Set<Listener>();

  record(entry: FlowRequestEntry): void {
    this.entries.push(entry);
    for (const l of this.#listeners) l(entry);
  }

  /** Returns the function that unsubscribes. */
  onEntry(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** Wraps a fetch so each exchange lands in the log; the log never sees a secret. */
export function loggingFetch(log: FlowRequestLog, inner: FetchLike, clock: Clock = systemClock): FetchLike {
  return async (url, init) => {
    const at = clock.now();
    const started = performance.now();
    const base = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: redactUrl(url),
      at,
      requestHeaders: redactHeaders(init.headers),
      ...(redactBody(init.body) === undefined ? {} : { requestBody: redactBody(init.body) }),
    };
    try {
      const response = await inner(url, init);
      log.record({ ...base, status: response.status, durationMs: performance.now() - started });
      return response;
    } catch (e) {
      const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
      const error = typeof cause?.code === 'string' ? cause.code : e instanceof Error ? e.name : 'error';
      log.record({ ...base, status: 0, durationMs: performance.now() - started, error });
      throw e;
    }
  };
}
