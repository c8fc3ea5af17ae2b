/**
 * Services and credentials as the app and the command line use them. Every write goes through
 * `#write`, the one place that emits `credentials.changed` (the lists reload, the refresh
 * scheduler re-tracks, orphaned request history is pruned) and tells the deleted-credential
 * listeners (token revocation) what went.
 */

import type { TokenGuard } from '../../core/credentials/renewed-from';
import type { ServiceBody } from '../../core/credentials/service-records';
import {
  type CredentialPatch,
  type Located,
  type NewCredential,
  ServiceStore,
} from '../../core/credentials/service-store';
import type { Credential, TokenSet } from '../../core/model/credential';
import type { HealthIssue, ServiceSummary, ServiceView } from '../../core/model/service';
import type { Clock } from '../../core/platform';
import type { OpenVault } from '../../core/vault/open-vault';
import type { AppEvents } from '../events';
import type { VaultAccess } from '../vault/vault-access';

export type { CredentialPatch, Located, NewCredential };

export interface CredentialsDeps {
  vault: VaultAccess;
  events: AppEvents;
  clock: Clock;
}

/** Background work (a scheduled refresh) reads and writes without counting as user activity. */
export interface AccessOptions {
  background?: boolean;
}

export class Credentials {
  readonly #deleted = new Set<(credentials: Credential[]) => void>();

  constructor(private readonly deps: CredentialsDeps) {}

  /** The store over the open vault; ERR_VAULT_LOCKED when locked. */
  store(options: AccessOptions = {}): ServiceStore {
    // vault() throws ERR_VAULT_LOCKED when there is no open vault to work on in the background either.
    const v = (options.background ? this.deps.vault.current : null) ?? this.deps.vault.vault();
    return new ServiceStore(this.deps.vault.records?.(v) ?? v, this.deps.clock);
  }

  // ---- reading ----

  summaries(): ServiceSummary[] {
    return this.store().summaries();
  }
  health(): HealthIssue[] {
    return this.store().health();
  }
  view(serviceId: string): Promise<ServiceView> {
    return this.store().view(serviceId);
  }
  body(serviceId: string, options: AccessOptions = {}): Promise<ServiceBody> {
    return this.store(options).body(serviceId);
  }
  credential(serviceId: string, credentialId: string, options: AccessOptions = {}): Promise<Located> {
    return this.store(options).credential(serviceId, credentialId);
  }
  /** `latch://SERVICE/CREDENTIAL[/FIELD]` (or without the scheme) to the credential and field. */
  resolve(reference: string): Promise<Located & { field: string }> {
    return this.store().resolve(reference);
  }

  // ---- writing ----

  createService(input: unknown): Promise<string> {
    return this.#write((s) => s.createService(input));
  }
  updateService(serviceId: string, input: unknown): Promise<void> {
    return this.#write((s) => s.updateService(serviceId, input));
  }
  async deleteService(serviceId: string): Promise<void> {
    const removed = await this.#write((s) => s.deleteService(serviceId));
    this.#tellDeleted(removed);
  }
  addCredential(serviceId: string, input: NewCredential): Promise<string> {
    return this.#write((s) => s.addCredential(serviceId, input));
  }
  updateCredential(serviceId: string, credentialId: string, patch: CredentialPatch): Promise<void> {
    return this.#write((s) => s.updateCredential(serviceId, credentialId, patch));
  }
  async deleteCredential(serviceId: string, credentialId: string): Promise<void> {
    const removed = await this.#write((s) => s.deleteCredential(serviceId, credentialId));
    this.#tellDeleted([removed]);
  }
  /** Remembers that the user let this credential go to `origin` (host binding). */
  approveOrigin(serviceId: string, credentialId: string, origin: string): Promise<void> {
    return this.#write((s) => s.approveOrigin(serviceId, credentialId, origin));
  }
  /** Forgets an added host or an approved origin of a credential (host binding); the user's click only. */
  forgetHost(serviceId: string, credentialId: string, target: string): Promise<{ forgotten: number }> {
    return this.#write((s) => s.forgetHost(serviceId, credentialId, target));
  }
  rotate(serviceId: string, credentialId: string, values: Record<string, string>, graceDays: number): Promise<void> {
    return this.#write((s) => s.rotate(serviceId, credentialId, values, graceDays));
  }
  replaceCredential(serviceId: string, next: Credential): Promise<void> {
    return this.#write((s) => s.replaceCredential(serviceId, next));
  }
  /** A fresh token set (sign-in, refresh), or none (sign-out); `renewedFrom`, `obtainedWith`: renewed-from.ts. */
  setTokens(
    serviceId: string,
    credentialId: string,
    tokens: TokenSet | undefined,
    options: AccessOptions & TokenGuard = {},
  ): Promise<void> {
    const { renewedFrom, obtainedWith, ...access } = options;
    return this.#write((s) => s.setTokens(serviceId, credentialId, tokens, { renewedFrom, obtainedWith }), access);
  }
  /**
   * Several writes as one change (a TOTP import, a new OAuth client, a file import), announced once
   * and saved once. A save per write failed at the first (a new service) when another program had
   * written the file, so the held change, and what "Reload and re-apply" saved, was a service
   * without the code or client it was made for.
   */
  batch<T>(change: (store: ServiceStore, vault: OpenVault) => Promise<T>): Promise<T> {
    return this.#write((store, vault) => store.inOneSave(() => change(store, vault)));
  }

  /** Whether the open vault holds a change to this service not yet saved (none while locked). */
  holdsUnsaved(serviceId: string): boolean {
    return this.deps.vault.current?.unsavedRecords().some((r) => r.id === serviceId) ?? false;
  }

  /** Credentials that left the vault (a deleted service or credential); returns the unsubscribe function. */
  onDeleted(listener: (credentials: Credential[]) => void): () => void {
    this.#deleted.add(listener);
    return () => {
      this.#deleted.delete(listener);
    };
  }

  async #write<T>(
    change: (store: ServiceStore, vault: OpenVault) => Promise<T>,
    options: AccessOptions = {},
  ): Promise<T> {
    const store = this.store(options);
    const changed = () => this.deps.events.emit('credentials.changed', { cause: 'write' });
    try {
      const result = await this.deps.vault.write((vault) => change(store, vault), options);
      changed();
      return result;
    } catch (e) {
      // A failed save leaves the change in memory, and the lists show it.
      if (this.deps.vault.current?.isDirty) changed();
      throw e;
    }
  }

  #tellDeleted(credentials: Credential[]): void {
    for (const listener of [...this.#deleted]) {
      try {
        listener(credentials);
      } catch {
        // Revocation is best effort; the delete itself is done.
      }
    }
  }
}
