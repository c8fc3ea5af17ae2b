/**
 * Saving a renewed OAuth token set, for every renewer (AccessTokens on the command line, the app's OAuth
 * service). The refresh token the set replaces may be dead already (a rotating server spends it on use), so a
 * save that loses the race to another writer must not drop the set: the vault is re-read and the set saved again.
 * It recovers from another *process* saving first; the writer turn (writer-turns.ts) orders the writers of this
 * one, and the checkpoint takes back a refused batch: three guards, kept apart (docs/architecture.md says why).
 */
import { isEndpointsMoved, isTokensReplaced } from '../../core/credentials/renewed-from';
import type { FieldsOf, TokenSet } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import type { AccessOptions, Credentials } from '../credentials/credentials';

/** Re-reads the vault; `theirs`: records whose unsaved change here gives way to the file's version (OpenVault.reload). */
export type Reload = (options?: { theirs?: readonly string[] }) => Promise<unknown>;

/** Where the set goes: the app's or a command's Credentials. */
export type RenewedStore = Pick<Credentials, 'credential' | 'setTokens' | 'holdsUnsaved'>;

/** Another writer saved first: what `write` throws then, as the app (a failed save) or a command (saveMerging) says it. */
const lostRace = (e: unknown) =>
  e instanceof LatchError &&
  ((e.code === 'ERR_VAULT_CHANGED_ON_DISK' && e.detail?.reason !== 'different-vault') || e.code === 'ERR_CONFLICT');

/** How often the set is put on a newer file before the error is let through (each time another writer won). */
const ATTEMPTS = 4;

/**
 * Saves `tokens` on the credential. When another process saved the vault first, the file is re-read with that
 * process's version of the service (its other credentials, their freshly renewed sets included, are its), the
 * set put on it and saved again: the set wins for its credential only. Before, the re-save re-applied this
 * process's whole service record, and a set the other process had just renewed for a second client of the same
 * service went back to the spent one. A service with other changes of this session not yet saved (held behind
 * the app's save-failed banner) keeps them: it is re-read as any reload does, those changes re-applied.
 *
 * `from`, for a renewal: the set it renewed. If the credential holds another set by then, another process
 * renewed it after this one's renewal lock was broken as stale (a renewer stopped with Ctrl-Z past the lock's
 * 60 s), or a sign-in replaced it, in any process: that set is newer than the one this renewal started from, so
 * it stays, and is what this returns. If it holds no set at all, the credential was signed out meanwhile (its
 * tokens revoked on purpose) or an endpoint of it was edited (which drops the tokens): the renewed set is not
 * put back, and the renewal ends as a sign-in required. Otherwise the set saved: `tokens`. `obtainedWith`: the
 * fields the set was got with; if the credential's endpoints changed since, the set is not saved (endpointsMoved).
 */
export async function saveRenewed(
  credentials: RenewedStore,
  reload: Reload | undefined,
  serviceId: string,
  credentialId: string,
  tokens: TokenSet,
  options: AccessOptions & { from?: TokenSet | undefined; obtainedWith?: FieldsOf<'oauth2'> | undefined } = {},
): Promise<TokenSet> {
  const { from, obtainedWith, ...access } = options;
  const heldBefore = credentials.holdsUnsaved(serviceId);
  for (let attempt = 1; ; attempt++) {
    try {
      // With `from`, the store writes the set only while the credential still holds `from` (renewed-from.ts):
      // checked in the write's own turn, so a sign-out or an endpoint edit in this process while the token
      // request was on the wire counts as much as one another process saved (seen after the re-read below).
      await credentials.setTokens(serviceId, credentialId, tokens, {
        ...access,
        ...(from ? { renewedFrom: from } : {}),
        ...(obtainedWith ? { obtainedWith } : {}),
      });
      return tokens;
    } catch (e) {
      // Got from endpoints the credential no longer names: not this credential's tokens any more.
      if (isEndpointsMoved(e)) throw e;
      if (isTokensReplaced(e)) {
        const stored = await storedTokens(credentials, serviceId, credentialId, access);
        if (!stored) throw signedOutMeanwhile();
        return stored;
      }
      if (!lostRace(e) || !reload || attempt >= ATTEMPTS) throw e;
      await reload(heldBefore ? {} : { theirs: [serviceId] });
    }
  }
}

async function storedTokens(
  credentials: RenewedStore,
  serviceId: string,
  credentialId: string,
  access: AccessOptions,
): Promise<TokenSet | undefined> {
  const { credential } = await credentials.credential(serviceId, credentialId, access);
  return credential.kind === 'oauth2' ? credential.fields.tokens : undefined;
}

function signedOutMeanwhile(): LatchError {
  return new LatchError(
    'ERR_OAUTH_LOGIN_REQUIRED',
    'This OAuth credential was signed out while its token was being renewed (or one of its endpoints was changed, which signs it out), so the new token was not kept. Sign in again: in Latch, or with "latch oauth login".',
  );
}
