import { signWithJwtSigner } from '../../jwt/sign';
import type { FieldsOf } from '../../model/credential';
import type { Clock } from '../../platform';
import type { WireRequest } from '../wire';
import { applyBearerToken } from './bearer';

/** A fresh JWT per request, sent as a bearer token. */
export async function applyJwtSigner(req: WireRequest, f: FieldsOf<'jwt-signer'>, clock: Clock): Promise<WireRequest> {
  const { token } = await signWithJwtSigner(f, { clock });
  return applyBearerToken(req, token);
}
