import type { RecordVault } from '../credentials/record-vault';
import { entryFor, ServiceBody } from '../credentials/service-records';
import { LatchError } from '../model/errors';
import type { JsonValue } from '../vault/types';
import { asOnlyWriter } from '../vault/writer-turns';

/**
 * A body the vault could not read back (a credential name over its 200 characters, from a
 * 250-character .env variable) would make the whole service, and every credential already in
 * it, unreadable after the save: refuse it before anything is written. The message names the
 * field's path only, never a value.
 */
function checkReadable(body: ServiceBody): void {
  const parsed = ServiceBody.safeParse(body);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const field = (issue?.path ?? []).join('.');
  throw new LatchError(
    'ERR_BAD_INPUT',
    `The import cannot be saved: ${field || 'a service'} ${issue?.code === 'too_big' ? 'is too long' : 'is not valid'} for a Latch vault. Nothing was imported.`,
    { detail: { field } },
  );
}

/**
 * Writes every service body (each checked to read back first) and saves once: all or nothing in
 * the file. A save that fails leaves the whole import in the open vault, as any other failed
 * write does, for the holder to settle: the app's save-failed banner re-applies it onto the file
 * (once) or discards it, and the command line's process ends with the error. Putting the records
 * back instead dropped an import the app had said was kept: "Reload and re-apply" lost it.
 */
export async function commitServices(vault: RecordVault, bodies: ReadonlyMap<string, ServiceBody>): Promise<void> {
  for (const body of bodies.values()) checkReadable(body);
  await asOnlyWriter(vault, async () => {
    for (const [id, body] of bodies) vault.putRecord(id, entryFor(body) as unknown as JsonValue, body as never);
    await vault.save();
  });
}
