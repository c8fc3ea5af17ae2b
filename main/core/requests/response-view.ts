/**
 * What the renderer may see of a response: everything but `sent` (the signed request,
 * secrets included) and `redaction` (which names the secret values). The body is cut
 * for display at VIEW_BODY_LIMIT so a large download does not flood the bridge.
 */
import {
  auditResponse,
  createMasker,
  type HttpResponse,
  maskBody,
  maskCookies,
  maskHeaders,
  type ResponseAudit,
} from '../http';
import type { Clock } from '../platform';

export const VIEW_BODY_LIMIT = 4 * 1024 * 1024;

function viewBody(body: HttpResponse['body']): { body: HttpResponse['body']; capped: boolean } {
  if (body.kind === 'text' && body.text.length > VIEW_BODY_LIMIT) {
    return { body: { ...body, text: body.text.slice(0, VIEW_BODY_LIMIT) }, capped: true };
  }
  // base64 is 4/3 of the bytes; cut on a 4-character boundary so it still decodes.
  const limit = Math.floor((VIEW_BODY_LIMIT * 4) / 3 / 4) * 4;
  if (body.kind === 'base64' && body.base64.length > limit) {
    return { body: { ...body, base64: body.base64.slice(0, limit) }, capped: true };
  }
  return { body, capped: false };
}

export interface ResponseViewData {
  requestId: string;
  status: number;
  statusText: string;
  httpVersion: string;
  url: string;
  headers: HttpResponse['headers'];
  body: HttpResponse['body'];
  bodyCapped: boolean;
  truncated: boolean;
  decodeError: string | null;
  size: HttpResponse['size'];
  timing: HttpResponse['timing'];
  tls: HttpResponse['tls'];
  cookies: HttpResponse['cookies'];
  redirects: HttpResponse['redirects'];
  sentRedacted: HttpResponse['sentRedacted'];
  attempts: HttpResponse['attempts'];
  retryNote: string | null;
  receivedAt: number;
  audit: ResponseAudit;
  /** How many echoes of a secret that went out were masked in the body, headers, cookies and timeline. */
  masked: number;
}

/**
 * The view of a response for the renderer. A server that echoes the request (httpbin, debug
 * endpoints) would hand back the secret in clear: every value in `secretValues` is masked in
 * the body, headers, cookies and timeline before anything leaves main.
 */
export function toResponseView(requestId: string, r: HttpResponse, clock: Clock): ResponseViewData {
  const m = createMasker(r.secretValues);
  const { body, capped } = viewBody(maskBody(r.body, m));
  const headers = maskHeaders(r.headers, m);
  const cookies = maskCookies(r.cookies, m);
  const attempts = r.attempts.map((a) => ({ ...a, reason: m.text(a.reason) }));
  return {
    requestId,
    status: r.status,
    statusText: r.statusText,
    httpVersion: r.httpVersion,
    url: r.url,
    headers,
    body,
    bodyCapped: capped,
    truncated: r.truncated,
    decodeError: r.decodeError,
    size: r.size,
    timing: r.timing,
    tls: r.tls,
    cookies,
    redirects: r.redirects,
    sentRedacted: r.sentRedacted,
    attempts,
    retryNote: r.retryNote,
    receivedAt: r.receivedAt,
    audit: auditResponse({ url: r.url, status: r.status, headers, tls: r.tls, receivedAt: r.receivedAt }, clock),
    masked: m.count,
  };
}
