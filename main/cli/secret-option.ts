import { readSecretField } from '../core/credentials/primary-secret';
import type { ServiceStore } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import { readAllStdin, stripFinalNewline } from './read-stdin';
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
      : stripFinalNewline(await readAllStdin(ctx.io));
  }
  return withServiceStore(ctx, (store) => readReference(store, source.reference));
}
