// Apart from sign.ts: credential validation reads a JWT signer's claims in every command that opens the vault,
// and sign.ts imports jose's signer, which costs those commands about 15 ms to load when they sign nothing.
import { LatchError } from '../model/errors';

/** The "claims" field of a JWT signer: a JSON object as text, or empty. */
export function parseExtraClaims(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const where = e instanceof SyntaxError ? ` (${e.message})` : '';
    throw new LatchError(
      'ERR_BAD_INPUT',
      `The extra claims are not valid JSON${where}. Write a JSON object such as {"scope":"read"}.`,
      {
        detail: { field: 'claims' },
      },
    );
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new LatchError('ERR_BAD_INPUT', 'The extra claims must be a JSON object such as {"scope":"read"}.', {
      detail: { field: 'claims' },
    });
  }
  return v as Record<string, unknown>;
}
