import { isUrl, looksRandom, type SecretShape, secretShape } from './secret-shape';
import { normaliseVariableName } from './variable-kind';

/**
 * Whether an imported variable is a secret (ticked in the preview) or configuration (left
 * unticked: NODE_ENV, PORT, a plain URL), and why, in words the preview shows.
 */
export type VariableRole =
  | { role: 'secret'; why: string; shape?: SecretShape }
  | { role: 'configuration'; why: string };

/** Settings every stack has; never secrets, whatever their value. */
const CONFIG_NAMES = new Set([
  'NODE_ENV',
  'ENV',
  'ENVIRONMENT',
  'APP_ENV',
  'RAILS_ENV',
  'RACK_ENV',
  'FLASK_ENV',
  'DJANGO_SETTINGS_MODULE',
  'PORT',
  'HOST',
  'HOSTNAME',
  'LOG_LEVEL',
  'LOGLEVEL',
  'DEBUG',
  'TZ',
  'LANG',
  'PATH',
  'HOME',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
]);

/** A name ending in one of these is a setting (API_HOST, LOG_LEVEL, SERVER_PORT). */
const CONFIG_SUFFIX = /_(ENV|PORT|HOST|HOSTNAME|LOG_LEVEL|REGION|TIMEOUT|VERSION|MODE|LOCALE)$/;

/** A name holding one of these words is a secret (DB_PASSWORD, SESSION_SECRET, STRIPE_KEY). */
const SECRET_WORDS = new Set([
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASS',
  'PASSPHRASE',
  'KEY',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'PRIVATE',
  'SALT',
  'PEPPER',
  'DSN',
  'COOKIE',
  'AUTH',
]);

/** …unless the name then says it is about the secret, not the secret (TOKEN_TTL, KEY_ID, PASSWORD_MIN_LENGTH). */
const ABOUT_A_SECRET =
  /_(ID|URL|URI|HOST|PORT|NAME|USER|USERNAME|PATH|FILE|DIR|TTL|EXPIRY|EXPIRES|TIMEOUT|LENGTH|ALGORITHM|ALG|TYPE|HEADER|ENDPOINT|ISSUER|AUDIENCE)$/;

const BOOLEAN = /^(true|false|yes|no|on|off)$/i;
/** Ports, counts, timeouts, ratios: a number of up to ten characters. */
const SMALL_NUMBER = /^-?\d{1,10}(\.\d+)?$/;
const FILE_PATH = /^(\/|\.\.?\/|~\/|[A-Za-z]:\\)/;

function secretName(n: string): boolean {
  if (ABOUT_A_SECRET.test(n)) return false;
  return n.split('_').some((word) => SECRET_WORDS.has(word));
}

/**
 * Decides in this order, the first that applies: a value of a secret shape (a known key, a
 * JWT, a PEM block, a URL carrying a credential) is a secret whatever its name; a boolean, a
 * plain URL, a well-known setting's name are configuration; a name that says secret is one;
 * a small number or a file path is configuration; a long random-looking value is a secret;
 * anything else is configuration. `markedSecret`: Postman's own "secret" type.
 */
export function variableRole(name: string, value: string, markedSecret = false): VariableRole {
  const n = normaliseVariableName(name);
  const v = value.trim();
  const shape = secretShape(v);
  if (shape) return { role: 'secret', why: shape.label, shape };
  if (markedSecret) return { role: 'secret', why: 'Marked secret in Postman' };
  if (BOOLEAN.test(v)) return { role: 'configuration', why: 'On/off switch' };
  if (isUrl(v)) return { role: 'configuration', why: 'URL without credentials' };
  if (CONFIG_NAMES.has(n) || CONFIG_SUFFIX.test(n)) return { role: 'configuration', why: 'Known setting' };
  if (secretName(n)) return { role: 'secret', why: 'Its name says secret' };
  if (SMALL_NUMBER.test(v)) return { role: 'configuration', why: 'Number' };
  if (FILE_PATH.test(v)) return { role: 'configuration', why: 'File path' };
  if (looksRandom(v)) return { role: 'secret', why: 'Random-looking value' };
  return { role: 'configuration', why: 'Plain value' };
}
