import type { RequestBody } from '../http';
import { LatchError } from '../model/errors';

/** Text made of name=value pairs joined by "&", as `curl -d` form bodies are written. */
const FORM_TEXT = /^[^&=]+=[^&]*(&[^&=]+=[^&]*)*$/;

/**
 * The body `latch request` sends for curl's -d and -F:
 * - `-d` JSON (it parses) is sent as JSON; `name=value&…` text as a form, so auth can put a key
 *   in a form field; anything else as raw form-encoded text, as curl does;
 * - `-F name=value` (repeatable) as multipart/form-data;
 * - a Content-Type the user set with -H wins: the text goes as given.
 */
export function curlBody(
  data: string | undefined,
  forms: readonly string[],
  contentType: string | undefined,
): RequestBody {
  if (forms.length > 0) {
    if (data !== undefined)
      throw new LatchError('ERR_BAD_INPUT', 'Give either -d (a body) or -F (multipart fields), not both.', {
        detail: { field: 'body' },
      });
    const fields = forms.map((f) => {
      const eq = f.indexOf('=');
      if (eq <= 0)
        throw new LatchError(
          'ERR_BAD_INPUT',
          `Write each multipart field as -F name=value (got "${f.slice(0, 40)}").`,
          {
            detail: { field: 'body' },
          },
        );
      const value = f.slice(eq + 1);
      if (value.startsWith('@') || value.startsWith('<'))
        throw new LatchError(
          'ERR_BAD_INPUT',
          'Uploading a file with -F name=@file is not supported; send its text as -F name=value, or the file with the app.',
          { detail: { field: 'body' } },
        );
      return { name: f.slice(0, eq), value };
    });
    return { kind: 'multipart', fields, files: [] };
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
