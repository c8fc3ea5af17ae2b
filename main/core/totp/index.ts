export {
  BACKUP_ALPHABET_NAMES,
  type BackupAlphabet,
  type BackupCodeOptions,
  DEFAULT_BACKUP_CODE_OPTIONS,
  type GeneratedBackupCodes,
  generateBackupCodes,
} from './backup-code-generate';
export {
  type BackupCode,
  backupCodeKey,
  backupCodesLeft,
  markBackupCodeUsed,
  parseBackupCodes,
  unmarkBackupCode,
} from './backup-codes';
export {
  BACKUP_CODES_CREDENTIAL,
  formatStoredBackupCodes,
  maskBackupCode,
  parseStoredBackupCodes,
} from './backup-codes-stored';
export { encodeBase32, type ParsedSecret, parseBase32Secret, RECOMMENDED_SECRET_BYTES } from './base32';
export { type ClockOffset, type ClockOffsetInput, clockOffset } from './clock-offset';
export { effectivePeriod, generateCode } from './code';
export { type HotpOptions, hotpCode } from './hotp';
export { type LiveCode, liveCode } from './live-code';
export { type LiveCodeItem, liveCodeBatch } from './live-code-batch';
export {
  importMigrationUri,
  type MigrationAccount,
  type MigrationAccountPreview,
  type MigrationAlgorithm,
  type MigrationBatch,
} from './migration-import';
export { buildOtpAuthUri, type OtpAuthUriInput } from './otpauth-uri-build';
export { type ParsedOtpAuthUri, parseOtpAuthUri } from './otpauth-uri-parse';
export { decodeQrPng, decodeQrRgba } from './qr-decode';
export { qrPng, qrPngDataUrl, qrSvg } from './qr-encode';
export { generateSecret } from './secret-generate';
export { shortSecretWarning } from './secret-warning';
export { STEAM_ALPHABET, steamCode } from './steam';
export { systemTimer, type TickBatch, type TickerOptions, type Timer, type TimerHandle, TotpTicker } from './ticker';
export { planNextTick, type TickEntry, type TickPlan } from './ticker-plan';
export { type TotpOptions, totpCode } from './totp';
export {
  MAX_DIGITS,
  MIN_DIGITS,
  type OtpAlgorithm,
  type OtpSpec,
  type OtpType,
  STEAM_DIGITS,
  STEAM_PERIOD,
  type TotpFieldValues,
} from './types';
export { type VerifyOptions, type VerifyOutcome, verifyCode } from './verify';
export { secondsRemaining, timeStep, windowEndsAt } from './window';
