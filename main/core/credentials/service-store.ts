/**
 * Services and their credentials, stored as vault records (see service-records.ts).
 * Lists, search and health read the index only; opening a service or using a secret
 * decrypts that one record. Every change is saved atomically before the call returns.
 */
import { randomBytes } from 'node:crypto';
import { type Credential, type CredentialKind, PRIMARY_FIELD, SECRET_FIELDS, type TokenSet } from '../model/credential';
import { credentialHeaderMessage, type DefaultHeader } from '../model/default-headers';
import { LatchError } from '../model/errors';
import { ApprovedOrigin, HostBindingFields, normalizeHost } from '../model/host-binding';
import type { SavedBy } from '../model/saved-by';
import { type HealthIssue, ServiceInput, type ServiceSummary, type ServiceView } from '../model/service';
import { tokenStatus } from '../model/token-status';
import type { Clock } from '../platform';
import { asOnlyWriter } from '../vault/writer-turns';
import { credentialHeaderNames } from './credential-headers';
import { credentialStatuses, rotationDueAt } from './credential-status';
import { credentialView } from './credential-view';
import { guardOAuthDestination, oauthDestinationChanged } from './oauth-destination';
import type { RecordVault } from './record-vault';
import { endpointsMoved, sameTokenSet, type TokenGuard, tokensReplaced } from './renewed-from';
import { parseSecretReference } from './secret-reference';
import {
  entryFor,
  indexTokenFacts,
  readServiceEntry,
  SERVICE_RECORD_PREFIX,
  ServiceBody,
  summaryFrom,
} from './service-records';
import { validateCredentialFields } from './validate-credential';

const DAY = 86_400_000;

export interface NewCredential {
  kind: CredentialKind;
  name: string;
  fields: Record<string, unknown>;
  expiresAt?: number | null;
  rotateEveryDays?: number | null;
  /** Hosts beside the service's base URL host the credential may go to without asking. */
  hosts?: string[];
  /** The tool helper creating it (docker, git); never changed afterwards. */
  savedBy?: SavedBy;
}

export interface CredentialPatch {
  name?: string;
  /** Fields to change. A secret field left out keeps its value. */
  fields?: Record<string, unknown>;
  expiresAt?: number | null;
  rotateEveryDays?: number | null;
  hosts?: string[];
}

export interface Located {
  service: ServiceBody;
  serviceId: string;
  credential: Credential;
}

const newId = (prefix: string) => `${prefix}${randomBytes(9).toString('base64url')}`;

/**
 * The words the user knows a field by (the credential form's labels), where the record's key is not one: a
 * message is read by people, in the app and on the command line; `detail.field` keeps the key for the form.
 */
const FIELD_WORDS: Record<string, string> = {
  rotateEveryDays: 'Rotation period',
  expiresAt: 'Expiry',
  graceDays: 'Grace period',
};

function badInput(field: string, message: string): LatchError {
  return new LatchError('ERR_BAD_INPUT', `${FIELD_WORDS[field] ?? field}: ${message}.`, { detail: { field } });
}

/** The rotation reminder the credential form allows (whole days, 1 to 3650), checked here for every writer. */
function checkRotateEveryDays(days: number | null | undefined): void {
  if (days === null || days === undefined) return;
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw badInput('rotateEveryDays', 'give whole days from 1 to 3650, or none');
}

/**
 * A time a Date can hold (ECMAScript's range, 8.64e15 ms either side of 1970): anything beyond is no date, and
 * every reader that shows it (toISOString) would throw after the save.
 */
function checkExpiresAt(at: number | null | undefined): void {
  if (at !== null && at !== undefined && Number.isNaN(new Date(at).getTime()))
    throw badInput('expiresAt', 'not a date');
}

function parseHosts(hosts: unknown): string[] {
  const parsed = HostBindingFields.hosts.safeParse(hosts);
  if (!parsed.success) throw badInput('hosts', parsed.error.issues[0]?.message ?? 'not a list of hosts');
  return [...new Set(parsed.data)];
}

type ParsedService = ServiceInput & {
  tags: string[];
  notes: string;
  favourite: boolean;
  baseUrl: string;
  headers: DefaultHeader[];
};

/**
 * Default headers may not take the name of a header the service's own credentials write: the value
 * would sit in clear beside the credential that keeps it encrypted (model/default-headers.ts names
 * the headers every service refuses).
 */
function checkHeadersAgainst(headers: readonly DefaultHeader[], credentials: readonly Credential[]): void {
  headers.forEach((h, i) => {
    for (const c of credentials)
      if (credentialHeaderNames(c).some((n) => n.toLowerCase() === h.name.toLowerCase()))
        throw badInput(`headers.${i}.name`, credentialHeaderMessage(h.name, c.name));
  });
}

/** The stored form: `enabled` written only when a header is switched off, and nothing for an empty list. */
function storedHeaders(headers: readonly DefaultHeader[]): { headers?: DefaultHeader[] } {
  if (headers.length === 0) return {};
  return {
    headers: headers.map(({ name, value, enabled }) => ({ name, value, ...(enabled === false ? { enabled } : {}) })),
  };
}

function parseService(input: unknown): ParsedService {
  const parsed = ServiceInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput(issue?.path.join('.') || 'service', issue?.message ?? 'not valid');
  }
  return { ...parsed.data, tags: [...new Set(parsed.data.tags)] };
}

/** The one rule a service name is matched by: a service record whose name, lowercased, is wanted. */
function isServiceNamed(id: string, entry: unknown, wanted: string): boolean {
  return id.startsWith(SERVICE_RECORD_PREFIX) && readServiceEntry(entry)?.name.toLowerCase() === wanted;
}

export class ServiceStore {
  /** Nesting depth of inOneSave: while above 0, writes stay in memory. */
  private deferring = 0;
  private unsaved = false;

  constructor(
    private readonly vault: RecordVault,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs fn with its writes kept in memory, then saves once: what is one change for the user (create a
   * service and add its first credential) is one save, so a kill between two writes cannot leave half of
   * it on disk. When fn throws (an item refused, a limit reached after some writes) its writes are rolled
   * back (the vault's checkpoint): a refused change leaves nothing applied, so no later, unrelated save
   * writes half of it. Writes fn itself handed to a save stay (commitServices saves the import in one go;
   * a failed save of it is held for the save-failed banner, not dropped).
   */
  inOneSave<T>(fn: () => Promise<T>): Promise<T> {
    return this.alone(() => this.batch(fn));
  }

  /**
   * Runs fn as the vault's only writer in this process (RecordVault.writerTurn): another store's write or batch
   * on the same open vault waits, so it neither saves half of a batch nor has its own writes rolled back by one.
   */
  private alone<T>(fn: () => Promise<T>): Promise<T> {
    return asOnlyWriter(this.vault, fn);
  }

  private async batch<T>(fn: () => Promise<T>): Promise<T> {
    const checkpoint = this.deferring === 0 ? this.vault.checkpoint?.() : undefined;
    this.deferring++;
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      if (checkpoint) {
        checkpoint.rollback();
        this.unsaved = false;
      }
      throw e;
    } finally {
      this.deferring--;
      checkpoint?.release();
    }
    if (this.deferring === 0 && this.unsaved) await this.flush();
    return result;
  }

  private async flush(): Promise<void> {
    if (this.deferring > 0) {
      this.unsaved = true;
      return;
    }
    this.unsaved = false;
    await this.vault.save();
  }

  // ---- reading: index only ----

  summaries(): ServiceSummary[] {
    const now = this.clock.now();
    const out: ServiceSummary[] = [];
    for (const [id, raw] of this.vault.entries()) {
      if (!id.startsWith(SERVICE_RECORD_PREFIX)) continue;
      const entry = readServiceEntry(raw);
      if (entry) out.push(summaryFrom(id, entry, now));
    }
    return out.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  }

  health(): HealthIssue[] {
    const now = this.clock.now();
    const issues: HealthIssue[] = [];
    const byFingerprint = new Map<
      string,
      { serviceId: string; serviceName: string; credentialId: string; credentialName: string; kind: CredentialKind }[]
    >();
    for (const [id, raw] of this.vault.entries()) {
      if (!id.startsWith(SERVICE_RECORD_PREFIX)) continue;
      const e = readServiceEntry(raw);
      if (!e) continue;
      for (const c of e.credentials) {
        const kind = c.kind as CredentialKind;
        const base = {
          serviceId: id,
          serviceName: e.name,
          credentialId: c.id,
          credentialName: c.name,
          credentialKind: kind,
          alsoIn: [],
        };
        const statuses = credentialStatuses(c, now);
        if (c.expiresAt !== null && statuses.includes('expired'))
          issues.push({ ...base, kind: 'expired', at: c.expiresAt });
        else if (c.expiresAt !== null && statuses.includes('expiring'))
          issues.push({ ...base, kind: 'expiring', at: c.expiresAt });
        // The same status as every other screen: a token Latch renews on use is not an issue.
        const token = tokenStatus(indexTokenFacts(c), now).state;
        if (token === 'expired') issues.push({ ...base, kind: 'token-expired', at: c.tokenExpiresAt });
        else if (token === 'expiring') issues.push({ ...base, kind: 'token-expiring', at: c.tokenExpiresAt });
        if (statuses.includes('rotation-due')) issues.push({ ...base, kind: 'rotation-due', at: rotationDueAt(c) });
        if (c.fingerprint) {
          const list = byFingerprint.get(c.fingerprint) ?? [];
          list.push({ serviceId: id, serviceName: e.name, credentialId: c.id, credentialName: c.name, kind });
          byFingerprint.set(c.fingerprint, list);
        }
      }
    }
    for (const uses of byFingerprint.values()) {
      if (new Set(uses.map((u) => u.serviceId)).size < 2) continue;
      for (const u of uses) {
        issues.push({
          kind: 'reused',
          serviceId: u.serviceId,
          serviceName: u.serviceName,
          credentialId: u.credentialId,
          credentialName: u.credentialName,
          credentialKind: u.kind,
          at: null,
          alsoIn: uses.filter((o) => o !== u).map((o) => `${o.serviceName} / ${o.credentialName}`),
        });
      }
    }
    return issues;
  }

  // ---- reading: one record ----

  async body(serviceId: string): Promise<ServiceBody> {
    if (!serviceId.startsWith(SERVICE_RECORD_PREFIX) || !this.vault.entries().has(serviceId)) {
      throw new LatchError('ERR_NOT_FOUND', 'That service is not in the vault (it may have been deleted).');
    }
    // jitless: zod would otherwise compile a parser for the schema (new Function) on its first parse, which
    // costs a one-shot command more than the one parse it then speeds up; a record is parsed once per read.
    const parsed = ServiceBody.safeParse(await this.vault.readRecord(serviceId), { jitless: true });
    if (!parsed.success)
      throw new LatchError('ERR_VAULT_CORRUPT', 'This service record could not be read; restore it from a backup.');
    return parsed.data;
  }

  async view(serviceId: string): Promise<ServiceView> {
    const b = await this.body(serviceId);
    const now = this.clock.now();
    const summary = summaryFrom(serviceId, entryFor(b), now);
    return {
      ...summary,
      notes: b.notes,
      headers: b.headers ?? [],
      credentials: b.credentials.map((c) => credentialView(c, now)),
    };
  }

  async credential(serviceId: string, credentialId: string): Promise<Located> {
    const service = await this.body(serviceId);
    const credential = service.credentials.find((c) => c.id === credentialId);
    if (!credential)
      throw new LatchError('ERR_NOT_FOUND', 'That credential is not in this service (it may have been deleted).');
    return { service, serviceId, credential };
  }

  /** Finds a service by name (case-insensitive), as references and the command line name them. */
  findServiceId(name: string): string {
    const wanted = name.trim().toLowerCase();
    return this.findByIndexText(wanted) ?? this.findByEveryEntry(name, wanted);
  }

  /**
   * The fast path: only the rows whose index text mentions the name, as the vault finds them by a text search
   * (OpenVault.entriesMentioning), are parsed. A service entry holds its name as JSON.stringify writes it, and
   * lowercasing commutes with that (no character lowercases to a quote, a backslash or a control character, and
   * escapes are lowercase already), so every service this name matches is among the rows mentioning
   * JSON.stringify(wanted). It decides only when exactly one matches; none or several go to the full search,
   * which gives the answer and the error it always gave. A name with a sigma goes there too, as a precaution:
   * sigma is the one letter toLowerCase maps by its neighbours (final ς or σ), and although a name's neighbours
   * in the index are always quotes (which end the context as the string's ends do), nothing is lost by not
   * relying on that.
   */
  private findByIndexText(wanted: string): string | undefined {
    if (wanted === '' || /[\u03c2\u03c3]/.test(wanted)) return undefined;
    const mentioned = this.vault.entriesMentioning?.(JSON.stringify(wanted));
    if (!mentioned) return undefined;
    const matching = mentioned.filter(([id, entry]) => isServiceNamed(id, entry, wanted));
    return matching.length === 1 ? matching[0]![0] : undefined;
  }

  private findByEveryEntry(name: string, wanted: string): string {
    // One pass over the index's own keys, no copy of its entries.
    const entries = this.vault.entries();
    let found: string | undefined;
    for (const id of entries.keys()) {
      if (!isServiceNamed(id, entries.get(id), wanted)) continue;
      if (found !== undefined)
        throw new LatchError('ERR_CONFLICT', `Several services are named "${name}"; rename one to tell them apart.`);
      found = id;
    }
    if (found === undefined)
      throw new LatchError('ERR_NOT_FOUND', `No service is named "${name}". See the names with: latch list`);
    return found;
  }

  /** Resolves `latch://SERVICE/CREDENTIAL[/FIELD]` to the credential and the field named (or its primary field). */
  async resolve(reference: string): Promise<Located & { field: string }> {
    const ref = parseSecretReference(reference);
    const serviceId = this.findServiceId(ref.service);
    const service = await this.body(serviceId);
    const wanted = ref.credential.toLowerCase();
    const found = service.credentials.filter((c) => c.name.toLowerCase() === wanted);
    if (found.length === 0) {
      throw new LatchError('ERR_NOT_FOUND', `Service "${service.name}" has no credential named "${ref.credential}".`);
    }
    const credential = found[0]!;
    return { service, serviceId, credential, field: ref.field ?? PRIMARY_FIELD[credential.kind] };
  }

  // ---- writing ----

  createService(input: unknown): Promise<string> {
    return this.alone(async () => {
      const s = parseService(input);
      const now = this.clock.now();
      const id = newId(SERVICE_RECORD_PREFIX);
      const body: ServiceBody = {
        v: 1,
        name: s.name,
        baseUrl: s.baseUrl,
        ...(s.colour ? { colour: s.colour } : {}),
        tags: s.tags,
        notes: s.notes,
        favourite: s.favourite,
        ...storedHeaders(s.headers),
        createdAt: now,
        updatedAt: now,
        credentials: [],
      };
      await this.write(id, body);
      return id;
    });
  }

  updateService(serviceId: string, input: unknown): Promise<void> {
    return this.alone(async () => {
      const current = await this.body(serviceId);
      const s = parseService({ ...current, ...(input as object) });
      checkHeadersAgainst(s.headers, current.credentials);
      const { colour: _old, headers: _oldHeaders, ...rest } = current;
      await this.write(serviceId, {
        ...rest,
        name: s.name,
        baseUrl: s.baseUrl,
        ...(s.colour ? { colour: s.colour } : {}),
        tags: s.tags,
        notes: s.notes,
        favourite: s.favourite,
        ...storedHeaders(s.headers),
        updatedAt: this.clock.now(),
      });
    });
  }

  /** Deletes a service; returns its credentials so the caller can revoke tokens without waiting on the network. */
  deleteService(serviceId: string): Promise<Credential[]> {
    return this.alone(async () => {
      const body = await this.body(serviceId);
      this.vault.deleteRecord(serviceId);
      await this.flush();
      return body.credentials;
    });
  }

  addCredential(serviceId: string, input: NewCredential): Promise<string> {
    return this.alone(async () => {
      const service = await this.body(serviceId);
      const name = input.name.trim();
      if (name === '') throw badInput('name', 'a credential needs a name');
      if (service.credentials.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
        throw badInput('name', `this service already has a credential named "${name}"`);
      }
      const fields = validateCredentialFields(input.kind, input.fields);
      checkRotateEveryDays(input.rotateEveryDays);
      checkExpiresAt(input.expiresAt);
      const now = this.clock.now();
      const credential = {
        id: newId('cred_'),
        name,
        kind: input.kind,
        fields,
        createdAt: now,
        updatedAt: now,
        expiresAt: input.expiresAt ?? null,
        rotation: input.rotateEveryDays ? { everyDays: input.rotateEveryDays, lastRotatedAt: now } : {},
        hosts: parseHosts(input.hosts ?? []),
        approvedOrigins: [],
        ...(input.savedBy ? { savedBy: input.savedBy } : {}),
      } as Credential;
      await this.write(serviceId, { ...service, updatedAt: now, credentials: [...service.credentials, credential] });
      return credential.id;
    });
  }

  updateCredential(serviceId: string, credentialId: string, patch: CredentialPatch): Promise<void> {
    return this.alone(async () => {
      const { service, credential } = await this.credential(serviceId, credentialId);
      const now = this.clock.now();
      let next: Credential = { ...credential, updatedAt: now };
      if (patch.name !== undefined) {
        const name = patch.name.trim();
        if (name === '') throw badInput('name', 'a credential needs a name');
        if (service.credentials.some((c) => c.id !== credentialId && c.name.toLowerCase() === name.toLowerCase())) {
          throw badInput('name', `this service already has a credential named "${name}"`);
        }
        next.name = name;
      }
      if (patch.fields !== undefined) {
        const secret = new Set(SECRET_FIELDS[credential.kind]);
        const merged: Record<string, unknown> = { ...(credential.fields as Record<string, unknown>) };
        for (const [k, v] of Object.entries(patch.fields)) {
          // A secret the form left blank keeps its value: the renderer never had it to send back.
          if (secret.has(k) && (v === undefined || v === '')) continue;
          merged[k] = v === '' ? undefined : v;
        }
        next = { ...next, fields: validateCredentialFields(credential.kind, merged) } as Credential;
        if (credential.kind === 'oauth2' && next.kind === 'oauth2') {
          const retyped = typeof patch.fields.clientSecret === 'string' && patch.fields.clientSecret !== '';
          next.fields = guardOAuthDestination(credential.fields, next.fields, retyped);
        }
      }
      checkRotateEveryDays(patch.rotateEveryDays);
      checkExpiresAt(patch.expiresAt);
      if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
      if (patch.hosts !== undefined) next.hosts = parseHosts(patch.hosts);
      if (patch.rotateEveryDays !== undefined) {
        const { everyDays: _e, ...restRotation } = next.rotation;
        next.rotation =
          patch.rotateEveryDays === null
            ? restRotation
            : { ...restRotation, everyDays: patch.rotateEveryDays, lastRotatedAt: next.rotation.lastRotatedAt ?? now };
      }
      await this.replace(serviceId, service, next);
    });
  }

  /** The user said yes to sending this credential to `origin`: remembered, so it is asked once. */
  approveOrigin(serviceId: string, credentialId: string, origin: string): Promise<void> {
    return this.alone(async () => {
      const parsed = ApprovedOrigin.safeParse(origin);
      if (!parsed.success) throw badInput('origin', 'give the origin as https://host[:port]');
      const { service, credential } = await this.credential(serviceId, credentialId);
      if (credential.approvedOrigins.includes(parsed.data)) return;
      if (credential.approvedOrigins.length >= 200)
        throw badInput(
          'origin',
          'this credential has 200 approved hosts already; add the host to the credential instead',
        );
      const next = { ...credential, approvedOrigins: [...credential.approvedOrigins, parsed.data] } as Credential;
      await this.replace(serviceId, service, next);
    });
  }

  /**
   * Forgets where a credential went without asking: `target` is an approved origin
   * (`https://host[:port]`, that origin only) or a host (dropped from the credential's hosts, with
   * every approved origin on that host, so nothing still lets it go there silently). The base URL's
   * host is the service's, not the credential's: it is changed with the base URL.
   */
  forgetHost(serviceId: string, credentialId: string, target: string): Promise<{ forgotten: number }> {
    return this.alone(async () => {
      const { service, credential } = await this.credential(serviceId, credentialId);
      const asOrigin = ApprovedOrigin.safeParse(target.trim().toLowerCase());
      const host = asOrigin.success ? null : normalizeHost(target);
      if (!asOrigin.success && host === null)
        throw badInput('host', 'give a host (api.example.com, host:8443) or an approved origin (https://host)');
      const keepOrigin = (o: string) => (asOrigin.success ? o !== asOrigin.data : new URL(o).host !== host);
      const hosts = credential.hosts.filter((h) => h !== host);
      const approvedOrigins = credential.approvedOrigins.filter(keepOrigin);
      const forgotten =
        credential.hosts.length - hosts.length + credential.approvedOrigins.length - approvedOrigins.length;
      if (forgotten === 0)
        throw new LatchError(
          'ERR_NOT_FOUND',
          `"${credential.name}" is not bound to ${target.slice(0, 80)} and has no approval for it; nothing to forget.`,
        );
      await this.replace(serviceId, service, { ...credential, hosts, approvedOrigins, updatedAt: this.clock.now() });
      return { forgotten };
    });
  }

  /**
   * Rotation: the new secret values replace the old; the old stay readable as "previous"
   * until the grace period ends, so a deploy still using them keeps working meanwhile.
   */
  rotate(serviceId: string, credentialId: string, values: Record<string, string>, graceDays: number): Promise<void> {
    return this.alone(async () => {
      const { service, credential } = await this.credential(serviceId, credentialId);
      const secret = SECRET_FIELDS[credential.kind].filter((f) => f !== 'tokens');
      const changed = Object.keys(values).filter((k) => values[k] !== undefined && values[k] !== '');
      if (changed.length === 0) throw badInput(secret[0] ?? 'value', 'paste the new value to rotate to');
      const unknown = changed.find((k) => !secret.includes(k));
      if (unknown) throw badInput(unknown, 'only secret fields are rotated');
      if (!Number.isFinite(graceDays) || graceDays < 0 || graceDays > 365)
        throw badInput('graceDays', 'give a grace period from 0 to 365 days');
      const old = credential.fields as Record<string, unknown>;
      const previous: Record<string, string> = {};
      for (const k of changed) if (typeof old[k] === 'string') previous[k] = old[k] as string;
      const fields = validateCredentialFields(credential.kind, {
        ...old,
        ...Object.fromEntries(changed.map((k) => [k, values[k]])),
      });
      const now = this.clock.now();
      const next = {
        ...credential,
        fields,
        updatedAt: now,
        rotation: { ...credential.rotation, lastRotatedAt: now, previous, previousUntil: now + graceDays * DAY },
      } as Credential;
      await this.replace(serviceId, service, next);
    });
  }

  deleteCredential(serviceId: string, credentialId: string): Promise<Credential> {
    return this.alone(async () => {
      const { service, credential } = await this.credential(serviceId, credentialId);
      await this.write(serviceId, {
        ...service,
        updatedAt: this.clock.now(),
        credentials: service.credentials.filter((c) => c.id !== credentialId),
      });
      return credential;
    });
  }

  /** Saves a fresh OAuth token set on its credential (from a sign-in or a refresh). */
  /**
   * The guards (renewed-from.ts), checked in the same turn as the write: `renewedFrom`, the set a renewal started
   * from, which the credential must still hold (else tokensReplaced); `obtainedWith`, the fields the set was got
   * with, whose endpoints the credential must still have (else endpointsMoved).
   */
  setTokens(
    serviceId: string,
    credentialId: string,
    tokens: TokenSet | undefined,
    guard: TokenGuard = {},
  ): Promise<void> {
    return this.alone(async () => {
      const { service, credential } = await this.credential(serviceId, credentialId);
      if (credential.kind !== 'oauth2')
        throw new LatchError('ERR_BAD_INPUT', 'Only an OAuth 2.0 credential holds tokens.');
      if (guard.obtainedWith && oauthDestinationChanged(guard.obtainedWith, credential.fields))
        throw endpointsMoved(credential.name);
      const held = credential.fields.tokens;
      if (guard.renewedFrom && !(held && sameTokenSet(held, guard.renewedFrom))) throw tokensReplaced(credential.name);
      const { tokens: _old, ...rest } = credential.fields;
      const next: Credential = {
        ...credential,
        fields: tokens ? { ...rest, tokens } : rest,
        updatedAt: this.clock.now(),
      };
      await this.replace(serviceId, service, next);
    });
  }

  /** Saves changed non-secret state of a credential (e.g. an HOTP counter). */
  replaceCredential(serviceId: string, next: Credential): Promise<void> {
    return this.alone(async () => {
      const service = await this.body(serviceId);
      await this.replace(serviceId, service, next);
    });
  }

  private async replace(serviceId: string, service: ServiceBody, next: Credential): Promise<void> {
    await this.write(serviceId, {
      ...service,
      updatedAt: this.clock.now(),
      credentials: service.credentials.map((c) => (c.id === next.id ? next : c)),
    });
  }

  private async write(id: string, body: ServiceBody): Promise<void> {
    this.vault.putRecord(id, entryFor(body), body as never);
    await this.flush();
  }
}
