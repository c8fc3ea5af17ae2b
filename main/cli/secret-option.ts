import { readSecretField } from '../core/credentials/primary-secret';
import type { ServiceStore } from '../core/credentials/service-store';
import { LatchError } from '../core/model/errors';
import { systemClock } from '../core/platform';
import {
  MAX_PASSWORD_AND_VALUE_BYTES,
  MAX_STDIN_VALUE_BYTES,
  readAllStdin,
  splitPasswordAndValue,
  stripFinalNewline,
} from './read-stdin';
import type { CliContext } from './registry';
import { secretSource } from './secret-source';
import { withServiceStore } from './with-store';

/** The value a latch:// reference names, from the open vault. */
export async function readReference(store: ServiceStore, reference: string): Promise<string> {
  const located = await store.resolve(reference);
  return readSecretField(located, located.field, { clock: systemClock });
}

/** The value of a secret option for a command that does not otherwise open the vault. */
export async function readSecretOption(ctx: CliContext, option: string, value: string): Promise<string> {
  const source = secretSource(ctx, option, value);
  if (source.from === 'argv') return source.value;
  if (source.from === 'stdin') {
    return ctx.io.stdin.isTTY === true
      ? ctx.secrets.next(`${option}: `)
      : stripFinalNewline(await readAllStdin(ctx.io, MAX_STDIN_VALUE_BYTES));
  }
  return withServiceStore(ctx, (store) => readReference(store, source.reference));
}

/**
 * A secret value given as "-": with --password-stdin the rest of stdin after the master password line
 * (returned too, for the unlock), at a terminal a hidden prompt, else all of stdin; one final newline dropped.
 */
export async function readStdinValue(ctx: CliContext, field: string): Promise<{ value: string; password?: string }> {
  let read: { value: string; password?: string };
  if (ctx.values['password-stdin'] === true)
    read = splitPasswordAndValue(await readAllStdin(ctx.io, MAX_PASSWORD_AND_VALUE_BYTES));
  else if (ctx.io.stdin.isTTY === true) read = { value: await ctx.secrets.next(`Value for ${field}: `) };
  else read = { value: stripFinalNewline(await readAllStdin(ctx.io, MAX_STDIN_VALUE_BYTES)) };
  if (read.value === '')
    throw new LatchError('ERR_BAD_INPUT', `No value for ${field} on stdin.`, { detail: { field } });
  return read;
}
