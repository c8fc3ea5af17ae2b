import { isSecretReference } from '../core/credentials/secret-reference';
import { usageError } from './parse-args';
import type { CliContext } from './registry';

// Kept apart from secret-option.ts (which opens the vault) so `latch totp --uri` stays light.

/** Where a secret option's value comes from. */
export type SecretSource =
  | { from: 'stdin' }
  | { from: 'reference'; reference: string }
  | { from: 'argv'; value: string };

export const INSECURE_ARGV = 'insecure-argv';

/**
 * A secret given to an option: "-" reads standard input, "latch://…" reads the vault, and a
 * value typed on the command line is refused unless --insecure-argv is given (then a warning),
 * because other users see argv in `ps` and the shell keeps it in its history.
 */
export function secretSource(ctx: CliContext, option: string, value: string): SecretSource {
  if (value === '-') return { from: 'stdin' };
  if (isSecretReference(value)) return { from: 'reference', reference: value };
  if (ctx.values[INSECURE_ARGV] !== true) {
    throw usageError(
      `${option} was given on the command line, where other users can see it (ps) and your shell history keeps it. Give "-" to read it from standard input, or a latch:// reference to a stored secret; or add --insecure-argv to accept the risk.`,
    );
  }
  ctx.note(`latch: warning: ${option} on the command line is visible in ps and kept in your shell history.`);
  return { from: 'argv', value };
}
