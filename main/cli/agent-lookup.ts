/**
 * The unlock agent's side of the fast paths of `latch get` (main/cli/agent-get.ts) and `latch exec`
 * (main/cli/agent-exec.ts): opens the vault file the client names with the key the agent holds (or takes the one
 * it holds open while that file is unchanged, agent-held-vault.ts), reads the fields through the same session
 * and SecretAccess the ordinary commands use (so a TOTP code or a minted JWT come out the same; an OAuth
 * credential is left to the client, see below). Loaded by the agent process, never by the client, so the client
 * loads none of the vault, model or zod code.
 */
import { type CliSession, openCliSession } from '../app/cli-session';
import type { AgentLookup, AgentResolve } from '../core/agent/agent-server';
import { isSecretField } from '../core/credentials/primary-secret';
import type { Located } from '../core/credentials/service-store';
import { systemClock } from '../core/platform';
import { importVaultKey } from '../core/vault/aead';
import { decodeVaultFile } from '../core/vault/migrate';
import { openVault } from '../core/vault/open';
import { HeldVault, type VaultLease } from './agent-held-vault';
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
 * Runs `read` on a session over the vault at `path`, opened with the key (or held open, unchanged since). `unavailable`
 * whenever the file cannot be opened with this key (another vault's file, a backup, a damaged or missing file, a
 * key that no longer fits after a re-key) or `read` leaves a reference to the client; a command's failure as the
 * ordinary command prints it. The key copy is wiped whatever happens.
 */
async function withVault<T>(
  held: HeldVault,
  key: Uint8Array,
  vaultId: string,
  path: string,
  read: (session: CliSession) => Promise<T>,
): Promise<T | typeof UNAVAILABLE | { ok: false; error: 'failed'; code: string; message: string }> {
  let lease: VaultLease | null;
  try {
    if (isBackupPath(path)) return UNAVAILABLE;
    lease = await held.lease(path, async (source) =>
      decodeVaultFile(source.bytes).header.vaultId === vaultId
        ? openVault({ path, source, vaultKey: await importVaultKey(key) })
        : null,
    );
  } catch {
    return UNAVAILABLE;
  } finally {
    key.fill(0);
  }
  if (lease === null) return UNAVAILABLE;
  try {
    return await read(openCliSession(lease.vault, systemClock));
  } catch (e) {
    if (e instanceof LeftToClient) return UNAVAILABLE;
    return { ok: false, error: 'failed', ...cliFailure(e) };
  } finally {
    lease.release();
  }
}

export interface AgentLookups {
  /** `latch get`: one field, with the names around it. */
  field: AgentLookup;
  /**
   * `latch exec`: every reference in order, with the vault opened once, each value marked secret or not as the
   * ordinary exec marks it for masking. The first failure ends it, as it ends the ordinary exec.
   */
  references: AgentResolve;
  /** The agent forgot its key: lock the vault held open, and hold none from now on. */
  forget(): void;
}

/** The agent's lookups, over one HeldVault (a test passes its own, on a file system it watches). */
export function agentLookups(held = new HeldVault()): AgentLookups {
  return {
    field: (key, vaultId, request) =>
      withVault(held, key, vaultId, request.vault, async (session) => {
        const { located, value } = await readReference(session, request.reference);
        return { ok: true, got: gotField(located, value) };
      }),
    references: (key, vaultId, request) =>
      withVault(held, key, vaultId, request.vault, async (session) => {
        const values = [];
        for (const reference of request.references) {
          const { located, value } = await readReference(session, reference);
          values.push({ value, secret: isSecretField(located.credential.kind, located.field) });
        }
        return { ok: true, values };
      }),
    forget: () => held.forget(),
  };
}
