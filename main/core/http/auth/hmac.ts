import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { FieldsOf } from '../../model/credential';
import { LatchError } from '../../model/errors';
import {
  effectiveRecipeText,
  type Placement,
  parseRecipe,
  RecipeSyntaxError,
  type SigningRecipe,
  type SignPart,
} from '../../model/signing-recipe';
import type { Clock } from '../../platform';
import { getHeader, mergeRedaction, setHeader, type WireRequest } from '../wire';
import { getBodyField, setBodyField } from './body-update';

type HmacFields = FieldsOf<'hmac'>;

/** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as in most signing schemes. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The values a recipe's outputs and parts refer to, other than the signature. */
export interface SigningValues {
  timestamp: string;
  nonce: string;
  keyId: string;
}

export function recipeOf(f: Pick<HmacFields, 'preset' | 'recipe'>): SigningRecipe {
  try {
    return parseRecipe(effectiveRecipeText(f));
  } catch (e) {
    if (e instanceof RecipeSyntaxError)
      throw new LatchError('ERR_BAD_INPUT', `recipe: ${e.message}.`, { detail: { field: 'recipe' } });
    throw e;
  }
}

// ---- The query exactly as sent: raw "name=value" pairs, never re-encoded or re-sorted ----

const rawPairs = (url: URL) =>
  url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '');
const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};
const pairName = (pair: string) => decode(pair.split('=', 1)[0] ?? '');

function withRawPairs(url: URL, pairs: string[]): URL {
  const u = new URL(url);
  u.search = pairs.join('&');
  return u;
}

function queryValue(url: URL, name: string): string | undefined {
  const pair = rawPairs(url).find((p) => pairName(p) === name);
  return pair === undefined ? undefined : decode(pair.slice(pair.indexOf('=') + 1));
}

/** What the user already put where an output goes (a timestamp they chose is used, not duplicated). */
function givenValue(req: WireRequest, p: Placement): string | undefined {
  if (p.template !== undefined) return undefined;
  if (p.in === 'header') return getHeader(req.headers, p.name);
  if (p.in === 'query') return queryValue(req.url, p.name);
  return getBodyField(req, p.name);
}

function place(req: WireRequest, p: Placement, value: string): WireRequest {
  if (p.in === 'header') return { ...req, headers: setHeader(req.headers, p.name, value) };
  if (p.in === 'query') {
    const pairs = rawPairs(req.url).filter((pair) => pairName(pair) !== p.name);
    return { ...req, url: withRawPairs(req.url, [...pairs, `${rfc3986(p.name)}=${rfc3986(value)}`]) };
  }
  return setBodyField(req, p.name, value, 'The signing recipe puts a value that');
}

function fill(template: string | undefined, values: SigningValues, signature: string): string {
  if (template === undefined) return signature;
  return template.replace(/\{(signature|timestamp|nonce|key-id)\}/g, (_, k: string) =>
    k === 'signature' ? signature : k === 'key-id' ? values.keyId : values[k as 'timestamp' | 'nonce'],
  );
}

const usesNonce = (r: SigningRecipe) =>
  r.nonce !== undefined || r.sign.some((s) => s.part === 'nonce') || (r.signature.template ?? '').includes('{nonce}');

export const randomNonce = () => randomBytes(16).toString('hex');

/**
 * Step 1: puts the key id, timestamp and nonce where the recipe says (before signing, since
 * they may be signed as part of the query or body), and drops a stale signature parameter.
 */
export function placeInputs(
  req: WireRequest,
  r: SigningRecipe,
  keyId: string,
  clock: Clock,
  nonce: () => string = randomNonce,
): { req: WireRequest; values: SigningValues } {
  const now = clock.now();
  const given = r.timestamp ? givenValue(req, r.timestamp) : undefined;
  const values: SigningValues = {
    timestamp: given ?? String(r.time === 'ms' ? Math.floor(now) : Math.floor(now / 1000)),
    nonce: usesNonce(r) ? nonce() : '',
    keyId,
  };
  let out = req;
  if (r.signature.in === 'query') {
    const pairs = rawPairs(out.url).filter((pair) => pairName(pair) !== r.signature.name);
    out = { ...out, url: withRawPairs(out.url, pairs) };
  }
  if (r.keyId && keyId !== '') out = place(out, r.keyId, r.keyId.template ? fill(r.keyId.template, values, '') : keyId);
  if (r.timestamp && given === undefined)
    out = place(out, r.timestamp, r.timestamp.template ? fill(r.timestamp.template, values, '') : values.timestamp);
  if (r.nonce) out = place(out, r.nonce, r.nonce.template ? fill(r.nonce.template, values, '') : values.nonce);
  return { req: out, values };
}

function sortedQuery(url: URL): string {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...url.searchParams.entries()]
    .sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
}

/** Step 2: the bytes to sign. `secretText` is the secret (or, for a preview, a placeholder). */
export function stringToSign(req: WireRequest, r: SigningRecipe, values: SigningValues, secretText: string): Buffer {
  const body = req.body ?? Buffer.alloc(0);
  const text = (s: string) => Buffer.from(s, 'utf8');
  const part = (p: SignPart): Buffer => {
    switch (p.part) {
      case 'method':
        return text(req.method.toUpperCase());
      case 'path':
        return text(req.url.pathname);
      case 'path-query':
        return text(req.url.pathname + req.url.search);
      case 'url':
        return text(`${req.url.protocol}//${req.url.host}${req.url.pathname}`);
      case 'query':
        return text(p.order === 'sorted' ? sortedQuery(req.url) : req.url.search.replace(/^\?/, ''));
      case 'body':
        return body;
      case 'body-hash':
        return text(createHash(p.hash).update(body).digest('hex'));
      case 'timestamp':
        return text(values.timestamp);
      case 'nonce':
        return text(values.nonce);
      case 'key-id':
        return text(values.keyId);
      case 'secret':
        return text(secretText);
      case 'literal':
        return text(p.text);
    }
  };
  return Buffer.concat(r.sign.map(part));
}

function keyBytes(secret: string, r: SigningRecipe): Buffer {
  const s = secret.trim();
  const ok =
    r.secret === 'utf8' ||
    (r.secret === 'hex' && /^([0-9a-fA-F]{2})+$/.test(s)) ||
    (r.secret === 'base64' && /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && s.length % 4 !== 1);
  if (!ok)
    throw new LatchError(
      'ERR_BAD_INPUT',
      `The secret is not valid ${r.secret} text, which the recipe says it is (secret=${r.secret}). Paste the secret exactly as the service gave it, or change the recipe.`,
      { detail: { field: 'secret' } },
    );
  return r.secret === 'utf8' ? Buffer.from(secret, 'utf8') : Buffer.from(s, r.secret);
}

/** Step 3: the signature over the string to sign, encoded as the recipe says. */
export function recipeSignature(r: SigningRecipe, secret: string, toSign: Buffer): string {
  const mac =
    r.digest.mac === 'hmac'
      ? createHmac(r.digest.hash, keyBytes(secret, r)).update(toSign)
      : createHash(r.digest.hash).update(toSign);
  return mac.digest(r.encoding);
}

/** Signs a request with an HMAC credential's recipe. */
export function applyHmac(req: WireRequest, f: HmacFields, clock: Clock, nonce?: () => string): WireRequest {
  const r = recipeOf(f);
  const placed = placeInputs(req, r, f.keyId, clock, nonce);
  const signature = recipeSignature(r, f.secret, stringToSign(placed.req, r, placed.values, f.secret));
  const signed = place(placed.req, r.signature, fill(r.signature.template, placed.values, signature));
  return {
    ...signed,
    redaction: mergeRedaction(signed.redaction, {
      ...(r.signature.in === 'query' ? { queryParams: [r.signature.name] } : {}),
      ...(r.signature.in === 'body' ? { bodyFields: [r.signature.name] } : {}),
      values: [signature],
    }),
  };
}

export interface SigningPreview {
  /** The string to sign, as text, with the secret shown as {secret}. */
  stringToSign: string;
  /** Where each output goes, with the signature shown as {signature}. */
  outputs: { in: Placement['in']; name: string; value: string }[];
}

/**
 * What `applyHmac` would sign for this request, without any secret: for the recipe editor's
 * live preview. Binary body bytes show as U+FFFD.
 */
export function previewSigning(
  req: WireRequest,
  f: Pick<HmacFields, 'preset' | 'recipe' | 'keyId'>,
  clock: Clock,
): SigningPreview {
  const r = recipeOf(f);
  const placed = placeInputs(req, r, f.keyId, clock, () => '{nonce}');
  const outputs: SigningPreview['outputs'] = [];
  const add = (p: Placement | undefined, value: string) => {
    if (p) outputs.push({ in: p.in, name: p.name, value });
  };
  if (f.keyId !== '') add(r.keyId, f.keyId);
  add(r.timestamp, placed.values.timestamp);
  add(r.nonce, placed.values.nonce);
  add(r.signature, fill(r.signature.template, placed.values, '{signature}'));
  return { stringToSign: stringToSign(placed.req, r, placed.values, '{secret}').toString('utf8'), outputs };
}
