import { getHeader, type Header } from './wire';

export type ResponseBody =
  | { kind: 'empty' }
  | { kind: 'text'; text: string; contentType: string | null }
  | { kind: 'base64'; base64: string; contentType: string | null };

const TEXT_TYPES =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|ecmascript|x-www-form-urlencoded|graphql|yaml|x-yaml|problem\+json|ld\+json)\b)|^image\/svg\+xml/i;

/** Text when the type says so or the bytes are clean UTF-8; otherwise base64, so images can be previewed. */
export function classifyBody(bytes: Buffer, headers: readonly Header[]): ResponseBody {
  if (bytes.length === 0) return { kind: 'empty' };
  const contentType = getHeader(headers, 'content-type') ?? null;
  const charset = /charset="?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  const declaredText = contentType !== null && TEXT_TYPES.test(contentType);
  if (declaredText && (charset === 'iso-8859-1' || charset === 'latin1' || charset === 'us-ascii')) {
    return { kind: 'text', text: bytes.toString('latin1'), contentType };
  }
  const binaryType =
    contentType !== null && /^(image|audio|video|font)\/|octet-stream|zip|pdf|protobuf/i.test(contentType);
  if (!binaryType) {
    try {
      const text = new TextDecoder('utf-8', { fatal: !declaredText }).decode(bytes);
      if (declaredText || !text.includes('\u0000')) return { kind: 'text', text, contentType };
    } catch {
      // Not UTF-8: binary.
    }
  }
  return { kind: 'base64', base64: bytes.toString('base64'), contentType };
}
