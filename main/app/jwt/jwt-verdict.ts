/**
 * A token checked against a key, as an answer rather than an exception: a token that does not
 * verify is the expected outcome of a check, so it comes back as `valid: false` with the reason;
 * only a broken request (no usable key, say) throws.
 */

import { type VerifiedJwt, type VerifyJwtOptions, verifyJwt } from '../../core/jwt';
import { isLatchError } from '../../core/model/errors';

export type JwtVerdict = ({ valid: true } & VerifiedJwt) | { valid: false; reason: string; message: string };

export async function jwtVerdict(token: string, options: VerifyJwtOptions): Promise<JwtVerdict> {
  try {
    return { valid: true, ...(await verifyJwt(token, options)) };
  } catch (e) {
    if (!(isLatchError(e) && e.code === 'ERR_JWT_INVALID')) throw e;
    const reason = e.detail?.reason;
    return { valid: false, reason: typeof reason === 'string' ? reason : 'malformed', message: e.message };
  }
}
