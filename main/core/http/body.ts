import { randomBytes } from 'node:crypto';
import { LatchError } from '../model/errors';
import { encodeMultipart } from './multipart';
import type { RequestBody } from './request';

export interface EncodedBody {
  bytes: Buffer | null;
  contentType: string | null;
}

function jsonError(text: string, e: unknown): LatchError {
  const msg = e instanceof SyntaxError ? e.message : 'it does not parse';
  const m = /position (\d+)/.exec(msg);
  let where = '';
  if (m?.[1] !== undefined) {
    const pos = Number(m[1]);
    const before = text.slice(0, pos).split('\n');
    where = ` at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
  }
  return new LatchError(
    'ERR_BAD_INPUT',
    `The JSON body is not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '')}.`,
    {
      detail: { field: 'body' },
    },
  );
}

/** application/x-www-form-urlencoded as browsers write it (space as +). */
export function formEncode(fields: ReadonlyArray<{ name: string; value: string; enabled?: boolean }>): string {
  const p = new URLSearchParams();
  for (const f of fields) if (f.enabled !== false && f.name !== '') p.append(f.name, f.value);
  return p.toString();
}

export function encodeBody(
  body: RequestBody,
  boundary = `----LatchBoundary${randomBytes(12).toString('hex')}`,
): EncodedBody {
  switch (body.kind) {
    case 'none':
      return { bytes: null, contentType: null };
    case 'json': {
      if (body.text.trim() !== '') {
        try {
          JSON.parse(body.text);
        } catch (e) {
          throw jsonError(body.text, e);
        }
      }
      return { bytes: Buffer.from(body.text, 'utf8'), contentType: 'application/json' };
    }
    case 'form':
      return { bytes: Buffer.from(formEncode(body.fields), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
    case 'multipart':
      return {
        bytes: encodeMultipart(body.fields, body.files ?? [], boundary),
        contentType: `multipart/form-data; boundary=${boundary}`,
      };
    case 'raw':
      return { bytes: Buffer.from(body.text, 'utf8'), contentType: body.contentType ?? 'text/plain; charset=utf-8' };
  }
}
