import { describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { validateCredentialFields } from '../../../main/core/credentials/validate-credential';
import { CREDENTIAL_KINDS, SECRET_FIELDS } from '../../../main/core/model/credential';
import { MemoryRecordVault } from './memory-record-vault';
import { GOOD } from './samples';

const SPACED = ' a b ';
/** Fields whose text is not the secret itself: a PEM key (parsed), a Base32 TOTP key (normalised). */
const PARSED = new Set(['jwt-signer.key', 'totp.secret']);

describe('secrets are stored exactly as given', () => {
  const cases = CREDENTIAL_KINDS.flatMap((kind) =>
    SECRET_FIELDS[kind]
      .filter((field) => typeof GOOD[kind][field] === 'string' && !PARSED.has(`${kind}.${field}`))
      .map((field) => [kind, field] as const),
  );

  it.each(cases)('%s.%s keeps its leading and trailing spaces', (kind, field) => {
    const fields = validateCredentialFields(kind, { ...GOOD[kind], [field]: SPACED }) as Record<string, unknown>;
    expect(fields[field]).toBe(SPACED);
  });

  it('an HS256 JWT key and an HMAC secret with spaces round-trip byte-exact through the store', async () => {
    const store = new ServiceStore(new MemoryRecordVault(), { now: () => 1 });
    const id = await store.createService({ name: '  Spaced  ' });
    const jwt = await store.addCredential(id, {
      kind: 'jwt-signer',
      name: ' signer ',
      fields: { algorithm: 'HS256', key: SPACED },
    });
    const hmac = await store.addCredential(id, { kind: 'hmac', name: 'hmac', fields: { secret: SPACED } });
    const pw = await store.addCredential(id, {
      kind: 'basic',
      name: 'pw',
      fields: { username: 'u', password: SPACED },
    });
    expect((await store.credential(id, jwt)).credential).toMatchObject({ name: 'signer', fields: { key: SPACED } });
    expect((await store.credential(id, hmac)).credential.fields).toMatchObject({ secret: SPACED });
    expect((await store.credential(id, pw)).credential.fields).toMatchObject({ password: SPACED });
    expect(store.summaries()[0]?.name).toBe('Spaced');
  });

  it('still refuses an empty secret and one of spaces alone', () => {
    expect(() => validateCredentialFields('bearer', { token: '' })).toThrow(/token/);
    expect(() => validateCredentialFields('basic', { username: 'u', password: '  ' })).toThrow(/password/);
  });
});
