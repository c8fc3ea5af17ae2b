import type { FieldsOf } from '../../model/credential';
import { LatchError } from '../../model/errors';
import { mergeRedaction, setHeader, type WireRequest } from '../wire';
import { withBody } from './body-update';

/** "Bearer" and "Token" get a space; "key=" or "Bearer " are used as written. */
export function apiKeyHeaderValue(value: string, prefix: string | undefined): string {
  if (!prefix) return value;
  return /[\s=:]$/.test(prefix) ? `${prefix}${value}` : `${prefix} ${value}`;
}

/** Puts the key where the credential says: one header, one query parameter, or one body field. */
export function applyApiKey(req: WireRequest, f: FieldsOf<'api-key'>): WireRequest {
  if (f.header !== undefined) {
    return {
      ...req,
      headers: setHeader(req.headers, f.header, apiKeyHeaderValue(f.value, f.prefix)),
      redaction: mergeRedaction(req.redaction, { values: [f.value] }),
    };
  }
  if (f.query !== undefined) {
    const url = new URL(req.url);
    url.searchParams.set(f.query, f.value);
    return { ...req, url, redaction: mergeRedaction(req.redaction, { queryParams: [f.query], values: [f.value] }) };
  }
  if (f.body !== undefined) {
    const field = f.body;
    const text = req.body?.toString('utf8') ?? '';
    let next: string;
    if (req.bodyKind === 'json') {
      let obj: unknown = {};
      if (text.trim() !== '') obj = JSON.parse(text);
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        throw new LatchError('ERR_BAD_INPUT', 'The API key goes in a body field, so the JSON body must be an object.', {
          detail: { field: 'body' },
        });
      }
      next = JSON.stringify({ ...(obj as Record<string, unknown>), [field]: f.value });
    } else if (req.bodyKind === 'form') {
      const p = new URLSearchParams(text);
      p.set(field, f.value);
      next = p.toString();
    } else {
      throw new LatchError(
        'ERR_BAD_INPUT',
        'This API key goes in a body field: give the request a JSON or form body, or put the key in a header or query parameter.',
        { detail: { field: 'body' } },
      );
    }
    return withBody(
      { ...req, redaction: mergeRedaction(req.redaction, { bodyFields: [field], values: [f.value] }) },
      Buffer.from(next, 'utf8'),
    );
  }
  throw new LatchError('ERR_BAD_INPUT', 'Say where the API key goes: a header, a query parameter or a body field.', {
    detail: { field: 'header' },
  });
}
