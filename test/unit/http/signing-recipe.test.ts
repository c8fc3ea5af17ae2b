import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyHmac,
  buildWireRequest,
  getHeader,
  HttpRequest,
  type HttpRequestInput,
  previewRecipeSigning,
  type WireRequest,
} from '../../../main/core/http';
import { Credential, HmacFields } from '../../../main/core/model/credential';
import { LatchError } from '../../../main/core/model/errors';
import {
  formatRecipe,
  HMAC_PRESETS,
  parseRecipe,
  RECIPE_PRESETS,
  RecipeSyntaxError,
} from '../../../main/core/model/signing-recipe';

const wire = (r: HttpRequestInput): WireRequest => buildWireRequest(HttpRequest.parse(r));
const clock = { now: () => 1_700_000_000_123 };
const hmac = (alg: string, key: string | Buffer, text: string, enc: 'hex' | 'base64' = 'hex') =>
  createHmac(alg, key).update(text).digest(enc);

describe('recipe grammar', () => {
  it.each(Object.keys(RECIPE_PRESETS))('preset %s parses and formats back to the same recipe', (name) => {
    const r = parseRecipe(RECIPE_PRESETS[name as keyof typeof RECIPE_PRESETS]);
    expect(parseRecipe(formatRecipe(r))).toEqual(r);
  });

  it('reads clauses separated by ";" or new lines, with quoted literals holding ";" and "="', () => {
    const r = parseRecipe('digest=sha512 ; sign=method ";=" secret\nencoding=base64url; time=ms');
    expect(r.digest).toEqual({ mac: 'hash', hash: 'sha512' });
    expect(r.sign).toEqual([{ part: 'method' }, { part: 'literal', text: ';=' }, { part: 'secret' }]);
    expect(r.encoding).toBe('base64url');
    expect(r.time).toBe('ms');
    expect(r.signature).toEqual({ in: 'header', name: 'X-Signature' });
  });

  it.each([
    ['colour=red; sign=method', /not a recipe key/],
    ['sign=method verb', /"verb" is not a part/],
    ['sign=method "open', /not closed/],
    ['sign=method; sign=path', /given twice/],
    ['digest=md5; sign=method', /digest= takes one of/],
    ['digest=sha256; sign=method path timestamp; timestamp=header:X-T', /plain hash must include the secret/],
    ['sign=method timestamp', /timestamp is signed but never sent/],
    ['sign=nonce', /nonce is signed but never sent/],
    ['sign=method; signature=cookie:x', /signature= takes header:NAME/],
    ['sign=method; signature=header:Bad Name', /signature= takes header:NAME/],
    ['sign=method; signature=header:Bad(Name)', /header name/],
    ['digest=hmac-sha256', /say what is signed/],
  ])('refuses %j, saying why', (text, why) => {
    expect(() => parseRecipe(text)).toThrow(RecipeSyntaxError);
    expect(() => parseRecipe(text)).toThrow(why);
  });

  it('a credential with a bad recipe fails validation on the recipe field, and custom needs one', () => {
    const bad = HmacFields.safeParse({ secret: 's', preset: 'custom', recipe: 'sign=wat' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['recipe']);
    expect(HmacFields.safeParse({ secret: 's', preset: 'custom' }).error?.issues[0]?.message).toMatch(/needs a recipe/);
    expect(HMAC_PRESETS).toContain('binance');
  });
});

describe('migration of HMAC credentials stored before recipes', () => {
  const stored = (fields: Record<string, unknown>) =>
    Credential.parse({ id: 'c1', name: 'old', kind: 'hmac', createdAt: 1, updatedAt: 1, fields });
  const fieldsOf = (c: Credential) => {
    if (c.kind !== 'hmac') throw new Error('not hmac');
    return c.fields;
  };

  it('the old default (timestamp-headers, sha256, hex) signs the same string as before', () => {
    const f = fieldsOf(
      stored({
        keyId: 'kid',
        secret: 'old-secret',
        algorithm: 'sha256',
        preset: 'timestamp-headers',
        signed: ['method', 'path', 'query', 'body-hash', 'timestamp'],
        signatureHeader: 'X-Signature',
        timestampHeader: 'X-Timestamp',
        keyIdHeader: 'X-Key-Id',
        signatureParam: 'signature',
        encoding: 'hex',
      }),
    );
    expect(f.preset).toBe('custom');
    const signed = applyHmac(wire({ method: 'DELETE', url: 'https://a.test/v1/x?z=1&a=2' }), f, clock);
    const bodyHash = createHash('sha256').update('').digest('hex');
    expect(getHeader(signed.headers, 'X-Signature')).toBe(
      hmac('sha256', 'old-secret', `DELETE\n/v1/x\nz=1&a=2\n${bodyHash}\n1700000000`),
    );
    expect(getHeader(signed.headers, 'X-Key-Id')).toBe('kid');
  });

  it('custom parts, header names, sha512 and base64 carry over', () => {
    const f = fieldsOf(
      stored({
        secret: 'x',
        algorithm: 'sha512',
        preset: 'custom',
        signed: ['timestamp', 'method'],
        signatureHeader: 'Sig',
        timestampHeader: 'When',
        encoding: 'base64',
      }),
    );
    const signed = applyHmac(wire({ method: 'GET', url: 'https://a.test/' }), f, clock);
    expect(getHeader(signed.headers, 'When')).toBe('1700000000');
    expect(getHeader(signed.headers, 'Sig')).toBe(hmac('sha512', 'x', 'GET\n1700000000', 'base64'));
  });

  it('sorted-query with its own signature parameter carries over', () => {
    const f = fieldsOf(
      stored({ secret: 'q', keyId: 'k', preset: 'sorted-query', signatureParam: 'sig', algorithm: 'sha1' }),
    );
    const signed = applyHmac(wire({ method: 'GET', url: 'https://a.test/l?b=2&a=1' }), f, clock);
    expect(signed.url.searchParams.get('sig')).toBe(hmac('sha1', 'q', 'a=1&b=2&keyId=k&timestamp=1700000000'));
  });

  it('fields already in the new form are left alone', () => {
    const f = fieldsOf(stored({ secret: 's', preset: 'binance', recipe: '' }));
    expect(f).toEqual({ keyId: '', secret: 's', preset: 'binance', recipe: '' });
  });
});

describe('recipe signing details', () => {
  it('binance: a timestamp the user gave is used once, the query is signed as sent (not re-sorted)', () => {
    const f = HmacFields.parse({ keyId: 'api-key', secret: 'b-secret', preset: 'binance' });
    const signed = applyHmac(
      wire({ method: 'GET', url: 'https://api.binance.test/api/v3/order?symbol=LTCBTC&timestamp=1499827319559&a=1' }),
      f,
      clock,
    );
    const q = signed.url.search.slice(1);
    expect(q.match(/timestamp=/g)).toHaveLength(1);
    const sent = 'symbol=LTCBTC&timestamp=1499827319559&a=1';
    expect(q).toBe(`${sent}&signature=${hmac('sha256', 'b-secret', sent)}`);
    expect(getHeader(signed.headers, 'X-MBX-APIKEY')).toBe('api-key');
  });

  it('binance without a timestamp adds one in milliseconds, and a stale signature parameter is dropped', () => {
    const f = HmacFields.parse({ keyId: 'k', secret: 's', preset: 'binance' });
    const signed = applyHmac(wire({ method: 'GET', url: 'https://b.test/x?signature=old&q=1' }), f, clock);
    const sig = hmac('sha256', 's', 'q=1&timestamp=1700000000123');
    expect(signed.url.search).toBe(`?q=1&timestamp=1700000000123&signature=${sig}`);
  });

  it('a base64 secret is decoded; text that is not base64 is refused without echoing it', () => {
    const key = Buffer.from('raw key bytes \x00\xff', 'latin1');
    const recipe = 'secret=base64; sign=method; encoding=base64';
    const f = HmacFields.parse({ secret: key.toString('base64'), preset: 'custom', recipe });
    const signed = applyHmac(wire({ method: 'GET', url: 'https://a.test/' }), f, clock);
    expect(getHeader(signed.headers, 'X-Signature')).toBe(hmac('sha256', key, 'GET', 'base64'));
    const bad = HmacFields.parse({ secret: 'not base64 !!', preset: 'custom', recipe });
    try {
      applyHmac(wire({ method: 'GET', url: 'https://a.test/' }), bad, clock);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LatchError);
      expect((e as LatchError).message).not.toContain('not base64 !!');
    }
  });

  it('a nonce, a JSON body field for the signature and base64url', () => {
    const recipe =
      'sign=nonce ":" body; encoding=base64url; nonce=header:X-Nonce; signature=body:sig; key-id=query:key';
    const f = HmacFields.parse({ keyId: 'id 1', secret: 'n', preset: 'custom', recipe });
    const signed = applyHmac(
      wire({ method: 'POST', url: 'https://a.test/p', body: { kind: 'json', text: '{"a":1}' } }),
      f,
      clock,
      () => 'abc',
    );
    const expected = createHmac('sha256', 'n').update('abc:{"a":1}').digest('base64url');
    expect(getHeader(signed.headers, 'X-Nonce')).toBe('abc');
    expect(JSON.parse(signed.body?.toString() ?? '')).toEqual({ a: 1, sig: expected });
    expect(getHeader(signed.headers, 'Content-Length')).toBe(String(signed.body?.length));
    expect(signed.url.search).toBe('?key=id%201');
    expect(signed.redaction.bodyFields).toContain('sig');
  });

  it('the preview shows the string to sign with placeholders and never the secret', () => {
    const p = previewRecipeSigning(
      { method: 'post', url: 'https://a.test/v1/items?x=1' },
      { preset: 'plain-hash', recipe: '', keyId: 'pub' },
      clock,
    );
    expect(p.stringToSign).toBe('POST/v1/items1700000000{secret}');
    expect(p.outputs).toEqual([
      { in: 'header', name: 'X-API-Key', value: 'pub' },
      { in: 'header', name: 'X-Timestamp', value: '1700000000' },
      { in: 'header', name: 'X-Signature', value: '{signature}' },
    ]);
    const stripe = previewRecipeSigning(
      { method: 'POST', url: 'https://a.test/hook', body: { kind: 'raw', text: '{"id":"evt_1"}' } },
      { preset: 'stripe-webhook', recipe: '', keyId: '' },
      clock,
    );
    expect(stripe.stringToSign).toBe('1700000000.{"id":"evt_1"}');
    expect(stripe.outputs).toEqual([{ in: 'header', name: 'Stripe-Signature', value: 't=1700000000,v1={signature}' }]);
  });
});

describe('preset and recipe together', () => {
  it('a recipe alone is the user’s own; a named preset with a different recipe is refused', () => {
    const own = HmacFields.parse({ secret: 's', recipe: 'sign=method' });
    expect(own.preset).toBeUndefined();
    const signed = applyHmac(wire({ method: 'GET', url: 'https://a.test/' }), own, clock);
    expect(getHeader(signed.headers, 'X-Signature')).toBe(hmac('sha256', 's', 'GET'));
    const mismatch = HmacFields.safeParse({ secret: 's', preset: 'binance', recipe: 'sign=method' });
    expect(mismatch.error?.issues[0]?.path).toEqual(['preset']);
    expect(HmacFields.safeParse({ secret: 's', preset: 'binance', recipe: RECIPE_PRESETS.binance }).success).toBe(true);
  });
});
