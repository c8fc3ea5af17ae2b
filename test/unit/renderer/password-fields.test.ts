/**
 * Every password or secret input goes through PasswordField (renderer/src/ui), so each one has
 * a Show toggle and the Caps Lock warning: no other file renders a bare `type="password"` input,
 * and a masked textarea is drawn only by SecretInput, which gives it the same toggle. The screen
 * matrix checks the same on the rendered screens (`unrevealable` in test/e2e/screen-checks.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** `type="password"`, `type: 'password'`, `type={… 'password' …}` and createElement-style props. */
const PASSWORD_TYPE = /\btype\s*(?:=\s*["']password["']|:\s*["']password["']|=\{[^}]*["']password["'][^}]*\})/;
const MASKED_TEXTAREA = /\bmasked\s*=\s*\{/;

function offenders(pattern: RegExp, allowed: string): string[] {
  return sources(ROOT)
    .map((f) => relative(ROOT, f))
    .filter((f) => f !== allowed && pattern.test(readFileSync(join(ROOT, f), 'utf8')));
}

describe('password inputs', () => {
  it('only PasswordField sets an input to type password', () => {
    expect(offenders(PASSWORD_TYPE, 'ui/PasswordField.tsx')).toEqual([]);
  });

  it('only SecretInput masks a textarea (with its reveal toggle)', () => {
    expect(offenders(MASKED_TEXTAREA, 'features/services/SecretInput.tsx')).toEqual([]);
  });

  it('the patterns find the spellings they are meant to find', () => {
    for (const s of [
      '<input type="password" />',
      "<TextField type='password' />",
      "{ type: 'password' }",
      "type={shown ? 'text' : 'password'}",
    ])
      expect(PASSWORD_TYPE.test(s), s).toBe(true);
    for (const s of ['<input type="text" />', 'autoComplete="current-password"', "kind: 'password'"])
      expect(PASSWORD_TYPE.test(s), s).toBe(false);
    expect(MASKED_TEXTAREA.test('masked={!shown}')).toBe(true);
  });
});
