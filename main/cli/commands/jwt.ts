import { jwtSignerFields } from '../../app/jwt/jwt-service';
import { jwtVerdict } from '../../app/jwt/jwt-verdict';
import { readCappedFile } from '../../core/io/read-capped';
import {
  decodeJwt,
  type JwtAlgorithm,
  type JwtKeyInput,
  keyInputFromText,
  signJwt,
  signWithJwtSigner,
} from '../../core/jwt';
import { JWT_ALGORITHMS } from '../../core/model/credential';
import { systemClock } from '../../core/platform';
import { usageError } from '../parse-args';
import { MAX_STDIN_VALUE_BYTES, readAllStdin } from '../read-stdin';
import type { CliCommand, CliContext } from '../registry';
import { readSecretOption } from '../secret-option';
import { withSession } from '../with-store';

const USAGE = [
  'latch jwt decode TOKEN',
  'latch jwt verify TOKEN (--secret -|REF | --key FILE | --jwks URL) [--iss I] [--aud A]',
  'latch jwt sign (REF | --alg ALG (--key FILE | --secret -|REF)) [--claim k=v]... [--iss I] [--sub S] [--aud A] [--ttl SECONDS] [--kid K]',
].join('\n   |   ');

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function tokenArg(ctx: CliContext, value: string | undefined): Promise<string> {
  if (value === undefined) throw usageError('Give the token (or "-" to read it from stdin).');
  return value === '-' ? (await readAllStdin(ctx.io, MAX_STDIN_VALUE_BYTES)).trim() : value;
}

/** A PEM key, a certificate or a JWKS is a few KB; a JWKS of many keys stays far below this. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

async function readKeyFile(path: string): Promise<string> {
  const what = { what: `the key file ${path}`, advice: 'Give a PEM key or certificate, or a JWK / JWKS JSON.' };
  return (await readCappedFile(path, MAX_KEY_FILE_BYTES, what)).toString('utf8');
}

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** --claim k=v: the value as JSON when it is JSON (numbers, true, arrays…), else as text. */
function claimsOf(ctx: CliContext): Record<string, unknown> {
  const raw = ctx.values.claim;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const out: Record<string, unknown> = {};
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const eq = item.indexOf('=');
    if (eq < 1) throw usageError(`--claim takes NAME=VALUE, not "${item.slice(0, 40)}".`);
    const name = item.slice(0, eq);
    const text = item.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    out[name] = value;
  }
  return out;
}

async function decode(ctx: CliContext, token: string): Promise<number> {
  const d = decodeJwt(token);
  const data = {
    header: d.header,
    claims: d.claims,
    issuedAt: iso(d.issuedAt),
    notBefore: iso(d.notBefore),
    expiresAt: iso(d.expiresAt),
    expired: d.expiresAt !== null && d.expiresAt <= systemClock.now(),
  };
  const lines = [
    `header: ${JSON.stringify(d.header, null, 2)}`,
    `claims: ${JSON.stringify(d.claims, null, 2)}`,
    ...(d.issuedAt !== null ? [`issued: ${iso(d.issuedAt)}`] : []),
    ...(d.notBefore !== null ? [`not before: ${iso(d.notBefore)}`] : []),
    ...(d.expiresAt !== null ? [`expires: ${iso(d.expiresAt)}${data.expired ? ' (expired)' : ''}`] : []),
    '(not verified: use "latch jwt verify" to check the signature)',
  ];
  ctx.output(data, lines.join('\n'));
  return 0;
}

async function verify(ctx: CliContext, token: string): Promise<number> {
  const secretArg = str(ctx, 'secret');
  const keyFile = str(ctx, 'key');
  const jwks = str(ctx, 'jwks');
  const given = [secretArg, keyFile, jwks].filter((v) => v !== undefined).length;
  if (given !== 1) throw usageError('Give exactly one of --secret S, --key FILE or --jwks URL.');
  const secret = secretArg === undefined ? undefined : await readSecretOption(ctx, '--secret', secretArg);
  let key: JwtKeyInput;
  if (secret !== undefined)
    key = { kind: 'secret', secret }; // byte for byte, never base64-decoded
  else if (jwks !== undefined) key = { kind: 'jwks', url: jwks };
  else {
    const text = await readKeyFile(keyFile!);
    key = keyInputFromText(text);
    if (key.kind === 'secret' || key.kind === 'jwks')
      throw usageError('The --key file must hold a PEM key or certificate, or a JWK / JWKS JSON.');
  }
  const iss = str(ctx, 'iss');
  const aud = str(ctx, 'aud');
  const v = await jwtVerdict(token, { key, ...(iss ? { issuer: iss } : {}), ...(aud ? { audience: aud } : {}) });
  if (v.valid) {
    ctx.output(
      { valid: true, alg: v.alg, kid: v.kid, claims: v.claims, expiresAt: iso(v.expiresAt) },
      `valid (${v.alg}${v.kid ? `, kid ${v.kid}` : ''}${v.expiresAt !== null ? `, expires ${iso(v.expiresAt)}` : ''})`,
    );
    return 0;
  }
  if (ctx.json) ctx.output({ valid: false, reason: v.reason, message: v.message }, '');
  else ctx.io.stderr.write(`invalid: ${v.reason}: ${v.message}\n`);
  return 1;
}

async function sign(ctx: CliContext, reference: string | undefined): Promise<number> {
  const claims = claimsOf(ctx);
  const alg = str(ctx, 'alg');
  const iss = str(ctx, 'iss');
  const sub = str(ctx, 'sub');
  const aud = str(ctx, 'aud');
  const kid = str(ctx, 'kid');
  const ttlText = str(ctx, 'ttl');
  if (ttlText !== undefined && !/^\d+$/.test(ttlText)) throw usageError('--ttl takes a whole number of seconds.');
  const ttl = ttlText === undefined ? undefined : Number(ttlText);
  let signed: Awaited<ReturnType<typeof signJwt>>;
  if (reference !== undefined) {
    if (alg !== undefined || ctx.values.key !== undefined || ctx.values.secret !== undefined)
      throw usageError('Give a REF, or --alg with --key/--secret, not both.');
    signed = await withSession(ctx, async ({ credentials }) => {
      const fields = {
        ...jwtSignerFields(await credentials.resolve(reference)),
        ...(iss ? { issuer: iss } : {}),
        ...(sub ? { subject: sub } : {}),
        ...(aud ? { audience: aud } : {}),
        ...(kid ? { keyId: kid } : {}),
        ...(ttl !== undefined ? { lifetimeSeconds: ttl } : {}),
      };
      return signWithJwtSigner(fields, { clock: systemClock, claims });
    });
  } else {
    if (alg === undefined) throw usageError('Give a JWT signer REF, or --alg ALG with --key FILE or --secret S.');
    if (!(JWT_ALGORITHMS as readonly string[]).includes(alg))
      throw usageError(`--alg must be one of ${JWT_ALGORITHMS.join(', ')}.`);
    const secretArg = str(ctx, 'secret');
    const keyFile = str(ctx, 'key');
    if ((secretArg === undefined) === (keyFile === undefined))
      throw usageError('Give one of --key FILE or --secret S.');
    const secret = secretArg === undefined ? undefined : await readSecretOption(ctx, '--secret', secretArg);
    signed = await signJwt({
      algorithm: alg as JwtAlgorithm,
      key: secret ?? (await readKeyFile(keyFile!)),
      ...(iss ? { issuer: iss } : {}),
      ...(sub ? { subject: sub } : {}),
      ...(aud ? { audience: aud } : {}),
      ...(kid ? { keyId: kid } : {}),
      ...(ttl !== undefined ? { lifetimeSeconds: ttl } : {}),
      claims,
      clock: systemClock,
    });
  }
  if (ctx.json)
    ctx.output({ token: signed.token, issuedAt: iso(signed.issuedAt), expiresAt: iso(signed.expiresAt) }, '');
  else ctx.io.stdout.write(`${signed.token}\n`);
  return 0;
}

export const jwtCommand: CliCommand = {
  name: 'jwt',
  usage: USAGE,
  positionals: { min: 1, max: 2 },
  options: {
    secret: {
      type: 'string',
      help: 'HMAC secret: - reads it from stdin, latch://REF from the vault (used byte for byte, never base64-decoded)',
    },
    key: { type: 'string', help: 'file with a PEM key/certificate or JWK (verify: public; sign: private)' },
    jwks: { type: 'string', help: 'verify: the JWKS URL' },
    alg: { type: 'string', help: 'sign: the algorithm (HS256, RS256, ES256, EdDSA, …)' },
    claim: { type: 'string', multiple: true, help: 'sign: a claim NAME=VALUE (VALUE as JSON when it is JSON)' },
    iss: { type: 'string', help: 'verify: expected issuer; sign: the issuer' },
    aud: { type: 'string', help: 'verify: expected audience; sign: the audience' },
    sub: { type: 'string', help: 'sign: the subject' },
    kid: { type: 'string', help: 'sign: the key id for the header' },
    ttl: { type: 'string', help: 'sign: lifetime in seconds (default 300)' },
  },
  async run(ctx) {
    const [action, arg] = ctx.positionals;
    switch (action) {
      case 'decode':
        return decode(ctx, await tokenArg(ctx, arg));
      case 'verify':
        if (arg === '-' && ctx.values.secret === '-')
          throw usageError('The token and --secret cannot both be read from stdin: give the token as an argument.');
        return verify(ctx, await tokenArg(ctx, arg));
      case 'sign':
        return sign(ctx, arg);
      default:
        throw usageError(`Usage: ${USAGE}`);
    }
  },
};
