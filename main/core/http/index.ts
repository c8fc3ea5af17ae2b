export {
  type AuditInput,
  auditResponse,
  type CertificateAudit,
  type ExplainedChallenge,
  explainChallenge,
  type Finding,
  type RateLimitInfo,
  type ResponseAudit,
  readRateLimit,
  type SecurityHeaderCheck,
} from './audit';
export { apiKeyHeaderValue, applyApiKey } from './auth/api-key';
export { type AuthContext, applyAuth, type RequestAuth } from './auth/apply';
export { applyAwsSigV4, s3CanonicalPath, UNSIGNED_PAYLOAD } from './auth/aws-sigv4';
export { applyBasic, basicAuthorization } from './auth/basic';
export { applyBearerToken } from './auth/bearer';
export {
  applyDigest,
  DIGEST_ALGORITHMS,
  type DigestAlgorithm,
  type DigestChallenge,
  type DigestInput,
  type DigestSession,
  digestAuthorization,
  pickDigestChallenge,
} from './auth/digest';
export {
  applyHmac,
  placeInputs,
  previewSigning,
  recipeOf,
  recipeSignature,
  rfc3986,
  type SigningPreview,
  type SigningValues,
  stringToSign,
} from './auth/hmac';
export { applyJwtSigner } from './auth/jwt-signer';
export { type AccessToken, applyOAuth2, type GetAccessToken, resolveAccessToken } from './auth/oauth2';
export { type EncodedBody, encodeBody, formEncode } from './body';
export { cookiesFrom, parseSetCookie, type ResponseCookie } from './cookies';
export { type CopyableRequest, type CopyOptions, shellQuote, toCurl } from './curl';
export {
  createHttpEngine,
  type HttpEngine,
  type HttpEngineDeps,
  type PreparedRequest,
  type SendOptions,
} from './engine';
export { fromNetworkError, RETRYABLE_NETWORK_CODES } from './errors';
export { toFetchCode } from './fetch-code';
export {
  createMasker,
  credentialSecretValues,
  MASK_MIN_LENGTH,
  type Masker,
  maskBody,
  maskCookies,
  maskHeaders,
  secretsSent,
} from './mask';
export { REDACTED, redactSent, redactUrl, type SentRequest, sentFrom } from './redact';
export { HTTP_METHODS, HttpRequest, type HttpRequestInput, KeyValue, MultipartFile, RequestBody } from './request';
export type { HttpResponse, RedirectHop } from './response';
export { classifyBody, type ResponseBody } from './response-body';
export {
  type AttemptOutcome,
  type AttemptRecord,
  abortableSleep,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  parseRetryAfter,
  type RetryDecision,
  type RetryPolicy,
} from './retry';
export { previewRecipeSigning } from './signing-preview';
export {
  type Agents,
  type CertificateInfo,
  createAgents,
  destroyAgents,
  type RawExchange,
  type Timing,
  type TlsInfo,
  type TransmitOptions,
  transmit,
} from './transmit';
export {
  buildWireRequest,
  emptyRedaction,
  getHeader,
  type Header,
  mergeRedaction,
  type Redaction,
  removeHeader,
  setHeader,
  USER_AGENT,
  type WireRequest,
  withDefaultHeaders,
} from './wire';
export { type AuthChallenge, parseWwwAuthenticate } from './www-authenticate';
