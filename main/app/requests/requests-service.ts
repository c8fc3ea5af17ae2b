/**
 * The request tester: sends a request signed with a stored credential, keeps history and saved
 * requests per service, and copies a request as cURL or fetch code. OAuth credentials get their
 * token from AccessTokens like every other reader.
 */
import type { Located } from '../../core/credentials/service-store';
import {
  createHttpEngine,
  type HttpEngine,
  type HttpRequestInput,
  previewRecipeSigning,
  type RequestAuth,
  type SendOptions,
  toCurl,
  toFetchCode,
} from '../../core/http';
import { type PoliteGate, politeSend } from '../../core/limits';
import { type HeaderSwitch, type StoredDefaultHeader, withServiceHeaders } from '../../core/model/default-headers';
import { isLatchError, LatchError } from '../../core/model/errors';
import type { Clock } from '../../core/platform';
import {
  assertResolved,
  cutUtf8,
  newRequestItemId,
  RequestRecords,
  type ResponseViewData,
  resolveRequestUrl,
  toResponseView,
} from '../../core/requests';
import type { JsonValue } from '../../core/vault/types';
import type { Confirmer } from '../confirmation';
import type { Credentials } from '../credentials/credentials';
import type { AppEvents } from '../events';
import type { AccessTokens } from '../secrets/access-tokens';
import { decideHost, PROMPT_CONSENT } from '../secrets/host-decision';
import type { SecretCopy } from '../secrets/secret-copy';
import { isChangeKept } from '../vault/change-kept';
import { savingRecords, type VaultAccess } from '../vault/vault-access';
import type { ClockSkew } from './clock-skew';
import { hostApprovalQuestion } from './host-approval-question';

/** Which service (for its base URL) and which credential (to sign with) a request uses. */
export interface RequestTarget {
  serviceId?: string | undefined;
  credentialId?: string | undefined;
}

export interface RequestsDeps {
  vault: VaultAccess;
  credentials: Credentials;
  accessTokens: AccessTokens;
  copier: SecretCopy;
  clockSkew: ClockSkew;
  /** The app's rate-limit gate: a send waits for its turn, and a 429/503 is remembered. */
  gate: PoliteGate;
  events: AppEvents;
  clock: Clock;
  /** Asks the user, in main's words, before a credential may go to a host it is not bound to. */
  confirmer: Confirmer;
}

/** The request as composed: the engine's input, plus its switches for the service's default headers. */
export type ComposedInput = HttpRequestInput & { serviceHeaders?: HeaderSwitch[] };

/** The service a request goes to: its base URL (a path is relative to it) and its default headers. */
interface ServiceSide {
  baseUrl: string | undefined;
  headers: readonly StoredDefaultHeader[];
}

/**
 * The composed request as the engine takes it: the service's default headers merged in by the one
 * rule (model/default-headers.ts), a path made absolute. Files never come from the renderer.
 */
function toEngineInput(request: ComposedInput, service: ServiceSide): HttpRequestInput {
  const { serviceHeaders: _switches, ...merged } = withServiceHeaders(request, service.headers);
  const body = merged.body?.kind === 'multipart' ? { ...merged.body, files: [] } : merged.body;
  return { ...merged, url: resolveRequestUrl(request.url, service.baseUrl), ...(body ? { body } : {}) };
}

/** What history keeps of a request: as composed, with a long body cut (it is for recall, not replay of megabytes). */
function forHistory(request: ComposedInput): { request: ComposedInput; cut: boolean } {
  const b = request.body;
  if (b?.kind === 'json' || b?.kind === 'raw') {
    const { text, cut } = cutUtf8(b.text);
    return { request: { ...request, body: { ...b, text } }, cut };
  }
  return { request, cut: false };
}

function safeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}

export class RequestsService {
  readonly #inflight = new Map<string, AbortController>();
  /** The engine names OAuth credentials by id only; sends register whose service each one is. */
  readonly #owners = new Map<string, string>();
  #engine: HttpEngine | null = null;
  /** Read-modify-write of one record per service: one at a time, so two sends do not lose a row. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: RequestsDeps) {
    // A deleted service takes its history and saved requests with it.
    deps.events.on('credentials.changed', () => {
      const v = deps.vault.current;
      if (v === null) return;
      void this.#serial(() =>
        new RequestRecords(savingRecords(deps.vault, { background: true })).pruneOrphans((id) => v.entries().has(id)),
      ).catch(() => undefined);
    });
  }

  #http(): HttpEngine {
    this.#engine ??= createHttpEngine({
      clock: this.deps.clock,
      getAccessToken: this.deps.accessTokens.forEngine((id) => this.#owners.get(id) ?? ''),
    });
    return this.#engine;
  }

  #records(): RequestRecords {
    // Saves take the vault's one write path: a failed history save raises the save-failed banner.
    return new RequestRecords(savingRecords(this.deps.vault));
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #changed(serviceId: string | undefined): void {
    this.deps.events.emit('requests.changed', { serviceId: serviceId ?? null });
  }

  /**
   * One change to the saved requests or history, in turn. The lists hear of it when it is saved and
   * when its save failed but main holds it (detail.kept): a held saved request missing from the list
   * was saved again by the user, and re-applying then kept two.
   */
  async #write<T>(serviceId: string | undefined, change: (records: RequestRecords) => Promise<T>): Promise<T> {
    try {
      const result = await this.#serial(() => change(this.#records()));
      this.#changed(serviceId);
      return result;
    } catch (e) {
      if (isChangeKept(e)) this.#changed(serviceId);
      throw e;
    }
  }

  async #target({ serviceId, credentialId }: RequestTarget) {
    let located: Located | null = null;
    let service: ServiceSide = { baseUrl: undefined, headers: [] };
    if (serviceId !== undefined) {
      if (credentialId !== undefined) {
        located = await this.deps.credentials.credential(serviceId, credentialId);
        this.#owners.set(credentialId, serviceId);
      }
      const body = located?.service ?? (await this.deps.credentials.body(serviceId));
      service = { baseUrl: body.baseUrl || undefined, headers: body.headers ?? [] };
    }
    const auth: RequestAuth | undefined = located ? (located.credential as RequestAuth) : undefined;
    return { service, auth, located };
  }

  /**
   * Host binding, decided here in main (the same decision as the audit's): the renderer cannot
   * skip it. A credential goes to its service's hosts over HTTPS (or to loopback); anywhere else
   * waits for the user's yes.
   */
  #mayGo(located: Located | null, url: string): void {
    if (located !== null) decideHost(located, url, PROMPT_CONSENT);
  }

  /**
   * The user's yes to sending one credential to one origin. The page's prompt and its press are not
   * enough (a script could answer the prompt and spend the press): main asks the user itself, naming the
   * origin it will remember; a no is ERR_CANCELLED, nothing remembered. One already approved is not asked again.
   */
  async approveHost(serviceId: string, credentialId: string, origin: string): Promise<void> {
    const { service, credential } = await this.deps.credentials.credential(serviceId, credentialId);
    if (credential.approvedOrigins.includes(origin)) return;
    const question = hostApprovalQuestion({ service: service.name, credential: credential.name }, origin);
    if (!(await this.deps.confirmer.confirm(question)))
      throw new LatchError('ERR_CANCELLED', 'Not sent: you cancelled.');
    await this.deps.credentials.approveOrigin(serviceId, credentialId, origin);
  }

  async send(
    input: RequestTarget & { requestId: string; request: ComposedInput; retry: SendOptions['retry'] },
  ): Promise<ResponseViewData> {
    const { requestId, serviceId, credentialId, request } = input;
    const { clock, events } = this.deps;
    const { service, auth, located } = await this.#target(input);
    const url = resolveRequestUrl(request.url, service.baseUrl);
    assertResolved(url, serviceId !== undefined);
    this.#mayGo(located, url);
    const controller = new AbortController();
    this.#inflight.get(requestId)?.abort();
    this.#inflight.set(requestId, controller);
    const kept = forHistory(request);
    const remember = (outcome: Record<string, JsonValue>) =>
      this.#write(serviceId, (records) =>
        records.addHistory(serviceId ?? null, {
          id: newRequestItemId('h_'),
          at: clock.now(),
          credentialId: credentialId ?? null,
          request: kept.request as unknown as JsonValue,
          bodyCut: kept.cut,
          outcome,
        }),
      ).catch(() => undefined); // history is a convenience: a locked vault must not fail the send
    try {
      const response = await politeSend(
        this.#http(),
        this.deps.gate,
        serviceId ? { serviceId, credentialId: credentialId ?? null, url } : null,
        toEngineInput(request, service),
        {
          ...(auth ? { auth } : {}),
          ...(input.retry ? { retry: input.retry } : {}),
          signal: controller.signal,
          onAttempt: (attempt) => events.emit('requests.attempt', { requestId, attempt }),
          onWait: (waitMs, reason) => events.emit('limits.waiting', { requestId, waitMs, reason }),
        },
      );
      if (serviceId && (response.status === 429 || response.status === 503))
        events.emit('limits.changed', { serviceId });
      const receivedAtMs = clock.now();
      this.deps.clockSkew.record({
        dateHeader: response.headers.find((h) => h.name.toLowerCase() === 'date')?.value,
        url: response.url,
        sentAtMs: receivedAtMs - response.timing.totalMs,
        receivedAtMs,
      });
      const view = toResponseView(requestId, response, clock);
      await remember({
        status: response.status,
        error: null,
        totalMs: response.timing.totalMs,
        bodyBytes: response.size.bodyBytes,
        attempts: response.attempts.length,
        url: response.url,
      });
      return view;
    } catch (e) {
      const n = isLatchError(e) ? e.detail?.attempts : undefined;
      await remember({
        status: null,
        error: isLatchError(e) ? e.code : 'ERR_INTERNAL',
        totalMs: null,
        bodyBytes: null,
        attempts: typeof n === 'number' ? n : 1,
        // Redaction needs the signed request, which never exists here: keep only scheme, host and path.
        url: safeUrl(url),
      });
      throw e;
    } finally {
      if (this.#inflight.get(requestId) === controller) this.#inflight.delete(requestId);
    }
  }

  /** What an HMAC recipe would sign for this request: no secret in, none out (the recipe editor's preview). */
  async previewSigning(
    serviceId: string | undefined,
    recipe: Parameters<typeof previewRecipeSigning>[1],
    request: ComposedInput,
  ): Promise<ReturnType<typeof previewRecipeSigning>> {
    const { service } = await this.#target({ serviceId });
    return previewRecipeSigning(toEngineInput(request, service), recipe, this.deps.clock);
  }

  cancel(requestId: string): { cancelled: boolean } {
    const c = this.#inflight.get(requestId);
    c?.abort();
    return { cancelled: c !== undefined };
  }

  async copyAs(
    input: RequestTarget & { request: ComposedInput; format: 'curl' | 'fetch'; includeSecrets: boolean },
  ): Promise<{ clearsInSeconds: number; label: string }> {
    const { service, auth } = await this.#target(input);
    const prepared = await this.#http().prepare(toEngineInput(input.request, service), auth ? { auth } : {});
    const { includeSecrets } = input;
    const text =
      input.format === 'curl' ? toCurl(prepared, { includeSecrets }) : toFetchCode(prepared, { includeSecrets });
    const what = input.format === 'curl' ? 'cURL command' : 'fetch code';
    return {
      clearsInSeconds: await this.deps.copier.copyText(text),
      label: includeSecrets && auth ? `${what} with secrets` : `${what} (secrets redacted)`,
    };
  }

  history(serviceId: string | null): Promise<unknown[]> {
    return this.#records().history(serviceId);
  }

  async clearHistory(serviceId: string | undefined): Promise<void> {
    await this.#write(serviceId, (records) => records.clearHistory(serviceId ?? null));
  }

  async save(input: RequestTarget & { name: string; request: ComposedInput }): Promise<{ id: string }> {
    const id = newRequestItemId('s_');
    const kept = forHistory(input.request);
    await this.#write(input.serviceId, (records) =>
      records.save(input.serviceId ?? null, {
        id,
        name: input.name,
        savedAt: this.deps.clock.now(),
        credentialId: input.credentialId ?? null,
        request: kept.request as unknown as JsonValue,
      }),
    );
    return { id };
  }

  saved(serviceId: string | null): Promise<unknown[]> {
    return this.#records().saved(serviceId);
  }

  async deleteSaved(serviceId: string | undefined, id: string): Promise<void> {
    await this.#write(serviceId, (records) => records.deleteSaved(serviceId ?? null, id));
  }
}
