import { LatchError } from '../model/errors';

/** `latch://SERVICE/CREDENTIAL[/FIELD]`, or the same path without the scheme. */
export interface SecretReference {
  service: string;
  credential: string;
  field: string | null;
}

const SCHEME = 'latch://';

function decode(part: string, what: string, ref: string): string {
  try {
    const value = decodeURIComponent(part);
    if (value.trim() === '') throw new Error('empty');
    return value;
  } catch {
    throw new LatchError(
      'ERR_BAD_INPUT',
      `The secret reference has an empty or badly encoded ${what}: write it as latch://SERVICE/CREDENTIAL[/FIELD].`,
      {
        detail: { reference: ref.startsWith(SCHEME) ? 'latch://…' : '…' },
      },
    );
  }
}

export function parseSecretReference(ref: string): SecretReference {
  const body = ref.startsWith(SCHEME) ? ref.slice(SCHEME.length) : ref;
  const parts = body.split('/');
  if (parts.length < 2 || parts.length > 3) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'A secret reference is latch://SERVICE/CREDENTIAL or latch://SERVICE/CREDENTIAL/FIELD (escape a "/" in a name as %2F).',
    );
  }
  return {
    service: decode(parts[0] ?? '', 'service name', ref),
    credential: decode(parts[1] ?? '', 'credential name', ref),
    field: parts[2] === undefined ? null : decode(parts[2], 'field name', ref),
  };
}

/** Names are percent-encoded where they hold "/", "%" or spaces, so the reference reads back exactly. */
export function formatSecretReference(ref: SecretReference): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '%20');
  return `${SCHEME}${enc(ref.service)}/${enc(ref.credential)}${ref.field === null ? '' : `/${enc(ref.field)}`}`;
}

export function isSecretReference(value: string): boolean {
  return value.startsWith(SCHEME);
}
