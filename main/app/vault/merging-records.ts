/**
 * The vault as a command line's services see it: a save that loses the race to another writer
 * (the app, a concurrent command) reloads, re-applies this command's changes per record and
 * saves again (core/vault/save-merging.ts), because a command cannot ask its user to reload.
 * A record both changed is refused by name.
 */
import type { RecordVault } from '../../core/credentials/record-vault';
import { describeRecord } from '../../core/credentials/service-records';
import type { OpenVault } from '../../core/vault/open-vault';
import { saveMerging } from '../../core/vault/save-merging';

export function mergingRecordVault(vault: OpenVault): RecordVault {
  return {
    entries: () => vault.entries(),
    entriesMentioning: (needle) => vault.entriesMentioning(needle),
    readRecord: (id) => vault.readRecord(id),
    putRecord: (id, entry, body) => vault.putRecord(id, entry, body),
    deleteRecord: (id) => vault.deleteRecord(id),
    checkpoint: () => vault.checkpoint(),
    writerTurn: (fn) => vault.writerTurn(fn),
    save: () => saveMerging(vault, { describe: (id) => describeRecord(id, vault.entries().get(id)) }),
  };
}
