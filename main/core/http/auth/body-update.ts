import { getHeader, setHeader, type WireRequest } from '../wire';

/** Replaces the body and keeps Content-Length true to it. */
export function withBody(req: WireRequest, body: Buffer): WireRequest {
  const headers =
    getHeader(req.headers, 'content-length') !== undefined || body.length > 0
      ? setHeader(req.headers, 'Content-Length', String(body.length))
      : req.headers;
  return { ...req, body, headers };
}
