import { basename } from 'node:path';
import type { MultipartFile, RequestBody } from '../http';
import { LatchError } from '../model/errors';

/** Text made of name=value pairs joined by "&", as `curl -d` form bodies are written. */
const FORM_TEXT = /^[^&=]+=[^&]*(&[^&=]+=[^&]*)*$/;

/** The largest file `-F name=@path` sends: far above an upload a test request carries, far below memory trouble. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

/** A bare type/subtype (RFC 6838 names): nothing that could end the part's header line. */
const CONTENT_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/;

const bad = (message: string) => new LatchError('ERR_BAD_INPUT', message, { detail: { field: 'body' } });

/** `-F name=@path[;type=T][;filename=F]`, curl's form of a file part. */
interface FileSpec {
  name: string;
  path: string;
  contentType: string;
  filename: string;
}

function fileSpec(name: string, spec: string): FileSpec {
  // curl reads ;type= and ;filename= after the path; the path is everything before the first of them.
  const m = /^(.*?)((?:;(?:type|filename)=[^;]*)*)$/.exec(spec);
  const path = m?.[1] ?? spec;
  if (path === '') throw bad(`Name the file to upload after the @: -F ${name}=@path.`);
  let contentType = 'application/octet-stream';
  let filename = basename(path);
  for (const [, key, value] of (m?.[2] ?? '').matchAll(/;(type|filename)=([^;]*)/g)) {
    if (key === 'type') {
      if (!CONTENT_TYPE.test(value ?? ''))
        throw bad(`-F ${name}=@…;type= takes a media type such as text/plain (got "${(value ?? '').slice(0, 40)}").`);
      contentType = value ?? contentType;
    } else if (value !== undefined && value !== '') filename = value;
  }
  return { name, path, contentType, filename };
}

/**
 * The body `latch request` sends for curl's -d and -F:
 * - `-d` JSON (it parses) is sent as JSON; `name=value&…` text as a form, so auth can put a key
 *   in a form field; anything else as raw form-encoded text, as curl does;
 * - `-F name=value` (repeatable) as multipart/form-data, `-F name=@path[;type=T][;filename=F]` as a file part
 *   read with `readFile` (only the paths the user wrote after an @ are ever read);
 * - a Content-Type the user set with -H wins: the text goes as given.
 */
export async function curlBody(
  data: string | undefined,
  forms: readonly string[],
  contentType: string | undefined,
  readFile: (path: string) => Promise<Buffer>,
): Promise<RequestBody> {
  if (forms.length > 0) {
    if (data !== undefined) throw bad('Give either -d (a body) or -F (multipart fields), not both.');
    const fields: { name: string; value: string }[] = [];
    const files: FileSpec[] = [];
    for (const f of forms) {
      const eq = f.indexOf('=');
      if (eq <= 0) throw bad(`Write each multipart field as -F name=value or -F name=@file (got "${f.slice(0, 40)}").`);
      const name = f.slice(0, eq);
      const value = f.slice(eq + 1);
      if (value.startsWith('@')) files.push(fileSpec(name, value.slice(1)));
      else if (value.startsWith('<'))
        throw bad(
          '-F name=<file (a file read as a field value) is not supported; send it as a file with -F name=@file.',
        );
      else fields.push({ name, value });
    }
    const read: MultipartFile[] = [];
    for (const { path, ...part } of files) read.push({ ...part, data: new Uint8Array(await readFile(path)) });
    return { kind: 'multipart', fields, files: read };
  }
  if (data === undefined) return { kind: 'none' };
  if (contentType !== undefined) return { kind: 'raw', text: data, contentType };
  try {
    JSON.parse(data);
    return { kind: 'json', text: data };
  } catch {
    // Not JSON: a form below, or raw text.
  }
  if (FORM_TEXT.test(data)) {
    return { kind: 'form', fields: [...new URLSearchParams(data)].map(([name, value]) => ({ name, value })) };
  }
  return { kind: 'raw', text: data, contentType: 'application/x-www-form-urlencoded' };
}
