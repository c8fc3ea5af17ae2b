import { createHash, randomBytes } from 'node:crypto';
import { LatchError } from '../../model/errors';
import { mergeRedaction, setHeader, type WireRequest } from '../wire';
import { type AuthChallenge, parseWwwAuthenticate } from '../www-authenticate';

/** RFC 7616 algorithms, plus SHA-512 as httpbin spells it. */
export const DIGEST_ALGORITHMS = [
  'MD5',
  'MD5-sess',
  'SHA-256',
  'SHA-256-sess',
  'SHA-512-256',
  'SHA-512-256-sess',
  'SHA-512',
  'SHA-512-sess',
] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

const NODE_HASH: Record<string, string> = {
  MD5: 'md5',
  'SHA-256': 'sha256',
  'SHA-512-256': 'sha512-256',
  'SHA-512': 'sha512',
};
// Prefer the strongest when a server offers several Digest challenges (RFC 7616 §3.7).
const STRENGTH: Record<string, number> = { 'SHA-512-256': 4, 'SHA-512': 3, 'SHA-256': 2, MD5: 1 };

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: DigestAlgorithm;
  /** The qop values offered; empty for RFC 2069 servers. */
  qop: string[];
  stale: boolean;
  userhash: boolean;
}

function toDigestChallenge(c: AuthChallenge): DigestChallenge | null {
  if (c.scheme.toLowerCase() !== 'digest' || c.params.nonce === undefined) return null;
  const alg = DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === (c.params.algorithm ?? 'MD5').toLowerCase());
  if (!alg) return null;
  return {
    realm: c.params.realm ?? '',
    nonce: c.params.nonce,
    ...(c.params.opaque !== undefined ? { opaque: c.params.opaque } : {}),
    algorithm: alg,
    qop: (c.params.qop ?? '')
      .split(',')
      .map((q) => q.trim().toLowerCase())
      .filter(Boolean),
    stale: (c.params.stale ?? '').toLowerCase() === 'true',
    userhash: (c.params.userhash ?? '').toLowerCase() === 'true',
  };
}

/** The strongest supported Digest challenge among the WWW-Authenticate values, or null. */
export function pickDigestChallenge(wwwAuthenticate: readonly string[]): DigestChallenge | null {
  const all = parseWwwAuthenticate(wwwAuthenticate)
    .map(toDigestChallenge)
    .filter((c): c is DigestChallenge => c !== null);
  all.sort(
    (a, b) => (STRENGTH[b.algorithm.replace('-sess', '')] ?? 0) - (STRENGTH[a.algorithm.replace('-sess', '')] ?? 0),
  );
  return all[0] ?? null;
}

export interface DigestInput {
  username: string;
  password: string;
  method: string;
  /** The request-target exactly as sent: path and query. */
  uri: string;
  challenge: DigestChallenge;
  /** Nonce count for this nonce, starting at 1. */
  nc: number;
  cnonce?: string;
  /** Needed only for qop=auth-int. */
  body?: Buffer | null;
}

const q = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;

/** Computes the Authorization header value and the response hash (RFC 7616 §3.4). */
export function digestAuthorization(input: DigestInput): { header: string; response: string } {
  const { challenge: c } = input;
  const base = c.algorithm.replace(/-sess$/, '');
  const hashName = NODE_HASH[base];
  if (!hashName)
    throw new LatchError(
      'ERR_HTTP',
      `The server asks for Digest algorithm ${c.algorithm}, which Latch does not support.`,
    );
  const hash = (s: string | Buffer) => createHash(hashName).update(s).digest('hex');
  const cnonce = input.cnonce ?? randomBytes(16).toString('hex');
  const nc = input.nc.toString(16).padStart(8, '0');
  const qop = c.qop.includes('auth') ? 'auth' : c.qop.includes('auth-int') ? 'auth-int' : null;
  let ha1 = hash(`${input.username}:${c.realm}:${input.password}`);
  if (c.algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${c.nonce}:${cnonce}`);
  const ha2 =
    qop === 'auth-int'
      ? hash(`${input.method}:${input.uri}:${hash(input.body ?? Buffer.alloc(0))}`)
      : hash(`${input.method}:${input.uri}`);
  const response = qop ? hash(`${ha1}:${c.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : hash(`${ha1}:${c.nonce}:${ha2}`);
  const username = c.userhash ? hash(`${input.username}:${c.realm}`) : input.username;
  const parts = [
    `username=${q(username)}`,
    `realm=${q(c.realm)}`,
    `uri=${q(input.uri)}`,
    `algorithm=${c.algorithm}`,
    `nonce=${q(c.nonce)}`,
    ...(qop ? [`nc=${nc}`, `cnonce=${q(cnonce)}`, `qop=${qop}`] : []),
    `response=${q(response)}`,
    ...(c.opaque !== undefined ? [`opaque=${q(c.opaque)}`] : []),
    ...(c.userhash ? ['userhash=true'] : []),
  ];
  return { header: `Digest ${parts.join(', ')}`, response };
}

/** Per-origin Digest state so later requests answer the known nonce with nc+1 without a 401 first. */
export interface DigestSession {
  challenge: DigestChallenge;
  nc: number;
}

export function applyDigest(
  req: WireRequest,
  f: { username: string; password: string },
  session: DigestSession,
  cnonce?: string,
): WireRequest {
  session.nc += 1;
  const { header, response } = digestAuthorization({
    username: f.username,
    password: f.password,
    method: req.method,
    uri: `${req.url.pathname}${req.url.search}`,
    challenge: session.challenge,
    nc: session.nc,
    body: req.body,
    ...(cnonce ? { cnonce } : {}),
  });
  return {
    ...req,
    headers: setHeader(req.headers, 'Authorization', header),
    redaction: mergeRedaction(req.redaction, { values: [response] }),
  };
}
