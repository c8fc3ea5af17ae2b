/**
 * The unlock agent's side of `latch get`'s fast path (main/cli/agent-get.ts): opens the vault file the
 * client names with the key the agent holds, reads the one field through the same session and SecretAccess
 * the ordinary `latch get` uses (so a TOTP code or a minted JWT come out the same; an OAuth credential is
 * left to the client, see below), and locks it again. Loaded by the agent process, never by the client, so the client loads none
 * of the vault, model or zod code.
 */
import { openCliSession } from '../app/cli-session';
import type { GetReply, GetRequest } from '../core/agent/protocol';
import { systemClock } from '../core/platform';
import { importVaultKey } from '../core/vault/aead';
import { decodeVaultFile } from '../core/vault/migrate';
import { openVault, readVaultSource } from '../core/vault/open';
import type { OpenVault } from '../core/vault/open-vault';
import { isBackupPath } from './backup-path';
import { cliFailure } from './failure';
import { gotField } from './got-field';

/**
 * `unavailable` whenever the file cannot be opened with this key (another vault's file, a backup, a damaged
 * or missing file, a key that no longer fits after a re-key): the client then takes the ordinary path, whose
 * messages for each of those (the backup offered, the password asked) stay where they are.
 */
export async function lookUpField(key: Uint8Array, vaultId: string, request: GetRequest): Promise<GetReply> {
  let vault: OpenVault;
  try {
    if (isBackupPath(request.vault)) return { ok: false, error: 'unavailable' };
    const source = await readVaultSource(request.vault);
    if (decodeVaultFile(source.bytes).header.vaultId !== vaultId) return { ok: false, error: 'unavailable' };
    vault = await openVault({ path: request.vault, source, vaultKey: await importVaultKey(key) });
  } catch {
    return { ok: false, error: 'unavailable' };
  } finally {
    key.fill(0);
  }
  try {
    const session = openCliSession(vault, systemClock);
    const located = await session.credentials.resolve(request.reference);
    // An OAuth token may need a refresh over the network, which then saves the vault: that stays in the
    // client's own process, with its environment (proxy, CA bundle), not in an agent started elsewhere.
    if (located.credential.kind === 'oauth2') return { ok: false, error: 'unavailable' };
    return { ok: true, got: gotField(located, await session.secrets.read(located, located.field)) };
  } catch (e) {
    return { ok: false, error: 'failed', ...cliFailure(e) };
  } finally {
    vault.lock();
  }
}
