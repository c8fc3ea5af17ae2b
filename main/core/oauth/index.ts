export type { AuthorizationRequest, AuthorizeOptions, AuthorizeStage, CodeExchange } from './authorization-code';
export { authorize, buildAuthorizationUrl, exchangeAuthorizationCode, hasOpenIdScope } from './authorization-code';
export type { ResolveOptions } from './authorization-server';
export { resolveAuthorizationServer } from './authorization-server';
export { clientAuthentication, importClientPrivateKey, oauthClient } from './client-authentication';
export type { ClientCredentialsOptions } from './client-credentials';
export { clientCredentials } from './client-credentials';
export type { DeviceAuthorization, DeviceAuthorizationOptions, Sleep } from './device-authorization';
export { startDeviceAuthorization } from './device-authorization';
export type { DiscoverOptions, DiscoveryAlgorithm } from './discovery';
export { DiscoveryCache, discover } from './discovery';
export { loginRequired, protocolError, toLatchError } from './errors';
export { githubCompatFetch } from './github-compat';
export { assertSecureUrl, isLoopbackUrl } from './http-options';
export type { ExpectedIdToken } from './id-token';
export { processCodeTokenResponse, verifyIdTokenSignature } from './id-token';
export type { ImplicitOptions } from './implicit';
export { authorizeImplicit, tokenSetFromFragment } from './implicit';
export type { IntrospectionResult } from './introspection';
export { introspect } from './introspection';
export type {
  LoopbackCallbackInfo,
  LoopbackListener,
  LoopbackListenerOptions,
  LoopbackTarget,
} from './loopback-listener';
export { escapeHtml, parseLoopbackRedirectUri, startLoopbackListener } from './loopback-listener';
export type { ClientAuthMethod, FetchLike, OAuth2Config, OAuthEnv, OAuthGrant } from './oauth-context';
export type { Pkce } from './pkce';
export { codeChallengeS256, createCodeVerifier, createPkce } from './pkce';
export type { PresetInput, PresetParam, ProviderId, ProviderPreset } from './providers';
export { ANY_PORT_NOTE, applyPreset, FIXED_LOOPBACK_PORT, findPreset, PROVIDER_PRESETS } from './providers';
export type { RedirectRegistration } from './redirect-registration';
export { redirectRegistration } from './redirect-registration';
export type { RefreshRule } from './refresh-rule';
export { needsRefresh, REFRESH_RULE, refreshDueAt } from './refresh-rule';
export { refreshTokens } from './refresh-token';
export type { FlowRequestEntry } from './request-log';
export {
  FlowRequestLog,
  loggingFetch,
  redactBody,
  redactHeaders,
  redactParams,
  redactUrl,
  SECRET_PARAMETERS,
} from './request-log';
export type { RevocationResult, TokenTypeHint } from './revocation';
export { parseRetryAfter, revoke } from './revocation';
export type { QueuedRevocation, RevocationOutcome, RevocationQueueOptions } from './revocation-queue';
export { RevocationQueue } from './revocation-queue';
export type { RefreshSchedulerOptions, Timers } from './token-lifecycle';
export { RefreshScheduler, systemTimers } from './token-lifecycle';
export { toTokenSet } from './token-set';
