import { LatchError } from '../model/errors';
import { parseBase32Secret } from './base32';
import { checkCounter } from './hotp';
import { checkDigits, checkPeriod } from './totp';
import type { OtpAlgorithm, OtpType } from './types';

export interface OtpAuthUriInput {
  secret: string;
  type?: OtpType;
  algorithm?: OtpAlgorithm;
  digits?: number;
  period?: number;
  counter?: number;
  issuer?: string;
  account?: string;
}

/**
 * Builds a Key-Uri-Format link for showing a QR again or exporting. Defaults (SHA1, 6 digits,
 * 30 s) are left out, as Google's format allows, to keep the QR small. Steam is written the way
 * KeePassXC and others read it: a totp link with issuer=Steam and encoder=steam.
 */
export function buildOtpAuthUri(input: OtpAuthUriInput): string {
  const { secret } = parseBase32Secret(input.secret);
  const type = input.type ?? 'totp';
  const issuer = type === 'steam' ? 'Steam' : input.issuer?.trim() || undefined;
  const account = input.account?.trim() ?? '';
  if (issuer === undefined && account === '') {
    throw new LatchError('ERR_TOTP_INVALID', 'A set-up link needs an account name or an issuer to label it.', {
      detail: { field: 'account' },
    });
  }
  const label =
    issuer === undefined
      ? encodeURIComponent(account)
      : account === ''
        ? encodeURIComponent(issuer)
        : `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;

  const params = [`secret=${secret}`];
  if (issuer !== undefined) params.push(`issuer=${encodeURIComponent(issuer)}`);
  if (type === 'steam') {
    params.push('encoder=steam');
    return `otpauth://totp/${label}?${params.join('&')}`;
  }
  const algorithm = input.algorithm ?? 'SHA1';
  if (algorithm !== 'SHA1') params.push(`algorithm=${algorithm}`);
  const digits = checkDigits(input.digits ?? 6);
  if (digits !== 6) params.push(`digits=${digits}`);
  if (type === 'hotp') {
    params.push(`counter=${checkCounter(input.counter ?? 0)}`);
  } else {
    const period = checkPeriod(input.period ?? 30);
    if (period !== 30) params.push(`period=${period}`);
  }
  return `otpauth://${type}/${label}?${params.join('&')}`;
}
