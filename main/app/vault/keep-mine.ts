/**
 * "Keep mine" after another program wrote the vault file: this session's vault, every record
 * as it is here, written over the file. The public OpenVault calls are enough: read every
 * record, adopt the file (reload), then put back each of ours and delete what we do not have.
 * Every body is re-encrypted, which is fine for a choice the user makes by hand.
 */

import type { OpenVault } from '../../core/vault/open-vault';
import type { JsonValue } from '../../core/vault/types';

export function keepMine(vault: OpenVault): Promise<void> {
  // One turn from the first read to the save: another writer's change between them would be silently undone.
  return vault.writerTurn(async () => {
    const mine = new Map<string, { entry: JsonValue; body: JsonValue }>();
    for (const [id, entry] of vault.entries()) mine.set(id, { entry, body: await vault.readRecord(id) });
    await vault.reload();
    for (const id of [...vault.entries().keys()]) if (!mine.has(id)) vault.deleteRecord(id);
    for (const [id, record] of mine) vault.putRecord(id, record.entry, record.body);
    await vault.save();
  });
}
