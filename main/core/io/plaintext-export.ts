import type { RecordVault } from '../credentials/record-vault';
import { LatchError } from '../model/errors';
import type { Clock } from '../platform';
import { readServiceBody, serviceEntries } from './vault-services';

export const PLAINTEXT_FORMAT = 'latch-plaintext';

/**
 * Every service with every secret, as JSON. Refused unless the caller passes
 * `confirmPlaintext: true` (the command line: `--plaintext --yes-i-understand`): the file is
 * not encrypted and anyone who can read it has every credential.
 */
export async function buildPlaintextExport(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  clock: Clock,
  options: { confirmPlaintext?: boolean },
): Promise<string> {
  assertPlaintextConfirmed(options);
  const services = [];
  for (const id of serviceEntries(vault).keys()) {
    const { v: _v, ...body } = await readServiceBody(vault, id);
    services.push(body);
  }
  services.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  return `${JSON.stringify({ format: PLAINTEXT_FORMAT, version: 1, exportedAt: new Date(clock.now()).toISOString(), services }, null, 2)}\n`;
}

/** Throws ERR_BAD_INPUT unless a plain-text export was confirmed explicitly. */
export function assertPlaintextConfirmed(options: { confirmPlaintext?: boolean }): void {
  if (options.confirmPlaintext !== true) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'A plain-text export writes every secret unencrypted. Export an encrypted Latch backup instead, or confirm the plain-text export explicitly (latch export FILE --format json --plaintext --yes-i-understand).',
      { detail: { field: 'confirmPlaintext' } },
    );
  }
}
