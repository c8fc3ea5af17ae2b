import { LatchError } from '../../model/errors';
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

/**
 * Sets one field of a JSON-object or form body (what = "The API key", for the error).
 * Other body kinds cannot hold a field: the error says where else it can go.
 */
export function setBodyField(req: WireRequest, field: string, value: string, what: string): WireRequest {
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
      `${what} goes in a body field: give the request a JSON or form body, or put it in a header or query parameter.`,
      { detail: { field: 'body' } },
    );
  }
  return withBody(req, Buffer.from(next, 'utf8'));
}

/** A field's value in a JSON-object or form body, if the user already gave it. */
export function getBodyField(req: WireRequest, field: string): string | undefined {
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
