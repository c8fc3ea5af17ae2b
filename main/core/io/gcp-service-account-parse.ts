import type { webcrypto } from 'node:crypto';
import { importPKCS8 } from 'jose/key/import';
import { z } from 'zod';
import { LatchError } from '../model/errors';
import { parseJsonText } from './json-parse';

/**
 * A real key file is about 2.4 KB. Anything far past that is not one, and is refused before it
 * is parsed (and, when the format is given, before it is read: import-file.ts).
 */
export const MAX_SERVICE_ACCOUNT_BYTES = 64 * 1024;

/** What Latch keeps of a Google (or Firebase) service-account key file; the rest (auth_uri, cert URLs) is public and derivable. */
export interface GcpServiceAccount {
  projectId: string;
  privateKeyId: string;
  /** PKCS#8 PEM, as in the file. */
  privateKey: string;
  clientEmail: string;
  tokenUri: string;
}

/** Printable, no spaces: ids and e-mail addresses as Google issues them. */
const token = (what: string, max: number) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, `is empty; it must be ${what}`)
    .max(max, `is longer than ${max} characters; it must be ${what}`)
    .regex(/^[\x21-\x7e]+$/, `must be ${what}, without spaces or control characters`);

const KeyFile = z.object({
  type: z.string({ error: 'must be "service_account"' }),
  project_id: token('the project id (my-project-123)', 100),
  private_key_id: token('the key id (40 hex digits)', 200),
  private_key: z.string({ error: 'must be the PEM private key (-----BEGIN PRIVATE KEY-----…)' }),
  client_email: token('the service account e-mail (name@project.iam.gserviceaccount.com)', 320).regex(
    // The part before @ names the credential: at most 64 characters, as in any e-mail address (RFC 5321).
    /^[^@]{1,64}@[^@]+\.[^@]+$/,
    'must be the service account e-mail (name@project.iam.gserviceaccount.com)',
  ),
  client_id: z.string({ error: 'must be the numeric client id as a string' }).optional(),
  token_uri: z.url({
    protocol: /^https$/,
    error: 'must be the https token endpoint (https://oauth2.googleapis.com/token)',
  }),
});

const fail = (field: string, problem: string) =>
  new LatchError(
    'ERR_IMPORT_PARSE',
    `The service-account file's "${field}" ${problem}. Download a new JSON key for the service account (Google Cloud console: IAM → Service accounts → Keys → Add key). Nothing was imported.`,
    { detail: { field } },
  );

/** Why a "type" other than service_account is not this import, in the user's words. */
function wrongType(type: string): LatchError {
  const known: Record<string, string> = {
    authorized_user: "a user's sign-in (gcloud auth application-default login), not a service account's key",
    external_account: 'a workload identity federation configuration, which holds no key',
    impersonated_service_account: 'an impersonation configuration, which holds no key of its own',
  };
  const what = known[type];
  const shown = /^[a-z_]{1,40}$/.test(type) ? `"${type}"` : 'something else';
  return fail('type', `is ${shown}, not "service_account"${what ? `: this file is ${what}` : ''}`);
}

/**
 * The private key as jose will sign with it: a PKCS#8 PEM of an RSA key of 2048 bits or more. Each
 * refusal says which of these it is not, and never quotes the key.
 */
async function checkPrivateKey(pem: string): Promise<void> {
  const t = pem.trim();
  if (t === '') throw fail('private_key', 'is empty');
  if (!t.startsWith('-----BEGIN')) throw fail('private_key', 'is not a PEM private key (-----BEGIN PRIVATE KEY-----)');
  if (/^-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(t))
    throw fail('private_key', 'is a public key or certificate; the file must hold the private key');
  if (t.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----'))
    throw fail('private_key', 'is encrypted with a passphrase; Google key files never are');
  if (!t.startsWith('-----BEGIN PRIVATE KEY-----'))
    throw fail('private_key', 'is not a PKCS#8 private key (-----BEGIN PRIVATE KEY-----)');
  let key: webcrypto.CryptoKey;
  try {
    key = await importPKCS8(t, 'RS256');
  } catch {
    // jose's message can name the ASN.1 content it choked on; ours names the field only.
    throw fail('private_key', 'cannot be used for RS256 (it is not a whole RSA private key)');
  }
  const bits = (key.algorithm as webcrypto.RsaHashedKeyAlgorithm).modulusLength;
  if (bits < 2048) throw fail('private_key', `is a ${bits}-bit RSA key; RS256 needs 2048 bits or more`);
}

/**
 * A Google Cloud or Firebase service-account key file, as the console downloads it:
 * `{ "type": "service_account", "project_id", "private_key_id", "private_key", "client_email",
 * "client_id", "auth_uri", "token_uri", … }`. Refusals name the field, never a value of it.
 */
export async function parseGcpServiceAccount(text: string): Promise<GcpServiceAccount> {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SERVICE_ACCOUNT_BYTES) {
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      `This file is ${size} bytes; a service-account key file is about 2 KB (at most ${MAX_SERVICE_ACCOUNT_BYTES} bytes are read). Choose the key file itself. Nothing was imported.`,
      { detail: { field: 'file', size, max: MAX_SERVICE_ACCOUNT_BYTES } },
    );
  }
  const json = parseJsonText(text, 'service-account file');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail('file', 'is not a JSON object');
  const type = (json as { type?: unknown }).type;
  if (typeof type === 'string' && type !== 'service_account') throw wrongType(type);
  const parsed = KeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'file');
    const present = (json as Record<string, unknown>)[field] !== undefined;
    throw fail(field, present ? (issue?.message ?? 'is not valid') : 'is missing');
  }
  if (parsed.data.type !== 'service_account') throw wrongType(parsed.data.type);
  await checkPrivateKey(parsed.data.private_key);
  return {
    projectId: parsed.data.project_id,
    privateKeyId: parsed.data.private_key_id,
    privateKey: parsed.data.private_key,
    clientEmail: parsed.data.client_email,
    tokenUri: parsed.data.token_uri,
  };
}
