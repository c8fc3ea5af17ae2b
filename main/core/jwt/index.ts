export { type DecodedJwt, decodeJwt, normaliseToken } from './decode';
export { jwtExpiry } from './expiry';
export { parseExtraClaims } from './extra-claims';
export {
  ASYMMETRIC_JWT_ALGS,
  algorithmsForKey,
  HMAC_JWT_ALGS,
  type JwtAlgorithm,
  type JwtKeyInput,
  keyInputFromText,
} from './keys';
export { JWT_FAILURE_REASONS, type JwtFailureReason } from './reasons';
export { type SignedJwt, type SignJwtOptions, signJwt, signWithJwtSigner } from './sign';
export { type JwtSignerKeyCheck, validateJwtSignerKey } from './validate-key';
export { clearJwksCache, type VerifiedJwt, type VerifyJwtOptions, verifyJwt } from './verify';
