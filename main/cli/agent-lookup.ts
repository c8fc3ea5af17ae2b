/**
 * The unlock agent's side of the fast paths of `latch get` (main/cli/agent-get.ts) and `latch exec`
 * (main/cli/agent-exec.ts): opens the vault file the client names with the key the agent holds, reads the
 * fields through the same session and SecretAccess the ordinary commands use (so a TOTP code or a minted JWT
 * come out the same; an OAuth credential is left to the client, see below), and locks it again. Loaded by the
 * agent process, never by the client, so the client loads none of the vault, model or zod code.
 */
import { type CliSession, openCliSession } from '../app/cli-session';
import type { GetReply, GetRequest, ResolveReply, ResolveRequest } from '../core/agent/protocol';
import { isSecretField } from '../core/credentials/primary-secret';
import type { Located } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import { importVaultKey } from '../core/vault/aead';
import { decodeVaultFile } from '../core/vault/migrate';
import { openVault, readVaultSource } from '../core/vault/open';
import type { OpenVault } from '../core/vault/open-vault';
import { isBackupPath } from './backup-path';
import { cliFailure } from './failure';
import { gotField } from './got-field';

/** The client reads it the ordinary way (whose messages for each reason stay where they are). */
const UNAVAILABLE = { ok: false, error: 'unavailable' } as const;

/** A reference the agent leaves to the client: it cannot answer it here (see below). */
class LeftToClient extends Error {}

/**
 * Resolves a reference through the session, as the ordinary command does. An OAuth token may need a refresh
 * over the network, which then saves the vault: that stays in the client's own process, with its environment
 * (proxy, CA bundle), not in an agent started elsewhere.
 */
async function readReference(
  session: CliSession,
  reference: string,
): Promise<{ located: Located & { field: string }; value: string }> {
  const located = await session.credentials.resolve(reference);
  if (located.credential.kind === 'oauth2') throw new LeftToClient();
  return { located, value: await session.secrets.read(located, located.field) };
}

/**
 * Opens `path` with the key and runs `read` on a session over it. `unavailable` whenever the file cannot be
 * opened with this key (another vault's file, a backup, a damaged or missing file, a key that no longer fits
 * after a re-key) or `read` leaves a reference to the client; a command's failure as the ordinary command
 * prints it. The key is wiped and the vault locked again whatever happens.
 */
async function withVault<T>(
  key: Uint8Array,
  vaultId: string,
  path: string,
  read: (session: CliSession) => Promise<T>,
): Promise<T | typeof UNAVAILABLE | { ok: false; error: 'failed'; code: string; message: string }> {
  let vault: OpenVault;
  try {
    if (isBackupPath(path)) return UNAVAILABLE;
    const source = await readVaultSource(path);
    if (decodeVaultFile(source.bytes).header.vaultId !== vaultId) return UNAVAILABLE;
    vault = await openVault({ path, source, vaultKey: await importVaultKey(key) });
  } catch {
    return UNAVAILABLE;
  } finally {
    key.fill(0);
  }
  try {
    return await read(openCliSession(vault, systemClock));
  } catch (e) {
    if (e instanceof LeftToClient) return UNAVAILABLE;
    return { ok: false, error: 'failed', ...cliFailure(e) };
  } finally {
    vault.lock();
  }
}

/** `latch get`: one field, with the names around it. */
export function lookUpField(key: Uint8Array, vaultId: string, request: GetRequest): Promise<GetReply> {
  return withVault(key, vaultId, request.vault, async (session) => {
    const { located, value } = await readReference(session, request.reference);
    return { ok: true, got: gotField(located, value) };
  });
}

/**
 * `latch exec`: every reference in order, with the vault opened once, each value marked secret or not as
 * the ordinary exec marks it for masking. The first failure ends it, as it ends the ordinary exec.
 */
export function lookUpReferences(key: Uint8Array, vaultId: string, request: ResolveRequest): Promise<ResolveReply> {
  return withVault(key, vaultId, request.vault, async (session) => {
    const values = [];
    for (const reference of request.references) {
      const { located, value } = await readReference(session, reference);
      values.push({ value, secret: isSecretField(located.credential.kind, located.field) });
    }
    return { ok: true, values };
  });
}
