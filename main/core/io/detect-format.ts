import { extname } from 'node:path';
import { LatchError } from '../model/errors';
import { MAGIC } from '../vault/constants';
import type { ImportFormat } from './import-types';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['env', 'postman', 'gcp-service-account', 'latch'];
export type ExportFormat = 'latch' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['latch', 'json'];

/** The "type" values of Google's credential files; any of them is read as a service-account key, which says why not. */
const GOOGLE_CREDENTIAL_TYPES = new Set([
  'service_account',
  'authorized_user',
  'external_account',
  'impersonated_service_account',
]);

/** A Google credential file: its "type" is one of Google's, or it has a service account's fields. */
function isGoogleCredentialFile(json: object): boolean {
  const type = (json as { type?: unknown }).type;
  if (typeof type !== 'string') return false;
  return GOOGLE_CREDENTIAL_TYPES.has(type) || 'private_key' in json || 'client_email' in json;
}

/**
 * What an import file is, when `--format` is not given: a Latch vault by its magic bytes
 * (or `.latch`), a Google service-account key or a Postman environment by its JSON shape (a
 * "type" of Google's; an object with a `values` list), anything else textual as a .env file.
 */
export function detectImportFormat(path: string, bytes: Uint8Array): ImportFormat {
  const magic = Buffer.from(MAGIC);
  if (bytes.length >= magic.length && Buffer.from(bytes.subarray(0, magic.length)).equals(magic)) return 'latch';
  if (extname(path).toLowerCase() === '.latch') return 'latch';
  if (bytes.includes(0)) {
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      'This file is binary and not a Latch backup; say what it is with --format env|postman|gcp-service-account|latch.',
      { detail: { field: 'format' } },
    );
  }
  const text = Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{') || /\.json$/i.test(path)) {
    try {
      const json = JSON.parse(text) as unknown;
      if (typeof json === 'object' && json !== null && isGoogleCredentialFile(json)) return 'gcp-service-account';
      if (typeof json === 'object' && json !== null && Array.isArray((json as { values?: unknown }).values))
        return 'postman';
    } catch {
      // A broken JSON file: the Postman parser will say where it breaks.
      return 'postman';
    }
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      'This JSON file is neither a Postman environment (no "values" list) nor a Google service-account key (no "type"). Export the environment from Postman, or give --format.',
      { detail: { field: 'format' } },
    );
  }
  return 'env';
}

/** `.json` exports plain text (with confirmation); anything else is an encrypted Latch backup. */
export function detectExportFormat(path: string): ExportFormat {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'latch';
}
