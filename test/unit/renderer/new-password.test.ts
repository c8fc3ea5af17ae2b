/**
 * The new-master-password checks and the strength words: errors follow what is typed (so they
 * clear when fixed), and the meter comes from zxcvbn-ts, which knows "password1" is weak.
 */
import { describe, expect, it } from 'vitest';
import { newPasswordErrors } from '../../../renderer/src/features/vault/new-password';
import { passwordStrength } from '../../../renderer/src/features/vault/password-strength';

describe('newPasswordErrors', () => {
  it('says too short only after a submit, and stops saying it once long enough', () => {
    expect(newPasswordErrors('short', '', false).password).toBeNull();
    expect(newPasswordErrors('short', '', true).password).toMatch(/Too short/);
    expect(newPasswordErrors('long enough now', 'long enough now', true)).toEqual({
      password: null,
      confirm: null,
      any: false,
    });
  });

  it('says the two differ as soon as the second has text, and blocks submit while they do', () => {
    expect(newPasswordErrors('long enough now', '', false)).toMatchObject({ confirm: null, any: true });
    expect(newPasswordErrors('long enough now', 'long enough no', false).confirm).toMatch(/not the same/);
    expect(newPasswordErrors('long enough now', '', true).confirm).toMatch(/not the same/);
  });
});

describe('passwordStrength', () => {
  it('rates a common password very weak, with the reason and a crack time', async () => {
    const s = await passwordStrength('password1');
    expect(s.score).toBe(0);
    expect(s.label).toBe('Very weak');
    expect(s.warning).toMatch(/commonly used/);
    expect(s.crackTime).toBe('less than a second');
  });

  it('rates four unrelated words very strong', async () => {
    const s = await passwordStrength('correct horse battery staple');
    expect(s.score).toBe(4);
    expect(s.label).toBe('Very strong');
  });
});
