import { isSecretReference } from '../credentials/secret-reference';
import { LatchError } from '../model/errors';
import type { EnvAssignment } from './env-assignment';

export interface ResolvedEnv {
  /** What the command's environment gets on top of the inherited one. */
  env: Record<string, string>;
  /** The secret values that came from the vault: masked in the command's output. */
  secrets: string[];
}

/**
 * A C string ends at a NUL, so execve cannot pass one (Node refuses the spawn with a TypeError that quotes the
 * value): said here, with the variable and the reference, never the value.
 */
function nulByte(name: string, what: string): LatchError {
  return new LatchError(
    'ERR_BAD_INPUT',
    `${name}: ${what} holds a NUL byte, which an environment variable cannot carry. Nothing was run.`,
  );
}

/**
 * Resolves assignments in order (an env file's, then --env's, so the command line wins): a
 * `latch://` value is replaced by the value it names, anything else passes through as is.
 * Only values the resolver calls secret (secret fields, not e.g. a header name or a region) are
 * masked later. All references are resolved before the command starts.
 */
export async function resolveExecEnv(
  assignments: readonly EnvAssignment[],
  resolveReference: (reference: string) => Promise<{ value: string; secret: boolean }>,
): Promise<ResolvedEnv> {
  const env: Record<string, string> = {};
  const fromVault = new Map<string, string>();
  for (const a of assignments) {
    if (isSecretReference(a.value)) {
      const { value, secret } = await resolveReference(a.value);
      if (value.includes('\0')) throw nulByte(a.name, `the value of ${a.value}`);
      env[a.name] = value;
      if (secret) fromVault.set(a.name, value);
      else fromVault.delete(a.name);
    } else {
      if (a.value.includes('\0')) throw nulByte(a.name, 'its value');
      env[a.name] = a.value;
      fromVault.delete(a.name);
    }
  }
  return { env, secrets: [...new Set(fromVault.values())] };
}
