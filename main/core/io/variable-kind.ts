import type { CredentialKind } from '../model/credential';
import type { SendAs } from './secret-shape';

export interface VariableClassification {
  kind: Extract<CredentialKind, 'api-key' | 'secret'>;
  /** api-key only: where the key goes. */
  header?: string;
  prefix?: string;
  query?: string;
}

/** Key-ish names that are not sent in a header: signing and encryption material. */
const NOT_A_HEADER_KEY = /(PRIVATE|PUBLIC|SIGNING|ENCRYPTION|SSH|SECRET_ACCESS|MASTER|GPG|PGP)_KEY$/;

/** `apiKey` → `API_KEY`, `STRIPE_SECRET_KEY` unchanged: Postman keys are often camelCase. */
export function normaliseVariableName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/**
 * Which kind an imported variable becomes. A heuristic the preview shows and the user can
 * untick; it only decides how Latch sends the value, the value is stored either way:
 * - a key whose issuer says where it goes (`sendAs`, from secret-shape.ts: `ghp_…` as Bearer,
 *   `AIza…` in `?key=`): an api-key sent there;
 * - `*_TOKEN`: an api-key sent as `Authorization: Bearer <value>`;
 * - `*_API_KEY`, `*_KEY` (not private/public/signing/encryption keys): an api-key in `X-API-Key`;
 * - anything else, or a value spanning lines: a free `secret` (name = the variable).
 */
export function classifyVariable(name: string, value: string, sendAs?: SendAs): VariableClassification {
  const n = normaliseVariableName(name);
  if (/[\r\n]/.test(value)) return { kind: 'secret' };
  if (sendAs) return { kind: 'api-key', ...sendAs };
  if (n === 'TOKEN' || n.endsWith('_TOKEN')) return { kind: 'api-key', header: 'Authorization', prefix: 'Bearer ' };
  if ((n === 'KEY' || n.endsWith('_KEY') || n === 'APIKEY') && !NOT_A_HEADER_KEY.test(n)) {
    return { kind: 'api-key', header: 'X-API-Key' };
  }
  return { kind: 'secret' };
}

/** The fields a classified variable is stored with. */
export function fieldsFor(variable: string, value: string, c: VariableClassification): Record<string, unknown> {
  if (c.kind === 'secret') return { name: variable, value };
  return {
    value,
    ...(c.query ? { query: c.query } : { header: c.header }),
    ...(c.prefix ? { prefix: c.prefix } : {}),
  };
}
