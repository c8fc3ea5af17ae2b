import { performance } from 'node:perf_hooks';
import { LatchError } from '../model/errors';
import { type Clock, systemClock } from '../platform';
import { type AuthContext, applyAuth, type RequestAuth } from './auth/apply';
import type { DigestSession } from './auth/digest';
import { pickDigestChallenge } from './auth/digest';
import type { GetAccessToken } from './auth/oauth2';
import { cookiesFrom } from './cookies';
import { networkCode } from './errors';
import { credentialSecretValues, secretsSent } from './mask';
import { redactSent, redactUrl, type SentRequest, sentFrom } from './redact';
import { HttpRequest, type HttpRequestInput } from './request';
import type { HttpResponse, RedirectHop } from './response';
import { classifyBody } from './response-body';
import {
  type AttemptRecord,
  abortableSleep,
  cancelled,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type RetryPolicy,
} from './retry';
import { type Agents, createAgents, destroyAgents, type RawExchange, transmit } from './transmit';
import {
  buildWireRequest,
  getHeader,
  type Redaction,
  removeHeader,
  USER_AGENT,
  type WireRequest,
  withDefaultHeaders,
} from './wire';

export interface HttpEngineDeps {
  clock?: Clock;
  /** Waits between attempts; tests pass a fake. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1): backoff jitter. */
  random?: () => number;
  /** From the OAuth module; without it an OAuth2 credential's stored token is used. */
  getAccessToken?: GetAccessToken;
  userAgent?: string;
}

export interface SendOptions {
  auth?: RequestAuth;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  /** Called after each attempt, for a live timeline. */
  onAttempt?: (a: AttemptRecord) => void;
  /** Awaited before each attempt goes out: the polite client's rate limit waits here. */
  beforeAttempt?: (attempt: number) => Promise<void>;
}

/** A request with auth applied but not sent: for copy as cURL / fetch. */
export interface PreparedRequest {
  sent: SentRequest;
  sentRedacted: SentRequest;
  redaction: Redaction;
  followRedirects: boolean;
  verifyTls: boolean;
  timeoutMs: number;
  /** Digest needs the server's challenge, so it cannot be precomputed; curl can do it with --digest. */
  digest?: { username: string; password: string };
}

export interface HttpEngine {
  send(request: HttpRequestInput, options?: SendOptions): Promise<HttpResponse>;
  prepare(request: HttpRequestInput, options?: Pick<SendOptions, 'auth'>): Promise<PreparedRequest>;
  /** Closes pooled keep-alive connections. */
  close(): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Dropped when a redirect leaves the origin, as browsers and curl do.
const CROSS_ORIGIN_DROP = ['authorization', 'cookie', 'proxy-authorization'];

function parseRequest(input: HttpRequestInput): HttpRequest {
  const r = HttpRequest.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new LatchError('ERR_BAD_INPUT', `The request is not valid: ${issue?.message ?? 'check the fields'}.`, {
      detail: { field: String(issue?.path[0] ?? 'request') },
    });
  }
  return r.data;
}

interface ExchangeResult {
  raw: RawExchange;
  final: WireRequest;
  hops: RedirectHop[];
}

export function createHttpEngine(deps: HttpEngineDeps = {}): HttpEngine {
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const userAgent = deps.userAgent ?? USER_AGENT;
  const agents: Agents = createAgents();
  const digestSessions = new Map<string, DigestSession>();

  const authContext = (url: URL, forceRefresh: boolean): AuthContext => {
    const digest = digestSessions.get(url.origin);
    return {
      clock,
      forceRefresh,
      ...(deps.getAccessToken ? { getAccessToken: deps.getAccessToken } : {}),
      ...(digest ? { digest } : {}),
    };
  };

  async function exchange(
    request: HttpRequest,
    auth: RequestAuth | undefined,
    signal?: AbortSignal,
  ): Promise<ExchangeResult> {
    const deadline = performance.now() + request.timeoutMs;
    let current = withDefaultHeaders(buildWireRequest(request), userAgent);
    const hops: RedirectHop[] = [];
    let authOn = auth !== undefined;
    let digestAnswered = false;
    let refreshed = false;
    for (;;) {
      const authed = authOn && auth ? await applyAuth(current, auth, authContext(current.url, refreshed)) : current;
      const remaining = Math.max(1, deadline - performance.now());
      const raw = await transmit(authed, {
        timeoutMs: remaining,
        reportedTimeoutMs: request.timeoutMs,
        verifyTls: request.verifyTls,
        maxBodyBytes: request.maxBodyBytes,
        agents,
        ...(signal ? { signal } : {}),
      });
      if (raw.status === 401 && authOn && auth?.kind === 'digest' && !digestAnswered) {
        const challenge = pickDigestChallenge(
          raw.headers.filter((h) => h.name.toLowerCase() === 'www-authenticate').map((h) => h.value),
        );
        if (challenge) {
          digestSessions.set(current.url.origin, { challenge, nc: 0 });
          digestAnswered = true;
          continue;
        }
      }
      if (raw.status === 401 && authOn && auth?.kind === 'oauth2' && !refreshed) {
        refreshed = true;
        continue;
      }
      const location = getHeader(raw.headers, 'location');
      if (request.followRedirects && REDIRECTS.has(raw.status) && location !== undefined) {
        if (hops.length >= request.maxRedirects) {
          throw new LatchError(
            'ERR_HTTP',
            `Stopped after ${request.maxRedirects} redirects; the server may be redirecting in a loop.`,
            {
              detail: { cause: 'ETOOMANYREDIRECTS', host: current.url.host },
            },
          );
        }
        let next: URL;
        try {
          next = new URL(location, current.url);
        } catch {
          throw new LatchError('ERR_HTTP', 'The server redirected to an address that is not a valid URL.', {
            detail: { cause: 'EBADREDIRECT', host: current.url.host },
          });
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new LatchError(
            'ERR_HTTP',
            `The server redirected to a ${next.protocol} URL; only http(s) is followed.`,
            {
              detail: { cause: 'EBADREDIRECT', host: current.url.host },
            },
          );
        }
        hops.push({
          method: current.method,
          url: redactUrl(authed.url.href, authed.redaction),
          status: raw.status,
          location: redactUrl(next.href, authed.redaction),
        });
        // RFC 9110 §15.4: 303 always becomes GET; 301/302 turn POST into GET as every client does.
        const toGet =
          raw.status === 303
            ? current.method !== 'HEAD'
            : (raw.status === 301 || raw.status === 302) && current.method === 'POST';
        let headers = current.headers;
        if (next.origin !== current.url.origin) {
          authOn = false;
          for (const h of CROSS_ORIGIN_DROP) headers = removeHeader(headers, h);
        }
        if (toGet) headers = removeHeader(removeHeader(headers, 'content-type'), 'content-length');
        current = withDefaultHeaders(
          {
            ...current,
            url: next,
            method: toGet ? 'GET' : current.method,
            body: toGet ? null : current.body,
            bodyKind: toGet ? 'none' : current.bodyKind,
            headers,
          },
          userAgent,
        );
        digestAnswered = false;
        continue;
      }
      return { raw, final: authed, hops };
    }
  }

  function toResponse(
    r: ExchangeResult,
    attempts: AttemptRecord[],
    retryNote: string | null,
    auth: RequestAuth | undefined,
  ): HttpResponse {
    const { raw, final } = r;
    const sent = sentFrom(final);
    return {
      status: raw.status,
      statusText: raw.statusText,
      httpVersion: raw.httpVersion,
      url: redactUrl(final.url.href, final.redaction),
      headers: raw.headers,
      body: classifyBody(raw.body, raw.headers),
      truncated: raw.truncated,
      decodeError: raw.decodeError,
      size: { headerBytes: raw.headerBytes, wireBodyBytes: raw.wireBodyBytes, bodyBytes: raw.body.length },
      timing: raw.timing,
      tls: raw.tls,
      cookies: cookiesFrom(raw.headers),
      redirects: r.hops,
      sent,
      sentRedacted: redactSent(sent, final.redaction),
      redaction: final.redaction,
      secretValues: secretsSent(credentialSecretValues(auth), sent, final.redaction),
      attempts,
      retryNote,
      receivedAt: clock.now(),
    };
  }

  return {
    async send(input, options = {}) {
      const request = parseRequest(input);
      const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(options.retry ?? {}) };
      const attempts: AttemptRecord[] = [];
      let waitMsBefore = 0;
      let reason = 'first attempt';
      for (let attempt = 1; ; attempt++) {
        if (options.signal?.aborted) throw cancelled();
        await options.beforeAttempt?.(attempt);
        const startedAt = clock.now();
        const t0 = performance.now();
        let result: ExchangeResult | null = null;
        let error: unknown = null;
        try {
          result = await exchange(request, options.auth, options.signal);
        } catch (e) {
          error = e;
        }
        const outcome = result ? result.raw.status : networkCode(error);
        const record: AttemptRecord = {
          attempt,
          startedAt,
          durationMs: performance.now() - t0,
          outcome,
          waitMsBefore,
          reason,
        };
        attempts.push(record);
        options.onAttempt?.(record);
        if (
          error instanceof LatchError &&
          (error.code === 'ERR_CANCELLED' ||
            error.code === 'ERR_BAD_INPUT' ||
            error.code === 'ERR_OAUTH_LOGIN_REQUIRED' ||
            error.code === 'ERR_OAUTH')
        ) {
          throw error;
        }
        const decision = decideRetry(
          result ? { status: result.raw.status, headers: result.raw.headers } : { errorCode: String(outcome) },
          attempt,
          request.method,
          policy,
          clock.now(),
          random,
        );
        if (!decision.retry) {
          if (result) return toResponse(result, attempts, decision.note, options.auth);
          if (error instanceof LatchError) {
            throw attempt > 1
              ? new LatchError(error.code, `${error.message} (after ${attempt} attempts)`, {
                  detail: { ...(error.detail ?? {}), attempts: attempt },
                  cause: error,
                })
              : error;
          }
          throw new LatchError('ERR_INTERNAL', 'The request failed unexpectedly.', { cause: error });
        }
        await sleep(decision.waitMs, options.signal);
        waitMsBefore = decision.waitMs;
        reason = decision.reason;
      }
    },

    async prepare(input, options = {}) {
      const request = parseRequest(input);
      let req = withDefaultHeaders(buildWireRequest(request), userAgent);
      const auth = options.auth;
      if (auth) req = await applyAuth(req, auth, authContext(req.url, false));
      const sent = sentFrom(req);
      return {
        sent,
        sentRedacted: redactSent(sent, req.redaction),
        redaction: req.redaction,
        followRedirects: request.followRedirects,
        verifyTls: request.verifyTls,
        timeoutMs: request.timeoutMs,
        ...(auth?.kind === 'digest' && !digestSessions.has(req.url.origin)
          ? { digest: { username: auth.fields.username, password: auth.fields.password } }
          : {}),
      };
    },

    close() {
      destroyAgents(agents);
    },
  };
}
