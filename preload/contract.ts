/**
 * The one contract between renderer and main. Every channel and event is named here
 * (each namespace in its own file under channels/) and nowhere else. From it come the
 * renderer's typed `window.latch`, the schemas main validates every call with, and the
 * list the tests walk to prove each channel has a handler.
 *
 * Names are `namespace.method`; the renderer calls them as `latch.namespace.method(input)`.
 * Events are `namespace.event`; the renderer subscribes with `latch.namespace.onEvent(fn)`,
 * which returns its unsubscribe function.
 */
import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { auditChannels } from './channels/audit';
import { ioChannels } from './channels/io';
import { limitsChannels, limitsEvents } from './channels/limits';
import { oauthChannels, oauthEvents } from './channels/oauth';
import { quickChannels, quickEvents } from './channels/quick';
import { requestsChannels, requestsEvents } from './channels/requests';
import { servicesChannels, servicesEvents } from './channels/services';
import { totpChannels, totpEvents } from './channels/totp';
import { vaultChannels, vaultEvents } from './channels/vault';

export type { KeyPress, Platform, Recorded } from '../main/core/model/accelerator';
export { acceleratorChips, acceleratorFromKeyPress, acceleratorProblem } from '../main/core/model/accelerator';
export type { AuditCheck, AuditReport, ReportFormat, SavedAuditSummary } from '../main/core/model/audit-report';
export type {
  CredentialKind,
  TokenSet,
} from '../main/core/model/credential';
export {
  CLIENT_AUTH_METHODS,
  CREDENTIAL_KINDS,
  JWT_ALGORITHMS,
  OAUTH_GRANTS,
  SECRET_FIELDS,
} from '../main/core/model/credential';
export type { HeaderSwitch, ServiceHeaderRow, StoredDefaultHeader } from '../main/core/model/default-headers';
export { MAX_DEFAULT_HEADERS, refusedHeaderName, serviceHeaderRows } from '../main/core/model/default-headers';
export type { ErrorCode } from '../main/core/model/errors';
export { MASTER_PASSWORD_RULE, MIN_MASTER_PASSWORD_LENGTH } from '../main/core/model/master-password';
export type { RateBlock, RateLimit, RateLimitState, RatePreset } from '../main/core/model/rate-limit';
export { presetOf, RATE_PRESETS } from '../main/core/model/rate-limit';
export type {
  CredentialStatus,
  CredentialSummary,
  CredentialView,
  HealthIssue,
  ServiceSummary,
  ServiceView,
} from '../main/core/model/service';
export type { Settings } from '../main/core/model/settings';
export { weakenedSettings } from '../main/core/model/settings-weakening';
export {
  effectiveRecipeText,
  HMAC_PRESETS,
  RECIPE_PRESETS,
  recipeProblem,
} from '../main/core/model/signing-recipe';
export type { TokenFacts, TokenState, TokenStatus } from '../main/core/model/token-status';
export { tokenStatus } from '../main/core/model/token-status';
export { USERNAME_FIELD, USERNAME_LABEL } from '../main/core/model/username-field';
export { AboutInfo, AppRoute, LinkTarget } from './channels/app';
export { ExportOutcome, ImportPreview, MAX_IMPORT_BYTES } from './channels/io';
export {
  DecodedJwtView,
  DeviceCodeInfo,
  FlowLog,
  FlowLogEntry,
  JwtKeyKind,
  JwtVerifyResult,
  OAuthPresetInfo,
  OAuthRedirectInfo,
  OAuthTokenInfo,
  OAuthTokenStatus,
} from './channels/oauth';
export { QuickCopyAs, ShortcutStatus } from './channels/quick';
export { CopyFormat } from './channels/services';
export { MigrationPreviewAccount, TotpAddItem, TotpCodeItem, TotpEntry, TotpPreview } from './channels/totp';
export { VaultStatus } from './channels/vault';

export const channels = {
  ...appChannels,
  ...ioChannels,
  ...vaultChannels,
  ...servicesChannels,
  ...quickChannels,
  ...requestsChannels,
  ...totpChannels,
  ...oauthChannels,
  ...auditChannels,
  ...limitsChannels,
} as const;

export const events = {
  ...appEvents,
  ...vaultEvents,
  ...servicesEvents,
  ...quickEvents,
  ...requestsEvents,
  ...limitsEvents,
  ...totpEvents,
  ...oauthEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelArgs<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
