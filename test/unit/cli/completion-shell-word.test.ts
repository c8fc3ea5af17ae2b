import { describe, expect, it } from 'vitest';
import { shellWord } from '../../../main/cli/completion/vault-names';
import { serviceNameForms } from '../../../main/cli/service-name';
import { parseSecretReference } from '../../../main/core/credentials/secret-reference';

/** Every printable ASCII character, and names shaped as options, globs, quotes and home folders. */
const NAMES = [
  ...Array.from({ length: 95 }, (_, i) => `a${String.fromCharCode(32 + i)}b`),
  "*(e'pwned')",
  '-rf',
  '--vault=/tmp/x',
  '~root',
  "O'Hare",
  'Billing EU',
  'a/b%2F',
  'Zürich ✓',
];

describe('shellWord: a vault name as a word no shell reads anything into', () => {
  it('holds only letters, digits and - . _ %, never starting with "-"', () => {
    for (const name of NAMES) expect(shellWord(name), name).toMatch(/^[A-Za-z0-9._%][A-Za-z0-9._%-]*$/);
  });

  it('reads back as the name: as a reference part and as a SERVICE argument', () => {
    for (const name of NAMES) {
      const ref = parseSecretReference(`latch://${shellWord(name)}/${shellWord(name)}`);
      expect(ref, name).toEqual({ service: name, credential: name, field: null });
      expect(serviceNameForms(shellWord(name)), name).toContain(name);
    }
  });

  it('leaves a plain name as it is, so what is offered is what the user would type', () => {
    expect(shellWord('Stripe')).toBe('Stripe');
    expect(shellWord('Billing EU')).toBe('Billing%20EU');
    expect(shellWord("*(e'pwned')")).toBe('%2A%28e%27pwned%27%29');
    expect(shellWord('-rf')).toBe('%2Drf');
  });
});
