/**
 * The JWT tools: decode, verify against a pasted key, and sign, either with a stored JWT signer
 * credential (its key never leaves main) or with a key given for this one token.
 */
import type { Located } from '../../core/credentials/service-store';
import {
  decodeJwt,
  type JwtAlgorithm,
  type JwtKeyInput,
  parseExtraClaims,
  type SignedJwt,
  signJwt,
  signWithJwtSigner,
} from '../../core/jwt';
import type { FieldsOf } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import type { Clock } from '../../core/platform';
import type { Credentials } from '../credentials/credentials';
import { type JwtVerdict, jwtVerdict } from './jwt-verdict';

/** A key as the user pasted it, with the kind they chose. */
export interface JwtKeyText {
  kind: JwtKeyInput['kind'];
  value: string;
}

export function keyFromText({ kind, value }: JwtKeyText): JwtKeyInput {
  switch (kind) {
    // Byte for byte: never trimmed, never base64-decoded (a trailing space can be part of an HMAC secret).
    case 'secret':
      return { kind, secret: value };
    case 'pem':
      return { kind, pem: value.trim() };
    case 'jwk':
      return { kind, jwk: value.trim() };
    case 'jwks':
      return { kind, url: value.trim() };
  }
}

/** The fields of a stored JWT signer; any other kind of credential is refused by name. */
export function jwtSignerFields(located: Located): FieldsOf<'jwt-signer'> {
  const c = located.credential;
  if (c.kind !== 'jwt-signer')
    throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential, not a JWT signer.`, {
      detail: { field: 'kind' },
    });
  return c.fields;
}

export type JwtSignRequest =
  | { serviceId: string; credentialId: string; claims?: string | undefined }
  | {
      algorithm: JwtAlgorithm;
      key: string;
      issuer?: string | undefined;
      subject?: string | undefined;
      audience?: string | undefined;
      lifetimeSeconds?: number | undefined;
      keyId?: string | undefined;
      claims?: string | undefined;
    };

export class JwtService {
  constructor(private readonly deps: { credentials: Credentials; clock: Clock }) {}

  decode(token: string) {
    return decodeJwt(token);
  }

  verify(token: string, key: JwtKeyText, expected: { issuer?: string | undefined; audience?: string | undefined }) {
    return jwtVerdict(token, {
      key: keyFromText(key),
      clock: this.deps.clock,
      ...(expected.issuer ? { issuer: expected.issuer } : {}),
      ...(expected.audience ? { audience: expected.audience } : {}),
    }) satisfies Promise<JwtVerdict>;
  }

  async sign(request: JwtSignRequest): Promise<SignedJwt> {
    const { clock } = this.deps;
    const claims = parseExtraClaims(request.claims);
    if ('serviceId' in request) {
      const located = await this.deps.credentials.credential(request.serviceId, request.credentialId);
      return signWithJwtSigner(jwtSignerFields(located), { clock, claims });
    }
    return signJwt({
      algorithm: request.algorithm,
      key: request.key,
      ...(request.issuer ? { issuer: request.issuer } : {}),
      ...(request.subject ? { subject: request.subject } : {}),
      ...(request.audience ? { audience: request.audience } : {}),
      ...(request.lifetimeSeconds !== undefined ? { lifetimeSeconds: request.lifetimeSeconds } : {}),
      ...(request.keyId ? { keyId: request.keyId } : {}),
      claims,
      clock,
    });
  }
}
