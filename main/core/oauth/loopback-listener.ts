/**
 * The loopback redirect listener of RFC 8252 §7.3: a one-shot HTTP server on this computer that
 * receives the authorization response from the user's own browser.
 *
 * Why it is this strict:
 * - It binds the IP literal 127.0.0.1 (RFC 8252 §8.3), never 0.0.0.0: nothing off this computer
 *   can reach it. A provider registered with http://localhost:PORT/... still gets a loopback-only
 *   listener (127.0.0.1, plus ::1 when available, since browsers may resolve localhost to either).
 * - Only GET on the exact path with the exact Host header is answered (DNS-rebinding defence);
 *   anything else gets 404/405/400 and the listener keeps waiting for the real callback.
 * - The state it issued is single use: a callback without it, or with another, gets a 400 page
 *   and no code exchange; after the first valid callback every further one is "already used".
 * - RFC 9207: an `iss` parameter must name the expected issuer (mix-up defence).
 * - Pages are static, escaped text with a strict CSP and no referrer, so a hostile `error_description`
 *   cannot script the page and the code never leaks through a Referer header.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import { LatchError } from '../model/errors';
import { sameSecret } from '../security/same-secret';
import { protocolError, toLatchError } from './errors';

export interface LoopbackCallbackInfo {
  method: string;
  /** Path and query; the caller redacts it before logging. */
  url: string;
  status: number;
  at: number;
}

export interface LoopbackListenerOptions<T> {
  /** '' or undefined: http://127.0.0.1:<free port>/callback. Otherwise the registered loopback redirect URI. */
  redirectUri?: string;
  /** RFC 9207: when the response carries `iss`, it must equal this. */
  expectedIssuer?: string;
  /**
   * 'query' for the authorization code grant. 'fragment' only for the legacy implicit grant,
   * whose response never reaches a server: the page posts location.hash back (same origin).
   */
  responseMode?: 'query' | 'fragment';
  /** Default 5 minutes: enough to sign in, short enough not to leave a port open all day. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Called at most once, with the parameters of the one callback that carried the right state
   * and no error. Its result (e.g. the token exchange) becomes `result`.
   */
  onCallback: (params: URLSearchParams) => Promise<T>;
  /** Every request the listener answers, for the flow log. */
  onRequest?: (info: LoopbackCallbackInfo) => void;
  /** The moment the valid callback arrives, before onCallback runs (progress UI, benchmarks). */
  onCallbackReceived?: () => void;
}

export interface LoopbackListener<T> {
  /** The redirect_uri to send in the authorization request. */
  readonly redirectUri: string;
  /** The single-use state to send in the authorization request. */
  readonly state: string;
  /** Settles once: onCallback's value, or ERR_OAUTH / ERR_CANCELLED / ERR_TIMEOUT. */
  readonly result: Promise<T>;
  /** Stops listening; a pending result fails with ERR_CANCELLED. */
  close(): Promise<void>;
}

export interface LoopbackTarget {
  /** Host name as written in the redirect URI (127.0.0.1, localhost or [::1]). */
  hostname: string;
  /** 0: any free port. */
  port: number;
  path: string;
  /** Addresses to bind; the first one is required, the rest best effort. */
  bind: string[];
}

const DEFAULT_REDIRECT = 'http://127.0.0.1/callback';

/**
 * Reads the redirect URI a provider was registered with. A loopback URI without a port means
 * "any port" (RFC 8252 §7.3: the server must allow any port for loopback redirects).
 */
export function parseLoopbackRedirectUri(redirectUri: string | undefined): LoopbackTarget {
  const raw = redirectUri === undefined || redirectUri.trim() === '' ? DEFAULT_REDIRECT : redirectUri.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LatchError('ERR_BAD_INPUT', 'The redirect URI must be a URL such as http://127.0.0.1/callback.', {
      detail: { field: 'redirectUri' },
    });
  }
  const bind =
    url.hostname === '127.0.0.1'
      ? ['127.0.0.1']
      : url.hostname === '[::1]'
        ? ['::1']
        : url.hostname === 'localhost'
          ? ['127.0.0.1', '::1']
          : [];
  if (url.protocol !== 'http:' || bind.length === 0 || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'Latch receives the sign-in on this computer only: the redirect URI must look like http://127.0.0.1/callback or http://localhost:8080/callback (no query).',
      { detail: { field: 'redirectUri' } },
    );
  }
  return { hostname: url.hostname, port: url.port === '' ? 0 : Number(url.port), path: url.pathname, bind };
}

// --- pages -------------------------------------------------------------------------------

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1b1b1f}h1{font-size:1.4rem}pre{white-space:pre-wrap;background:#f3f3f5;padding:.75rem;border-radius:6px}';
/** Legacy implicit grant only: hand the fragment to the listener (same origin) and show its answer as text. */
const FRAGMENT_SCRIPT =
  "(async()=>{const m=document.getElementById('m');const p=location.hash.slice(1);history.replaceState(null,'',location.pathname);try{const r=await fetch(location.pathname,{method:'POST',headers:{'Content-Type':'application/x-www-form-urlencoded'},body:p});m.textContent=await r.text()}catch{m.textContent='Latch stopped waiting for this sign-in.'}})()";
const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
const CSP_FRAGMENT = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(FRAGMENT_SCRIPT)}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, lines: string[], script?: string): string {
  const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)} – Latch</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}${script === undefined ? '' : `<p id="m">Finishing sign-in…</p><script>${script}</script>`}</body></html>`;
}

function errorPage(error: string, description: string | undefined): string {
  const lines = [`The sign-in server answered: ${error}`];
  if (description) lines.push(description);
  lines.push('You can close this tab and try again from Latch.');
  return page('Sign-in failed', lines);
}

// --- listener --------------------------------------------------------------------------

/** A single value per name, else undefined (duplicated parameters are refused: RFC 6749 §3.1). */
function single(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  return all.length === 1 ? all[0] : undefined;
}

function hasDuplicates(params: URLSearchParams): boolean {
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

async function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  server.listen({ host, port, exclusive: true });
  // events.once rejects with the 'error' event's Error (EADDRINUSE, EADDRNOTAVAIL...).
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

function portBusy(port: number, e: unknown): LatchError {
  const code = e instanceof Error && 'code' in e ? String(e.code) : 'error';
  return new LatchError(
    'ERR_OAUTH',
    code === 'EADDRINUSE'
      ? `Port ${port} on this computer is in use by another program, so Latch cannot receive the sign-in. Close that program or register another redirect URI.`
      : `Latch could not listen on this computer for the sign-in (${code}).`,
    { detail: { error: 'listener_unavailable', error_description: code } },
  );
}

const MAX_FRAGMENT_BODY = 16 * 1024;

export async function startLoopbackListener<T>(options: LoopbackListenerOptions<T>): Promise<LoopbackListener<T>> {
  const target = parseLoopbackRedirectUri(options.redirectUri);
  const responseMode = options.responseMode ?? 'query';
  const state = oauth.generateRandomState();
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;

  if (options.signal?.aborted) throw new LatchError('ERR_CANCELLED', 'The sign-in was cancelled.');

  const servers: Server[] = [];
  let expectedHost = '';
  let origin = '';
  let consumed = false;
  let settled = false;
  let resolveResult!: (v: T) => void;
  let rejectResult!: (e: LatchError) => void;
  const result = new Promise<T>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The caller may attach late (or never, after close()); that is not an unhandled rejection.
  result.catch(() => undefined);

  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => finish(new LatchError('ERR_CANCELLED', 'The sign-in was cancelled.'));

  function shutdown(): Promise<void> {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    return Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (!s.listening) return resolve();
            s.close(() => resolve());
            s.closeIdleConnections();
          }),
      ),
    ).then(() => undefined);
  }

  function finish(outcome: { value: T } | LatchError): void {
    if (settled) return;
    settled = true;
    consumed = true;
    if (outcome instanceof LatchError) rejectResult(outcome);
    else resolveResult(outcome.value);
    void shutdown();
  }

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    html: string,
    extra: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CSP,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      // One request per connection, so closing never waits on a browser's idle keep-alive.
      Connection: 'close',
      ...extra,
    });
    res.end(html);
    options.onRequest?.({ method: req.method ?? '', url: req.url ?? '', status, at: Date.now() });
  }

  function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string) {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'close',
    });
    res.end(text);
    options.onRequest?.({ method: req.method ?? '', url: req.url ?? '', status, at: Date.now() });
  }

  interface Outcome {
    status: number;
    title: string;
    lines: string[];
    /** The provider's error, shown as plain text. */
    providerError?: { error: string; description?: string };
  }

  /** The protocol part, shared by query callbacks and posted fragments. */
  async function handleResponse(params: URLSearchParams): Promise<Outcome> {
    if (consumed) {
      return {
        status: 400,
        title: 'Already used',
        lines: ['This sign-in response was already used. You can close this tab.'],
      };
    }
    const got = single(params, 'state');
    if (got === undefined || !sameSecret(got, state)) {
      return {
        status: 400,
        title: 'Not this sign-in',
        lines: [
          'This response does not belong to the sign-in Latch started (state missing or different). Nothing was done.',
        ],
      };
    }
    consumed = true;
    if (hasDuplicates(params)) {
      finish(protocolError('The sign-in', 'invalid_request', 'duplicated response parameters'));
      return { status: 400, title: 'Sign-in failed', lines: ['The response repeated a parameter, so it was refused.'] };
    }
    const iss = params.get('iss');
    if (iss !== null && options.expectedIssuer !== undefined && iss !== options.expectedIssuer) {
      finish(
        new LatchError(
          'ERR_OAUTH',
          'The sign-in response came from another issuer than the one Latch asked. Nothing was done.',
          {
            detail: { error: 'invalid_issuer' },
          },
        ),
      );
      return {
        status: 400,
        title: 'Sign-in failed',
        lines: ['The response names another issuer than expected, so it was refused.'],
      };
    }
    const error = params.get('error');
    if (error !== null) {
      const description = params.get('error_description') ?? undefined;
      finish(protocolError('The sign-in', error, description));
      return { status: 400, title: 'Sign-in failed', lines: [], providerError: { error, description } };
    }
    options.onCallbackReceived?.();
    try {
      const value = await options.onCallback(params);
      finish({ value });
      return {
        status: 200,
        title: 'Signed in',
        lines: ['Latch has the tokens. You can close this tab and return to Latch.'],
      };
    } catch (e) {
      const mapped = toLatchError(e, 'The sign-in');
      finish(mapped);
      const reason = typeof mapped.detail?.error === 'string' ? mapped.detail.error : 'error';
      return {
        status: 400,
        title: 'Sign-in failed',
        lines: [
          `Latch could not finish the sign-in (${reason}).`,
          'You can close this tab and see the details in Latch.',
        ],
      };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '';
    if (req.headers.host !== expectedHost || !rawUrl.startsWith('/') || rawUrl.startsWith('//')) {
      return send(req, res, 400, page('Bad request', ['This address only answers sign-in callbacks for Latch.']));
    }
    const url = new URL(rawUrl, origin);
    if (url.pathname !== target.path) {
      return send(req, res, 404, page('Not found', ['Nothing here.']));
    }
    if (responseMode === 'fragment' && req.method === 'POST') return handleFragmentPost(req, res);
    if (req.method !== 'GET') {
      return send(req, res, 405, page('Method not allowed', ['Only GET is answered here.']), { Allow: 'GET' });
    }
    if (responseMode === 'fragment' && url.search === '') {
      // Legacy implicit grant: the tokens are in the fragment, which only the page can read.
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': CSP_FRAGMENT,
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
        Connection: 'close',
      });
      res.end(page('Signing in', [], FRAGMENT_SCRIPT));
      options.onRequest?.({ method: 'GET', url: url.pathname, status: 200, at: Date.now() });
      return;
    }
    const outcome = await handleResponse(url.searchParams);
    const html = outcome.providerError
      ? errorPage(outcome.providerError.error, outcome.providerError.description)
      : page(outcome.title, outcome.lines);
    send(req, res, outcome.status, html);
  }

  async function handleFragmentPost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Same-origin only: a page elsewhere cannot post a forged fragment (the state check backs this up).
    if (req.headers.origin !== origin) return sendText(req, res, 403, 'Refused: not posted by the sign-in page.');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_FRAGMENT_BODY) return sendText(req, res, 413, 'Refused: too large.');
      chunks.push(chunk);
    }
    const outcome = await handleResponse(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const pe = outcome.providerError;
    const text = pe
      ? `Sign-in failed. The sign-in server answered: ${pe.error}${pe.description ? ` – ${pe.description}` : ''}`
      : `${outcome.title}. ${outcome.lines.join(' ')}`;
    sendText(req, res, outcome.status, text);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(req, res, 500, 'Internal error.');
    });
  };

  // The first address is required; further ones (::1 for localhost) are best effort.
  const first = createServer(onRequest);
  servers.push(first);
  let port: number;
  try {
    port = (await listen(first, target.bind[0] ?? '127.0.0.1', target.port)).port;
  } catch (e) {
    throw portBusy(target.port, e);
  }
  for (const address of target.bind.slice(1)) {
    const extra = createServer(onRequest);
    try {
      await listen(extra, address, port);
      servers.push(extra);
    } catch {
      // No IPv6 loopback here, or the port is taken on it: 127.0.0.1 alone still works.
    }
  }
  for (const s of servers) {
    // After listening, a server error (rare: fd exhaustion) ends the flow instead of crashing the app.
    s.on('error', (e) => finish(portBusy(port, e)));
  }
  expectedHost = `${target.hostname}:${port}`;
  origin = `http://${expectedHost}`;
  const redirectUri = `${origin}${target.path}`;

  timer = setTimeout(
    () => finish(new LatchError('ERR_TIMEOUT', 'The sign-in was not completed in time. Start it again when ready.')),
    timeoutMs,
  );
  timer.unref();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    redirectUri,
    state,
    result,
    close: async () => {
      finish(new LatchError('ERR_CANCELLED', 'The sign-in was cancelled.'));
      await shutdown();
    },
  };
}
