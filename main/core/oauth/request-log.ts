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
  /**
   * 'ok' for an answer below 400 that names no OAuth error; 'failed' for no answer, a 4xx/5xx, or
   * a 200 whose body carries `error` (GitHub, some token servers): the log never calls a refusal ok.
   */
  outcome: 'ok' | 'failed';
  /** The OAuth error code the answer named (invalid_grant, slow_down…), if any. */
  oauthError?: string;
  /** The answer's body with every token, secret and code masked; at most RESPONSE_BODY_MAX characters. */
  responseBody?: string;
}

/** Enough for any token or error answer; a larger body is cut (and said to be). */
export const RESPONSE_BODY_MAX = 4096;

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

/** JSON member names whose values are secrets in an answer (beside SECRET_PARAMETERS). */
const SECRET_MEMBERS: ReadonlySet<string> = new Set([
  ...SECRET_PARAMETERS,
  'registration_access_token',
  'issued_token',
  'private_key',
  'secret',
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

function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_MEMBERS.has(k.toLowerCase()) ? REDACTED : maskJson(v);
  return out;
}

const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const SECRET_NAMES = [...SECRET_MEMBERS].join('|');
/** "access_token":"…" and access_token=… in text that is not whole JSON (cut, or HTML). */
const SECRET_PAIR_JSON = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, 'gi');
const SECRET_PAIR_FORM = new RegExp(`\\b(${SECRET_NAMES})=[^&\\s"'<]*`, 'gi');

/**
 * An answer's body as the log may keep it: JSON with every secret member masked (at any depth),
 * a form with secret parameters masked, any other text with secret pairs and JWT-shaped strings
 * masked. Done in main, before the log is stored or crosses to the renderer.
 */
export function redactResponseBody(text: string, contentType: string): string {
  const type = contentType.toLowerCase();
  if (type.includes('json')) {
    try {
      return JSON.stringify(maskJson(JSON.parse(text)), null, 2);
    } catch {
      // A cut or malformed body: the text rules below.
    }
  }
  if (type.includes('x-www-form-urlencoded')) return redactParams(new URLSearchParams(text)).toString();
  return text
    .replace(SECRET_PAIR_JSON, `$1"${REDACTED}"`)
    .replace(SECRET_PAIR_FORM, `$1=${REDACTED}`)
    .replace(JWT_LIKE, REDACTED);
}

/** The OAuth error an answer names, from a JSON or form body (RFC 6749 §5.2), if any. */
export function oauthErrorOf(text: string, contentType: string): string | undefined {
  let error: unknown;
  if (contentType.toLowerCase().includes('json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (typeof body === 'object' && body !== null) error = (body as Record<string, unknown>).error;
    } catch {
      return undefined;
    }
  } else if (contentType.toLowerCase().includes('x-www-form-urlencoded')) {
    error = new URLSearchParams(text).get('error') ?? undefined;
  }
  return typeof error === 'string' && /^[\x20-\x7e]{1,100}$/.test(error) ? error : undefined;
}

/**
 * Reads at most RESPONSE_BODY_MAX bytes of a copy of the answer, leaving the answer itself whole
 * for oauth4webapi: a 50 MB body costs the log 4 KB.
 */
async function readBodyStart(response: Response): Promise<{ text: string; cut: boolean }> {
  const body = response.clone().body;
  if (!body) return { text: '', cut: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  try {
    while (size <= RESPONSE_BODY_MAX) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    cut = size > RESPONSE_BODY_MAX;
  } finally {
    // Not awaited: a tee branch's cancel settles only once the other branch (oauth4webapi's) is
    // read or cancelled too, which happens after this returns.
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { text: new TextDecoder().decode(bytes.subarray(0, RESPONSE_BODY_MAX)), cut };
}

/** What the log keeps of an answer: its outcome, the OAuth error it names, its masked body. */
async function answerFacts(
  response: Response,
): Promise<Pick<FlowRequestEntry, 'outcome' | 'oauthError' | 'responseBody'>> {
  let read: { text: string; cut: boolean };
  try {
    read = await readBodyStart(response);
  } catch {
    read = { text: '', cut: false };
  }
  const type = response.headers.get('content-type') ?? '';
  const oauthError = read.cut ? undefined : oauthErrorOf(read.text, type);
  const masked = read.text === '' ? '' : redactResponseBody(read.text, read.cut ? 'text/plain' : type);
  return {
    outcome: response.status >= 400 || oauthError !== undefined ? 'failed' : 'ok',
    ...(oauthError === undefined ? {} : { oauthError }),
    ...(masked === '' ? {} : { responseBody: read.cut ? `${masked}\n[cut at ${RESPONSE_BODY_MAX} bytes]` : masked }),
  };
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

/** Whole milliseconds: a log reads "23 ms", never 22.849100999. */
function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
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
    let response: Response;
    try {
      response = await inner(url, init);
    } catch (e) {
      const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
      const error = typeof cause?.code === 'string' ? cause.code : e instanceof Error ? e.name : 'error';
      log.record({ ...base, status: 0, durationMs: elapsed(started), error, outcome: 'failed' });
      throw e;
    }
    // Timed to the answer's headers, as a browser's network panel does; the body read is the log's own.
    const durationMs = elapsed(started);
    log.record({ ...base, status: response.status, durationMs, ...(await answerFacts(response)) });
    return response;
  };
}
