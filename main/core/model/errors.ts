/**
 * The one error vocabulary of Latch. Codes cross the bridge and map to CLI exit
 * codes; tests assert on codes, never on message text. Messages say what went
 * wrong and what to do, and never contain a secret.
 */
export const ERROR_CODES = [
  'ERR_BAD_INPUT',
  'ERR_UNKNOWN_CHANNEL',
  'ERR_FORBIDDEN_SENDER',
  'ERR_INTERNAL',
  'ERR_NOT_FOUND',
  'ERR_CONFLICT',
  'ERR_VAULT_NOT_FOUND',
  'ERR_VAULT_EXISTS',
  'ERR_VAULT_LOCKED',
  'ERR_WRONG_PASSWORD',
  'ERR_VAULT_CORRUPT',
  'ERR_VAULT_UNSUPPORTED',
  'ERR_VAULT_DOWNGRADE',
  'ERR_VAULT_CHANGED_ON_DISK',
  'ERR_VAULT_BUSY',
  'ERR_VAULT_READ_ONLY',
  'ERR_SAVE_FAILED',
  'ERR_KEYCHAIN_UNAVAILABLE',
  'ERR_DEVICE_KEY_MISSING',
  'ERR_QUICK_UNLOCK_OFF',
  'ERR_IMPORT_PARSE',
  'ERR_TOTP_INVALID',
  'ERR_JWT_INVALID',
  'ERR_OAUTH',
  'ERR_OAUTH_LOGIN_REQUIRED',
  'ERR_HTTP',
  'ERR_CANCELLED',
  'ERR_TIMEOUT',
  'ERR_CLIPBOARD',
  'ERR_SHORTCUT_REFUSED',
  'ERR_AGENT_UNSAFE',
  'ERR_UNSUPPORTED',
  'ERR_RATE_LIMITED',
  'ERR_HOST_NOT_ALLOWED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses the bridge: never a stack, never a secret. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Optional structured detail, e.g. the field that failed validation. */
  detail?: Record<string, string | number | boolean | null>;
}

export class LatchError extends Error {
  override readonly name = 'LatchError';
  readonly code: ErrorCode;
  readonly detail: ErrorPayload['detail'];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; detail?: ErrorPayload['detail'] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options?.detail;
  }

  toPayload(): ErrorPayload {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export function isLatchError(e: unknown): e is LatchError {
  return e instanceof LatchError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turn anything thrown into a safe payload: unknown errors lose their message, which may hold a secret. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isLatchError(e)) return e.toPayload();
  return {
    code: 'ERR_INTERNAL',
    message: 'Something went wrong inside Latch. Try again; if it keeps happening, restart the app.',
  };
}
