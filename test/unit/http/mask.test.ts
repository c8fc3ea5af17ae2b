import { describe, expect, it } from 'vitest';
import { createMasker, maskBody } from '../../../main/core/http';

describe('masking echoed secrets', () => {
  it('masks the value as is, JSON-escaped, URL- and form-encoded, and counts each place', () => {
    const m = createMasker(['p@ss "w/rd"']);
    const text = `a=p@ss "w/rd" b="p@ss \\"w/rd\\"" c=${encodeURIComponent('p@ss "w/rd"')} d=p%40ss+%22w%2Frd%22`;
    expect(m.text(text)).toBe('a=[redacted] b="[redacted]" c=[redacted] d=[redacted]');
    expect(m.count).toBe(4);
  });

  it('masks a binary body byte for byte, UTF-8 values included', () => {
    const m = createMasker(['clé-secrète']);
    const bytes = Buffer.concat([Buffer.from([0, 255]), Buffer.from('clé-secrète'), Buffer.from([1])]);
    const out = maskBody({ kind: 'base64', base64: bytes.toString('base64'), contentType: null }, m);
    expect(out.kind === 'base64' && Buffer.from(out.base64, 'base64').includes(Buffer.from('clé-secrète'))).toBe(false);
    expect(m.count).toBe(1);
  });

  it('leaves values shorter than four characters alone, and text without a secret untouched', () => {
    const m = createMasker(['abc', 'long-secret']);
    expect(m.text('abc abc 100%25 a+b')).toBe('abc abc 100%25 a+b');
    expect(m.count).toBe(0);
  });
});
