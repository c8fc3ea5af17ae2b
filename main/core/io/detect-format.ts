import { extname } from 'node:path';
import { LatchError } from '../model/errors';
import { MAGIC } from '../vault/constants';
import type { ImportFormat } from './import-types';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['env', 'postman', 'latch'];
export type ExportFormat = 'latch' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['latch', 'json'];

/**
 * What an import file is, when `--format` is not given: a Latch vault by its magic bytes
 * (or `.latch`), a Postman environment by its JSON shape (an object with a `values` list),
 * anything else textual as a .env file.
 */
export function detectImportFormat(path: string, bytes: Uint8Array): ImportFormat {
  const magic = Buffer.from(MAGIC);
  if (bytes.length >= magic.length && Buffer.from(bytes.subarray(0, magic.length)).equals(magic)) return 'latch';
  if (extname(path).toLowerCase() === '.latch') return 'latch';
  if (bytes.includes(0)) {
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      'This file is binary and not a Latch backup; say what it is with --format env|postman|latch.',
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
      if (typeof json === 'object' && json !== null && Array.isArray((json as { values?: unknown }).values))
        return 'postman';
    } catch {
      // A broken JSON file: the Postman parser will say where it breaks.
      return 'postman';
    }
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      'This JSON file is not a Postman environment (no "values" list). Export the environment from Postman, or give --format.',
      { detail: { field: 'format' } },
    );
  }
  return 'env';
}

/** `.json` exports plain text (with confirmation); anything else is an encrypted Latch backup. */
export function detectExportFormat(path: string): ExportFormat {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'latch';
}
