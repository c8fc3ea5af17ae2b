import { describe, expect, it } from 'vitest';
import { encodeMultipart, multipartField, withMultipartField } from '../../../main/core/http/multipart';

const B = 'b0undary';
const file = { name: 'token', filename: 'token.txt', contentType: 'text/plain', data: Buffer.from('file text') };

describe('multipart bodies: the field auth sets', () => {
  it('appends a new text field after the others and keeps file parts as they were', () => {
    const body = encodeMultipart([{ name: 'q', value: 'x' }], [file], B);
    const next = withMultipartField(body, B, 'api_key', 'k-1');
    expect(next.toString('utf8')).toBe(
      `--${B}\r\nContent-Disposition: form-data; name="q"\r\n\r\nx\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="token"; filename="token.txt"\r\nContent-Type: text/plain\r\n\r\nfile text\r\n` +
        `--${B}\r\nContent-Disposition: form-data; name="api_key"\r\n\r\nk-1\r\n--${B}--\r\n`,
    );
    expect(multipartField(next, B, 'api_key')).toBe('k-1');
  });

  it('replaces a text field of that name in place (and drops repeats); a file part of that name is not a field', () => {
    const body = encodeMultipart(
      [
        { name: 'api_key', value: 'typed' },
        { name: 'q', value: 'x' },
        { name: 'api_key', value: 'again' },
      ],
      [{ ...file, name: 'api_key' }],
      B,
    );
    const next = withMultipartField(body, B, 'api_key', 'vault');
    const text = next.toString('utf8');
    expect(text.indexOf('name="api_key"\r\n\r\nvault')).toBeLessThan(text.indexOf('name="q"'));
    expect(text).not.toContain('typed');
    expect(text).not.toContain('again');
    expect(text).toContain('filename="token.txt"');
    expect(multipartField(next, B, 'api_key')).toBe('vault');
    expect(multipartField(encodeMultipart([], [file], B), B, 'token')).toBeUndefined();
  });

  it('sets a field in an empty body, and refuses bytes not framed by the boundary', () => {
    const empty = encodeMultipart([], [], B);
    expect(withMultipartField(empty, B, 'k', 'v').toString('utf8')).toBe(
      `--${B}\r\nContent-Disposition: form-data; name="k"\r\n\r\nv\r\n--${B}--\r\n`,
    );
    expect(() => withMultipartField(Buffer.from('k=v'), B, 'k', 'v')).toThrow(/not framed by its boundary/);
    expect(() => withMultipartField(Buffer.from(`--${B}\r\nno end`), B, 'k', 'v')).toThrow(/not framed/);
  });
});
