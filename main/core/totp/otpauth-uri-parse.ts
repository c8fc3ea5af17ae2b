import { LatchError } from '../model/errors';
import { parseBase32Secret } from './base32';
import { shortSecretWarning } from './secret-warning';
import { MAX_DIGITS, MIN_DIGITS, type OtpAlgorithm, type TotpFieldValues } from './types';

export interface ParsedOtpAuthUri {
  /** Ready to store as a 'totp' credential: defaults applied, secret normalised. */
  fields: TotpFieldValues;
  /** The label's "Issuer:" prefix and the issuer parameter disagree; the parameter was used. */
  issuerMismatch: boolean;
  /** The key is shorter than normal (shortSecretWarning); the code still works. Null otherwise. */
  secretWarning: string | null;
}

const ALGORITHMS: Record<string, OtpAlgorithm> = {
  SHA1: 'SHA1',
  'SHA-1': 'SHA1',
  SHA256: 'SHA256',
  'SHA-256': 'SHA256',
  SHA512: 'SHA512',
  'SHA-512': 'SHA512',
};

function invalid(message: string, field: string): LatchError {
  return new LatchError('ERR_TOTP_INVALID', message, { detail: { field } });
}

/**
 * Parses an `otpauth://totp|hotp/LABEL?secret=…` URI (Google's Key-Uri-Format).
 * Steam Guard is recognised by `encoder=steam` or by the issuer being Steam.
 * Errors name what is wrong and never echo the URI, which carries the secret.
 */
export function parseOtpAuthUri(input: string): ParsedOtpAuthUri {
  const uri = input.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'otpauth-migration') {
    throw invalid(
      'This is a Google Authenticator export (otpauth-migration://). Use "Import from Google Authenticator" instead.',
      'scheme',
    );
  }
  if (scheme !== 'otpauth' || !uri.slice(scheme.length + 1).startsWith('//')) {
    throw invalid(
      'This is not an otpauth:// link. Set-up links start with otpauth://totp/ or otpauth://hotp/.',
      'scheme',
    );
  }
  const rest = uri.slice('otpauth://'.length).replace(/#.*$/s, '');
  const slash = rest.indexOf('/');
  const kind = (slash === -1 ? rest.split('?')[0]! : rest.slice(0, slash)).toLowerCase();
  if (kind !== 'totp' && kind !== 'hotp') {
    throw invalid('The link type must be totp or hotp (otpauth://totp/… or otpauth://hotp/…).', 'type');
  }
  const afterType = slash === -1 ? rest.slice(kind.length) : rest.slice(slash + 1);
  const question = afterType.indexOf('?');
  const rawLabel = question === -1 ? afterType : afterType.slice(0, question);
  const params = parseQuery(question === -1 ? '' : afterType.slice(question + 1));

  let label: string;
  try {
    label = decodeURIComponent(rawLabel);
  } catch {
    throw invalid('The account label has broken percent-encoding (a % not followed by two hex digits).', 'label');
  }

  const secretParam = params.get('secret');
  if (secretParam === undefined || secretParam.trim() === '') {
    throw invalid('The link has no secret parameter, so no code can be made from it.', 'secret');
  }
  const { secret } = parseBase32Secret(secretParam);

  const issuerParam = params.get('issuer')?.trim() || undefined;
  const { labelIssuer, account } = splitLabel(label, issuerParam);
  const issuer = issuerParam ?? labelIssuer;
  const issuerMismatch = issuerParam !== undefined && labelIssuer !== undefined && labelIssuer !== issuerParam;

  const algorithmParam = params.get('algorithm');
  let algorithm: OtpAlgorithm = 'SHA1';
  if (algorithmParam !== undefined && algorithmParam !== '') {
    const known = ALGORITHMS[algorithmParam.toUpperCase()];
    if (known === undefined) throw invalid('Unknown algorithm: use SHA1, SHA256 or SHA512.', 'algorithm');
    algorithm = known;
  }

  const isSteam =
    kind === 'totp' && (params.get('encoder')?.toLowerCase() === 'steam' || issuer?.toLowerCase() === 'steam');

  let digits = 6;
  const digitsParam = params.get('digits');
  // Steam links often say digits=5; Steam's length is fixed, so the parameter is ignored there.
  if (!isSteam && digitsParam !== undefined && digitsParam !== '') {
    digits = wholeNumber(digitsParam, 'digits');
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw invalid(
        `The digits parameter is out of range: codes have ${MIN_DIGITS} to ${MAX_DIGITS} digits.`,
        'digits',
      );
    }
  }

  let period = 30;
  const periodParam = params.get('period');
  if (kind === 'totp' && !isSteam && periodParam !== undefined && periodParam !== '') {
    period = wholeNumber(periodParam, 'period');
    if (period < 1 || period > 3600) throw invalid('The period must be from 1 to 3600 seconds.', 'period');
  }

  let counter = 0;
  if (kind === 'hotp') {
    const counterParam = params.get('counter');
    if (counterParam === undefined || counterParam === '') {
      throw invalid('An otpauth://hotp link needs a counter parameter (counter=0 for a new key).', 'counter');
    }
    counter = wholeNumber(counterParam, 'counter');
  }

  const fields: TotpFieldValues = {
    secret,
    type: isSteam ? 'steam' : kind,
    algorithm: isSteam ? 'SHA1' : algorithm,
    digits: isSteam ? 5 : digits,
    period,
    counter,
  };
  if (issuer !== undefined) fields.issuer = issuer;
  if (account !== '') fields.account = account;
  return { fields, issuerMismatch, secretWarning: shortSecretWarning(secret) };
}

/** The parameters Key-Uri-Format and its common extensions define: the ones an error may name. */
const KNOWN_PARAMETERS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder', 'image']);

/**
 * Query parameters, keys case-insensitive, '+' read as a space (form encoding). A parameter given
 * twice is refused, as the OAuth listener does: two `secret=` or two `issuer=` mean a link someone
 * spliced, and whichever one we kept, the user would not see the other.
 */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw invalid('A link parameter has broken percent-encoding (a % not followed by two hex digits).', 'uri');
    }
    if (params.has(key)) {
      // An unknown key is not named: in a spliced link it could be anything, a secret included.
      const named = KNOWN_PARAMETERS.has(key) ? `the ${key} parameter` : 'one of its parameters';
      throw invalid(
        `The link gives ${named} twice, so it is ambiguous (was it changed?). Use the link exactly as the service showed it.`,
        KNOWN_PARAMETERS.has(key) ? key : 'uri',
      );
    }
    params.set(key, value);
  }
  return params;
}

/**
 * "Issuer:account" or "account". When the issuer parameter is known and prefixes the label, split
 * there, so an issuer that itself contains a colon still round-trips.
 */
function splitLabel(label: string, issuerParam: string | undefined): { labelIssuer?: string; account: string } {
  if (issuerParam !== undefined && label.trim() === issuerParam) return { labelIssuer: issuerParam, account: '' };
  if (issuerParam !== undefined && label.startsWith(`${issuerParam}:`)) {
    return { labelIssuer: issuerParam, account: label.slice(issuerParam.length + 1).trim() };
  }
  const colon = label.indexOf(':');
  if (colon === -1) return { account: label.trim() };
  const labelIssuer = label.slice(0, colon).trim();
  const account = label.slice(colon + 1).trim();
  return labelIssuer === '' ? { account } : { labelIssuer, account };
}

function wholeNumber(value: string, field: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw invalid(`The ${field} parameter must be a whole number.`, field);
  return n;
}
