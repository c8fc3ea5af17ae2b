import { LatchError } from '../../model/errors';
import { boundaryOf, multipartField, withMultipartField } from '../multipart';
import { getHeader, setHeader, type WireRequest } from '../wire';

/** Replaces the body and keeps Content-Length true to it. */
export function withBody(req: WireRequest, body: Buffer): WireRequest {
  const headers =
    getHeader(req.headers, 'content-length') !== undefined || body.length > 0
      ? setHeader(req.headers, 'Content-Length', String(body.length))
      : req.headers;
  return { ...req, body, headers };
}

function jsonObject(text: string, what: string): Record<string, unknown> {
  let obj: unknown = {};
  if (text.trim() !== '') obj = JSON.parse(text);
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new LatchError('ERR_BAD_INPUT', `${what} goes in a body field, so the JSON body must be an object.`, {
      detail: { field: 'body' },
    });
  }
  return obj as Record<string, unknown>;
}

/** The boundary of a multipart body, from the Content-Type it goes with. */
function multipartBoundary(req: WireRequest): string {
  const boundary = boundaryOf(getHeader(req.headers, 'content-type'));
  if (boundary === undefined)
    throw new LatchError(
      'ERR_BAD_INPUT',
      'The multipart body has no boundary in its Content-Type; leave the Content-Type out and Latch sets it.',
      { detail: { field: 'headers' } },
    );
  return boundary;
}

/**
 * Sets one field of a JSON-object, form or multipart body (what = "The API key", for the error).
 * Other body kinds cannot hold a field: the error says where else it can go.
 */
export function setBodyField(req: WireRequest, field: string, value: string, what: string): WireRequest {
  if (req.bodyKind === 'multipart')
    return withBody(req, withMultipartField(req.body ?? Buffer.alloc(0), multipartBoundary(req), field, value));
  const text = req.body?.toString('utf8') ?? '';
  let next: string;
  if (req.bodyKind === 'json') {
    next = JSON.stringify({ ...jsonObject(text, what), [field]: value });
  } else if (req.bodyKind === 'form') {
    const p = new URLSearchParams(text);
    p.set(field, value);
    next = p.toString();
  } else {
    throw new LatchError(
      'ERR_BAD_INPUT',
      `${what} goes in a body field: give the request a JSON, form or multipart body, or put it in a header or query parameter.`,
      { detail: { field: 'body' } },
    );
  }
  return withBody(req, Buffer.from(next, 'utf8'));
}

/** A field's value in a JSON-object, form or multipart body, if the user already gave it. */
export function getBodyField(req: WireRequest, field: string): string | undefined {
  if (req.bodyKind === 'multipart' && req.body !== null) return multipartField(req.body, multipartBoundary(req), field);
  const text = req.body?.toString('utf8') ?? '';
  if (req.bodyKind === 'form') return new URLSearchParams(text).get(field) ?? undefined;
  if (req.bodyKind === 'json' && text.trim() !== '') {
    try {
      const v = (JSON.parse(text) as Record<string, unknown>)?.[field];
      return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
