import { LatchError } from '../model/errors';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface EnvAssignment {
  name: string;
  /** A `latch://` reference (resolved to its secret) or a plain value (passed as is). */
  value: string;
}

export function checkEnvName(name: string): string {
  if (!ENV_NAME.test(name)) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'An environment variable name is letters, digits and "_", not starting with a digit.',
      { detail: { field: 'env' } },
    );
  }
  return name;
}

/** `NAME=REF` from `--env`. The value is not echoed in errors: it may be a secret typed by mistake. */
export function parseEnvAssignment(pair: string): EnvAssignment {
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    throw new LatchError('ERR_BAD_INPUT', 'Write --env as NAME=latch://SERVICE/CREDENTIAL[/FIELD].', {
      detail: { field: 'env' },
    });
  }
  return { name: checkEnvName(pair.slice(0, eq)), value: pair.slice(eq + 1) };
}
