import { z } from 'zod';

/**
 * A signing recipe: how an HMAC (or plain-hash) signed request is built. It names the digest,
 * the parts of the string to sign in order, how the signature is written, and where each output
 * goes. Credentials store the recipe as text in the grammar below (docs/credentials.md), which is
 * what the CLI's `--field recipe=...` and the form's editor take; `parseRecipe` turns it into the
 * typed `SigningRecipe`. Pure and isomorphic: no secret is ever an input here.
 */

export const RECIPE_HASHES = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type RecipeHash = (typeof RECIPE_HASHES)[number];

export const RecipeDigest = z.discriminatedUnion('mac', [
  z.object({ mac: z.literal('hmac'), hash: z.enum(RECIPE_HASHES) }),
  /** A plain hash proves the secret only when the secret is one of the signed parts (checked below). */
  z.object({ mac: z.literal('hash'), hash: z.enum(RECIPE_HASHES) }),
]);
export type RecipeDigest = z.infer<typeof RecipeDigest>;

export const SignPart = z.discriminatedUnion('part', [
  z.object({ part: z.literal('method') }),
  /** URL path as sent, percent-encoding kept. */
  z.object({ part: z.literal('path') }),
  /** Path plus "?query" as sent (when there is a query). */
  z.object({ part: z.literal('path-query') }),
  /** scheme://host[:port]/path, without the query. */
  z.object({ part: z.literal('url') }),
  /** The query without "?": exactly as sent, or decoded, sorted by name then value and RFC 3986 encoded. */
  z.object({ part: z.literal('query'), order: z.enum(['as-sent', 'sorted']) }),
  /** The body bytes as sent. */
  z.object({ part: z.literal('body') }),
  /** Lower-case hex hash of the body bytes as sent. */
  z.object({ part: z.literal('body-hash'), hash: z.enum(RECIPE_HASHES) }),
  z.object({ part: z.literal('timestamp') }),
  z.object({ part: z.literal('nonce') }),
  z.object({ part: z.literal('key-id') }),
  /** The secret itself, for plain-hash schemes. */
  z.object({ part: z.literal('secret') }),
  z.object({ part: z.literal('literal'), text: z.string() }),
]);
export type SignPart = z.infer<typeof SignPart>;

export const RECIPE_PLACES = ['header', 'query', 'body'] as const;
const headerToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const Placement = z
  .object({
    in: z.enum(RECIPE_PLACES),
    name: z.string().min(1),
    /** The value written, e.g. "t={timestamp},v1={signature}"; default: the output itself. */
    template: z.string().optional(),
  })
  .refine((p) => p.in !== 'header' || headerToken.test(p.name), {
    message: 'a header name may hold letters, digits and - only',
  });
export type Placement = z.infer<typeof Placement>;

export const SigningRecipe = z
  .object({
    digest: RecipeDigest,
    /** How the secret's text becomes key bytes (Coinbase Exchange and others hand out base64 keys). */
    secret: z.enum(['utf8', 'base64', 'hex']),
    sign: z.array(SignPart).min(1),
    encoding: z.enum(['hex', 'base64', 'base64url']),
    time: z.enum(['s', 'ms']),
    signature: Placement,
    timestamp: Placement.optional(),
    nonce: Placement.optional(),
    keyId: Placement.optional(),
  })
  .superRefine((r, ctx) => {
    const signs = (p: SignPart['part']) => r.sign.some((s) => s.part === p);
    if (r.digest.mac === 'hash' && !signs('secret'))
      ctx.addIssue({
        code: 'custom',
        path: ['sign'],
        message: 'a plain hash must include the secret among the signed parts, or anyone could compute it',
      });
    const sent = (what: 'timestamp' | 'nonce', key: string) =>
      r[what] !== undefined || (r.signature.template ?? '').includes(`{${key}}`);
    if (signs('timestamp') && !sent('timestamp', 'timestamp'))
      ctx.addIssue({
        code: 'custom',
        path: ['timestamp'],
        message: 'the timestamp is signed but never sent: say where it goes, e.g. timestamp=header:X-Timestamp',
      });
    if (signs('nonce') && !sent('nonce', 'nonce'))
      ctx.addIssue({
        code: 'custom',
        path: ['nonce'],
        message: 'the nonce is signed but never sent: say where it goes, e.g. nonce=header:X-Nonce',
      });
  });
export type SigningRecipe = z.infer<typeof SigningRecipe>;

// ---- Text grammar ----

export class RecipeSyntaxError extends Error {}

type Token = { t: 'word'; v: string } | { t: 'str'; v: string } | { t: 'eq' } | { t: 'end' };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ';' || c === '\n') {
      out.push({ t: 'end' });
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '=') {
      out.push({ t: 'eq' });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new RecipeSyntaxError(`a quoted text starting at character ${i + 1} is not closed`);
      try {
        out.push({ t: 'str', v: JSON.parse(text.slice(i, j + 1)) as string });
      } catch {
        throw new RecipeSyntaxError(
          `the quoted text at character ${i + 1} has an unknown escape (use \\n, \\t, \\" or \\\\)`,
        );
      }
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s;="]/.test(text[j] as string)) j++;
      out.push({ t: 'word', v: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

const PLAIN_PARTS = ['method', 'path', 'path-query', 'url', 'body', 'timestamp', 'nonce', 'key-id', 'secret'] as const;

function parsePart(tok: Token): SignPart {
  if (tok.t === 'str') return { part: 'literal', text: tok.v };
  if (tok.t !== 'word') throw new RecipeSyntaxError('sign= takes parts such as method path "\\n" timestamp');
  const [name, arg] = tok.v.split(':', 2) as [string, string | undefined];
  if (name === 'query') {
    if (arg === undefined || arg === 'as-sent') return { part: 'query', order: 'as-sent' };
    if (arg === 'sorted') return { part: 'query', order: 'sorted' };
    throw new RecipeSyntaxError(`query:${arg} is not known; write query (as sent) or query:sorted`);
  }
  if (name === 'body-hash') {
    const hash = arg ?? 'sha256';
    if (!(RECIPE_HASHES as readonly string[]).includes(hash))
      throw new RecipeSyntaxError(`body-hash:${hash} is not known; use one of ${RECIPE_HASHES.join(', ')}`);
    return { part: 'body-hash', hash: hash as RecipeHash };
  }
  if ((PLAIN_PARTS as readonly string[]).includes(name) && arg === undefined) return { part: name } as SignPart;
  throw new RecipeSyntaxError(
    `"${tok.v}" is not a part; parts are ${[...PLAIN_PARTS, 'query', 'query:sorted', 'body-hash[:sha256]'].join(', ')} and "quoted text"`,
  );
}

function parsePlacement(key: string, toks: Token[]): Placement {
  const [where, template, ...rest] = toks;
  const m = where?.t === 'word' ? /^(header|query|body):(.+)$/.exec(where.v) : null;
  if (!m || rest.length > 0 || (template !== undefined && template.t !== 'str'))
    throw new RecipeSyntaxError(
      `${key}= takes header:NAME, query:NAME or body:NAME, optionally followed by a "template"`,
    );
  return {
    in: m[1] as Placement['in'],
    name: m[2] as string,
    ...(template?.t === 'str' ? { template: template.v } : {}),
  };
}

function oneWord<T extends string>(key: string, toks: Token[], allowed: readonly T[]): T {
  const [tok, ...rest] = toks;
  if (tok?.t !== 'word' || rest.length > 0 || !(allowed as readonly string[]).includes(tok.v))
    throw new RecipeSyntaxError(`${key}= takes one of ${allowed.join(', ')}`);
  return tok.v as T;
}

const DIGESTS = RECIPE_HASHES.flatMap((h) => [`hmac-${h}`, h]);

/**
 * Parses recipe text: clauses `key=value` separated by ";" or new lines. Throws
 * RecipeSyntaxError (the message names the clause) or returns a recipe that passed the schema.
 */
export function parseRecipe(text: string): SigningRecipe {
  const clauses: Token[][] = [[]];
  for (const tok of tokenize(text)) {
    if (tok.t === 'end') clauses.push([]);
    else clauses.at(-1)?.push(tok);
  }
  const draft: Record<string, unknown> = {
    digest: { mac: 'hmac', hash: 'sha256' },
    secret: 'utf8',
    encoding: 'hex',
    time: 's',
    signature: { in: 'header', name: 'X-Signature' },
  };
  const seen = new Set<string>();
  for (const clause of clauses) {
    if (clause.length === 0) continue;
    const [k, eq, ...value] = clause;
    if (k?.t !== 'word' || eq?.t !== 'eq')
      throw new RecipeSyntaxError('write each clause as key=value, separated by ";" or new lines');
    if (seen.has(k.v)) throw new RecipeSyntaxError(`${k.v}= is given twice`);
    seen.add(k.v);
    switch (k.v) {
      case 'digest': {
        const d = oneWord('digest', value, DIGESTS);
        draft.digest = d.startsWith('hmac-') ? { mac: 'hmac', hash: d.slice(5) } : { mac: 'hash', hash: d };
        break;
      }
      case 'secret':
        draft.secret = oneWord('secret', value, ['utf8', 'base64', 'hex'] as const);
        break;
      case 'encoding':
        draft.encoding = oneWord('encoding', value, ['hex', 'base64', 'base64url'] as const);
        break;
      case 'time':
        draft.time = oneWord('time', value, ['s', 'ms'] as const);
        break;
      case 'sign':
        draft.sign = value.map(parsePart);
        break;
      case 'signature':
      case 'timestamp':
      case 'nonce':
        draft[k.v] = parsePlacement(k.v, value);
        break;
      case 'key-id':
        draft.keyId = parsePlacement(k.v, value);
        break;
      default:
        throw new RecipeSyntaxError(
          `"${k.v}" is not a recipe key; keys are digest, secret, sign, encoding, time, signature, timestamp, nonce, key-id`,
        );
    }
  }
  if (draft.sign === undefined) throw new RecipeSyntaxError('say what is signed: sign=method path timestamp …');
  const parsed = SigningRecipe.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecipeSyntaxError(issue ? issue.message : 'the recipe is not valid');
  }
  return parsed.data;
}

function formatPart(p: SignPart): string {
  switch (p.part) {
    case 'literal':
      return JSON.stringify(p.text);
    case 'query':
      return p.order === 'sorted' ? 'query:sorted' : 'query';
    case 'body-hash':
      return p.hash === 'sha256' ? 'body-hash' : `body-hash:${p.hash}`;
    default:
      return p.part;
  }
}

const formatPlacement = (p: Placement) =>
  `${p.in}:${p.name}${p.template !== undefined ? ` ${JSON.stringify(p.template)}` : ''}`;

/** The canonical text of a recipe (what `parseRecipe` reads back to the same recipe). */
export function formatRecipe(r: SigningRecipe): string {
  const lines = [
    `digest=${r.digest.mac === 'hmac' ? `hmac-${r.digest.hash}` : r.digest.hash}`,
    ...(r.secret !== 'utf8' ? [`secret=${r.secret}`] : []),
    `sign=${r.sign.map(formatPart).join(' ')}`,
    `encoding=${r.encoding}`,
    `time=${r.time}`,
    ...(r.keyId ? [`key-id=${formatPlacement(r.keyId)}`] : []),
    ...(r.timestamp ? [`timestamp=${formatPlacement(r.timestamp)}`] : []),
    ...(r.nonce ? [`nonce=${formatPlacement(r.nonce)}`] : []),
    `signature=${formatPlacement(r.signature)}`,
  ];
  return lines.join('\n');
}

/** Why the recipe text is not valid, or null. */
export function recipeProblem(text: string): string | null {
  try {
    parseRecipe(text);
    return null;
  } catch (e) {
    if (e instanceof RecipeSyntaxError) return e.message;
    throw e;
  }
}

// ---- Presets ----

/** Each preset is a recipe; docs/credentials.md gives the public documentation each follows. */
export const RECIPE_PRESETS = {
  'timestamp-headers':
    'digest=hmac-sha256\nsign=method "\\n" path "\\n" query "\\n" body-hash "\\n" timestamp\nencoding=hex\ntime=s\nkey-id=header:X-Key-Id\ntimestamp=header:X-Timestamp\nsignature=header:X-Signature',
  'sorted-query':
    'digest=hmac-sha256\nsign=query:sorted\nencoding=hex\ntime=s\nkey-id=query:keyId\ntimestamp=query:timestamp\nsignature=query:signature',
  binance:
    'digest=hmac-sha256\nsign=query body\nencoding=hex\ntime=ms\nkey-id=header:X-MBX-APIKEY\ntimestamp=query:timestamp\nsignature=query:signature',
  coinbase:
    'digest=hmac-sha256\nsign=timestamp method path-query body\nencoding=hex\ntime=s\nkey-id=header:CB-ACCESS-KEY\ntimestamp=header:CB-ACCESS-TIMESTAMP\nsignature=header:CB-ACCESS-SIGN',
  'plain-hash':
    'digest=sha256\nsign=method path timestamp secret\nencoding=hex\ntime=s\nkey-id=header:X-API-Key\ntimestamp=header:X-Timestamp\nsignature=header:X-Signature',
  'full-url':
    'digest=hmac-sha256\nsign=method "\\n" url "\\n" query:sorted "\\n" body "\\n" timestamp\nencoding=hex\ntime=s\nkey-id=header:X-Key-Id\ntimestamp=header:X-Timestamp\nsignature=header:X-Signature',
  'stripe-webhook':
    'digest=hmac-sha256\nsign=timestamp "." body\nencoding=hex\ntime=s\nsignature=header:Stripe-Signature "t={timestamp},v1={signature}"',
} as const satisfies Record<string, string>;

export type RecipePreset = keyof typeof RECIPE_PRESETS;
export const HMAC_PRESETS = [...(Object.keys(RECIPE_PRESETS) as RecipePreset[]), 'custom'] as const;
export type HmacPreset = (typeof HMAC_PRESETS)[number];

/**
 * The recipe text a credential signs with: its own when it has one, else its preset's
 * (no preset: timestamp-headers, the default since before recipes).
 */
export function effectiveRecipeText(f: { preset?: HmacPreset | undefined; recipe: string }): string {
  if (f.recipe.trim() !== '') return f.recipe;
  const preset = f.preset ?? 'timestamp-headers';
  return preset === 'custom' ? '' : RECIPE_PRESETS[preset];
}

/** A named preset with a recipe of its own that says something else: the name would mislead. */
export function presetMismatch(f: { preset?: HmacPreset | undefined; recipe: string }): boolean {
  if (f.preset === undefined || f.preset === 'custom' || f.recipe.trim() === '') return false;
  return f.recipe.trim() !== RECIPE_PRESETS[f.preset];
}

// ---- Migration of the fields stored before recipes existed ----

const LEGACY_KEYS = [
  'algorithm',
  'signed',
  'signatureHeader',
  'timestampHeader',
  'keyIdHeader',
  'signatureParam',
  'encoding',
];
const LEGACY_PARTS: Record<string, string> = {
  method: 'method',
  path: 'path',
  query: 'query',
  'body-hash': 'body-hash',
  timestamp: 'timestamp',
};

/**
 * Turns an HMAC credential's fields as stored before recipes (algorithm, preset
 * timestamp-headers/sorted-query/custom, signed parts, header names, encoding) into
 * `{ keyId, secret, preset, recipe }` that signs byte for byte the same string. Fields
 * already in the new form are returned as they are.
 */
export function migrateLegacyHmacFields(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const f = raw as Record<string, unknown>;
  if (!LEGACY_KEYS.some((k) => k in f)) return raw;
  const str = (k: string, d: string) => (typeof f[k] === 'string' && f[k] !== '' ? (f[k] as string) : d);
  const hash = str('algorithm', 'sha256');
  const encoding = str('encoding', 'hex');
  const preset = str('preset', 'timestamp-headers');
  let recipe: string;
  if (preset === 'sorted-query') {
    recipe = [
      `digest=hmac-${hash}`,
      'sign=query:sorted',
      `encoding=${encoding}`,
      'time=s',
      'key-id=query:keyId',
      'timestamp=query:timestamp',
      `signature=query:${str('signatureParam', 'signature')}`,
    ].join('\n');
  } else {
    const signed = Array.isArray(f.signed) ? (f.signed as string[]) : Object.keys(LEGACY_PARTS);
    const parts = Object.keys(LEGACY_PARTS)
      .filter((p) => signed.includes(p))
      .map((p) => LEGACY_PARTS[p]);
    recipe = [
      `digest=hmac-${hash}`,
      // An empty list signed the empty string.
      `sign=${parts.length > 0 ? parts.join(' "\\n" ') : '""'}`,
      `encoding=${encoding}`,
      'time=s',
      `key-id=header:${str('keyIdHeader', 'X-Key-Id')}`,
      `timestamp=header:${str('timestampHeader', 'X-Timestamp')}`,
      `signature=header:${str('signatureHeader', 'X-Signature')}`,
    ].join('\n');
  }
  const out: Record<string, unknown> = { preset: 'custom', recipe };
  if ('keyId' in f) out.keyId = f.keyId;
  if ('secret' in f) out.secret = f.secret;
  return out;
}
