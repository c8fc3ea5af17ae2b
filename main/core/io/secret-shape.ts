import { decodeProtectedHeader } from 'jose';

/** Where a recognised key is sent, when its issuer says so (the import makes it an api-key). */
export type SendAs = { header: string; prefix?: string } | { query: string };

/** A value that is a secret by its shape alone, whatever its variable is called. */
export interface SecretShape {
  /** What it is, as the import preview says it: "Stripe live secret key". */
  label: string;
  sendAs?: SendAs;
}

const BEARER: SendAs = { header: 'Authorization', prefix: 'Bearer ' };

/**
 * Issuers' published key formats. A prefix alone would match words ("AKIAN…"), so each
 * pattern also asks for the length and alphabet the issuer documents, loosely.
 */
const KNOWN_KEYS: readonly { pattern: RegExp; label: string; sendAs?: SendAs }[] = [
  { pattern: /^sk_live_[0-9A-Za-z]{10,}$/, label: 'Stripe live secret key', sendAs: BEARER },
  { pattern: /^sk_test_[0-9A-Za-z]{10,}$/, label: 'Stripe test secret key', sendAs: BEARER },
  { pattern: /^rk_(live|test)_[0-9A-Za-z]{10,}$/, label: 'Stripe restricted key', sendAs: BEARER },
  { pattern: /^whsec_[0-9A-Za-z+/=]{16,}$/, label: 'Stripe webhook signing secret' },
  { pattern: /^ghp_[0-9A-Za-z]{30,}$/, label: 'GitHub personal access token', sendAs: BEARER },
  { pattern: /^gho_[0-9A-Za-z]{30,}$/, label: 'GitHub OAuth token', sendAs: BEARER },
  { pattern: /^gh[usr]_[0-9A-Za-z]{30,}$/, label: 'GitHub app token', sendAs: BEARER },
  { pattern: /^github_pat_[0-9A-Za-z_]{40,}$/, label: 'GitHub fine-grained token', sendAs: BEARER },
  { pattern: /^xoxb-[0-9A-Za-z-]{20,}$/, label: 'Slack bot token', sendAs: BEARER },
  { pattern: /^xoxp-[0-9A-Za-z-]{20,}$/, label: 'Slack user token', sendAs: BEARER },
  { pattern: /^xapp-[0-9A-Za-z-]{20,}$/, label: 'Slack app token', sendAs: BEARER },
  { pattern: /^AKIA[0-9A-Z]{16}$/, label: 'AWS access key ID' },
  { pattern: /^ASIA[0-9A-Z]{16}$/, label: 'AWS temporary access key ID' },
  { pattern: /^AIza[0-9A-Za-z_-]{35}$/, label: 'Google API key', sendAs: { query: 'key' } },
  { pattern: /^glpat-[0-9A-Za-z_-]{20,}$/, label: 'GitLab access token', sendAs: { header: 'PRIVATE-TOKEN' } },
  { pattern: /^npm_[0-9A-Za-z]{36}$/, label: 'npm access token', sendAs: BEARER },
  { pattern: /^SG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}$/, label: 'SendGrid API key', sendAs: BEARER },
  { pattern: /^sk-ant-[0-9A-Za-z_-]{20,}$/, label: 'Anthropic API key', sendAs: { header: 'x-api-key' } },
  { pattern: /^sk-(proj-)?[0-9A-Za-z_-]{32,}$/, label: 'OpenAI API key', sendAs: BEARER },
  { pattern: /^pypi-[0-9A-Za-z_-]{50,}$/, label: 'PyPI token', sendAs: BEARER },
  { pattern: /^hf_[0-9A-Za-z]{30,}$/, label: 'Hugging Face token', sendAs: BEARER },
];

const PEM = /-----BEGIN [A-Z0-9 ]+-----/;
const JWT = /^[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Query parameters that carry a credential in a URL (signed links, webhook tokens). */
const SECRET_QUERY = /^(token|access_token|api_?key|key|secret|password|pass|sig|signature|x-amz-signature|auth)$/i;
/** Hosts whose URLs are themselves the credential: whoever holds one can post. */
const WEBHOOK_URL = /^https:\/\/(hooks\.slack\.com\/services\/|discord(app)?\.com\/api\/webhooks\/)/;

/** A JWT: three base64url parts whose first decodes to a JSON header (jose reads it). */
function isJwt(value: string): boolean {
  if (!JWT.test(value)) return false;
  try {
    const header = decodeProtectedHeader(value);
    return typeof header.alg === 'string' || typeof header.typ === 'string';
  } catch {
    return false;
  }
}

/** What makes a URL a secret: a password, a key-length user name, a token in its query, or being a webhook. */
function urlSecret(value: string): string | null {
  if (!URL_START.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.password !== '') return 'URL with a password in it';
  if (url.username.length >= 16) return 'URL with a key in it';
  for (const name of url.searchParams.keys()) if (SECRET_QUERY.test(name)) return 'URL with a token in its query';
  if (WEBHOOK_URL.test(value)) return 'Webhook URL';
  return null;
}

/** A plain URL, with nothing secret in it (see urlSecret). */
export function isUrl(value: string): boolean {
  if (!URL_START.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Shannon entropy in bits per character. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const HOSTNAME = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * A long random-looking token: 20 characters or more from a key alphabet, at least two of
 * lower case, upper case and digits, and 3.5 bits of entropy a character or more (32 random
 * hex digits have about 3.8; an English word or a host name far less, and a host name is
 * excluded outright). Written here because the password-strength libraries score a password
 * typed by a person, not a token generated by a machine.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 20 || !/^[A-Za-z0-9+/=_.~-]+$/.test(value) || HOSTNAME.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(value)).length;
  return classes >= 2 && entropy(value) >= 3.5;
}

/**
 * The secret a value is by its shape: a known issuer's key, a JWT, a PEM block, a URL that
 * carries a credential. Null when the shape says nothing (the name and looksRandom decide then).
 */
export function secretShape(value: string): SecretShape | null {
  const v = value.trim();
  for (const k of KNOWN_KEYS)
    if (k.pattern.test(v)) return { label: k.label, ...(k.sendAs ? { sendAs: k.sendAs } : {}) };
  if (PEM.test(v)) return { label: /PRIVATE KEY-----/.test(v) ? 'Private key (PEM)' : 'PEM block' };
  if (isJwt(v)) return { label: 'JWT', sendAs: BEARER };
  const url = urlSecret(v);
  return url ? { label: url } : null;
}
