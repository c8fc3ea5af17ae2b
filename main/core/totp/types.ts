import type { FieldsOf } from '../model/credential';

/** A TOTP credential's fields as stored (defaults applied by the model). */
export type TotpFieldValues = FieldsOf<'totp'>;

export type OtpType = TotpFieldValues['type'];
export type OtpAlgorithm = TotpFieldValues['algorithm'];

/** What it takes to compute a code: the stored fields minus the display-only ones. */
export type OtpSpec = Pick<TotpFieldValues, 'secret' | 'type' | 'algorithm' | 'digits' | 'period' | 'counter'>;

/** Steam Guard ignores the stored digits/period/algorithm: always 5 characters, 30 s, HMAC-SHA1. */
export const STEAM_PERIOD = 30;
export const STEAM_DIGITS = 5;

/** RFC 4226 §5.3 allows 6 and up; 8 is where a 31-bit truncation still gives uniform digits. */
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
