import { LatchError } from '../model/errors';
import type { KeyValue, MultipartFile } from './request';

/*
 * multipart/form-data (RFC 7578) as Latch writes it, and the one edit auth makes to it: set a text field. Written
 * here rather than with a form-data library because auth works on the encoded bytes (the wire request), and only
 * ever on a body this module wrote: parts as `--B CRLF headers CRLF CRLF content CRLF`, then `--B--`.
 */

const quote = (s: string) => s.replace(/[\r\n"]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'));

function textPart(name: string, value: string): Buffer {
  return Buffer.concat([
    Buffer.from(`Content-Disposition: form-data; name="${quote(name)}"\r\n\r\n`, 'utf8'),
    Buffer.from(value, 'utf8'),
  ]);
}

function filePart(file: MultipartFile): Buffer {
  return Buffer.concat([
    Buffer.from(
      `Content-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      'utf8',
    ),
    Buffer.from(file.data),
  ]);
}

/** Parts (each its headers, blank line and content) framed by the boundary, then the closing delimiter. */
function frame(parts: readonly Buffer[], boundary: string): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) out.push(Buffer.from(`--${boundary}\r\n`), p, Buffer.from('\r\n'));
  out.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(out);
}

export function encodeMultipart(
  fields: readonly KeyValue[],
  files: readonly MultipartFile[],
  boundary: string,
): Buffer {
  const parts = fields.filter((f) => f.enabled !== false && f.name !== '').map((f) => textPart(f.name, f.value));
  return frame([...parts, ...files.map(filePart)], boundary);
}

/** The boundary a multipart Content-Type names, quoted or not. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /;\s*boundary=(?:"([^"]+)"|([^";\s]+))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

function splitParts(body: Buffer, boundary: string): Buffer[] {
  const open = Buffer.from(`--${boundary}\r\n`);
  const between = Buffer.from(`\r\n--${boundary}`);
  const bad = () =>
    new LatchError('ERR_BAD_INPUT', 'The multipart body is not framed by its boundary; send it as -F fields.', {
      detail: { field: 'body' },
    });
  if (body.equals(Buffer.from(`--${boundary}--\r\n`))) return [];
  if (!body.subarray(0, open.length).equals(open)) throw bad();
  const parts: Buffer[] = [];
  let start = open.length;
  for (;;) {
    const end = body.indexOf(between, start);
    if (end < 0) throw bad();
    parts.push(body.subarray(start, end));
    const after = end + between.length;
    if (body.subarray(after, after + 2).toString('latin1') === '--') return parts;
    if (body.subarray(after, after + 2).toString('latin1') !== '\r\n') throw bad();
    start = after + 2;
  }
}

/** A part's field name, and whether it is a file (file parts are never read or replaced as fields). */
function describe(part: Buffer): { name: string | undefined; file: boolean; content: Buffer } {
  const cut = part.indexOf('\r\n\r\n');
  const head = part.subarray(0, Math.max(cut, 0)).toString('utf8');
  const disposition = /^content-disposition:\s*form-data;\s*name="([^"]*)"(.*)$/im.exec(head);
  return {
    name: disposition?.[1],
    file: /;\s*filename=/i.test(disposition?.[2] ?? ''),
    content: part.subarray(cut < 0 ? part.length : cut + 4),
  };
}

/** The value of a text field of a multipart body, if it holds one of that name. */
export function multipartField(body: Buffer, boundary: string, name: string): string | undefined {
  const want = quote(name);
  for (const p of splitParts(body, boundary)) {
    const d = describe(p);
    if (!d.file && d.name === want) return d.content.toString('utf8');
  }
  return undefined;
}

/** The body with the text field `name` set to `value`: replaced where it was, appended after the others if new. */
export function withMultipartField(body: Buffer, boundary: string, name: string, value: string): Buffer {
  const want = quote(name);
  const parts = splitParts(body, boundary);
  const isIt = (p: Buffer) => {
    const d = describe(p);
    return !d.file && d.name === want;
  };
  const at = parts.findIndex(isIt);
  const kept = parts.filter((p, i) => i === at || !isIt(p));
  const next = at < 0 ? [...kept, textPart(name, value)] : kept.map((p) => (isIt(p) ? textPart(name, value) : p));
  return frame(next, boundary);
}
