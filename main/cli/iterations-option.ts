import { checkIterations } from '../core/vault/kdf';
import { usageError } from './parse-args';

/**
 * `--iterations N` (init, passwd, export): a whole number within the bounds a vault takes, checked when the
 * arguments are, so that a count out of bounds is refused before the user types a password (or two) and
 * waits for the unlock, not after. undefined when the option is not given.
 */
export function iterationsOption(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\d+$/.test(value)) throw usageError('--iterations takes a whole number.');
  const iterations = Number(value);
  checkIterations(iterations, 'set');
  return iterations;
}
