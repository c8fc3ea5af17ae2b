import { type ComposedRequest, HistoryEntry, SavedRequest } from '../../../preload/channels/requests';
import type { Located } from '../../core/credentials/service-store';
import {
  createHttpEngine,
  type HttpEngine,
  type HttpRequestInput,
  previewRecipeSigning,
  type RequestAuth,
  toCurl,
  toFetchCode,
} from '../../core/http';
import { type PoliteGate, politeSend } from '../../core/limits';
import { isLatchError } from '../../core/model/errors';
import { cutUtf8, newRequestItemId, RequestRecords, resolveRequestUrl, toResponseView } from '../../core/requests';
import type { JsonValue } from '../../core/vault/types';
import type { HandlerTable } from '../dispatcher';
import { createGetAccessToken } from '../oauth-tokens';
import type { AppServices } from '../services';

type RequestChannels =
  | 'requests.send'
  | 'requests.cancel'
  | 'requests.previewSigning'
  | 'requests.copyAs'
  | 'requests.history'
  | 'requests.clearHistory'
  | 'requests.save'
  | 'requests.saved'
  | 'requests.deleteSaved';

const ok = { ok: true as const };

/** The composed request as the engine takes it; a path is relative to the service's base URL. */
function toEngineInput(request: ComposedRequest, baseUrl: string | undefined): HttpRequestInput {
  const body = request.body.kind === 'multipart' ? { ...request.body, files: [] } : request.body;
  return { ...request, url: resolveRequestUrl(request.url, baseUrl), body };
}

/** What history keeps of a request: as composed, with a long body cut (it is for recall, not replay of megabytes). */
function forHistory(request: ComposedRequest): { request: ComposedRequest; cut: boolean } {
  const b = request.body;
  if (b.kind === 'json' || b.kind === 'raw') {
    const { text, cut } = cutUtf8(b.text);
    return { request: { ...request, body: { ...b, text } }, cut };
  }
  return { request, cut: false };
}

export function requestsHandlers(s: AppServices, gate: PoliteGate): Pick<HandlerTable, RequestChannels> {
  const { vault, events } = s;
  const clock = s.clock;
  const inflight = new Map<string, AbortController>();
  // The engine names OAuth credentials by id only; sends register whose service each one is.
  const owners = new Map<string, string>();
  let engine: HttpEngine | null = null;
  const http = () => {
    engine ??= createHttpEngine({
      clock,
      getAccessToken: createGetAccessToken(
        () => vault.store(),
        (credentialId) => owners.get(credentialId) ?? '',
        { clock, renew: (serviceId, credentialId) => s.oauth.refresh(serviceId, credentialId) },
      ),
    });
    return engine;
  };
  const records = () => new RequestRecords(vault.vault());
  // Read-modify-write of one record per service: one at a time, so two sends do not lose a row.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  // A deleted service takes its history and saved requests with it.
  events.subscribe((name) => {
    if (name !== 'services.changed' || vault.session.current === null) return;
    void serial(() => records().pruneOrphans((id) => vault.vault().entries().has(id))).catch(() => undefined);
  });
  const changed = (serviceId: string | undefined) => events.emit('requests.changed', { serviceId: serviceId ?? null });

  async function target(serviceId: string | undefined, credentialId: string | undefined) {
    let baseUrl: string | undefined;
    let located: Located | null = null;
    if (serviceId !== undefined) {
      if (credentialId !== undefined) {
        located = await vault.store().credential(serviceId, credentialId);
        baseUrl = located.service.baseUrl;
        owners.set(credentialId, serviceId);
      } else {
        baseUrl = (await vault.store().body(serviceId)).baseUrl;
      }
    }
    const auth: RequestAuth | undefined = located ? (located.credential as RequestAuth) : undefined;
    return { baseUrl: baseUrl || undefined, auth };
  }

  return {
    'requests.send': async ({ requestId, serviceId, credentialId, request, retry }) => {
      const { baseUrl, auth } = await target(serviceId, credentialId);
      const controller = new AbortController();
      inflight.get(requestId)?.abort();
      inflight.set(requestId, controller);
      const kept = forHistory(request);
      const url = resolveRequestUrl(request.url, baseUrl);
      const remember = (outcome: Record<string, JsonValue>) =>
        serial(async () => {
          await records().addHistory(serviceId ?? null, {
            id: newRequestItemId('h_'),
            at: clock.now(),
            credentialId: credentialId ?? null,
            request: kept.request as unknown as JsonValue,
            bodyCut: kept.cut,
            outcome,
          });
          changed(serviceId);
        }).catch(() => undefined); // history is a convenience: a locked vault must not fail the send
      try {
        const response = await politeSend(
          http(),
          gate,
          serviceId ? { serviceId, credentialId: credentialId ?? null, url } : null,
          toEngineInput(request, baseUrl),
          {
            ...(auth ? { auth } : {}),
            retry,
            signal: controller.signal,
            onAttempt: (attempt) => events.emit('requests.attempt', { requestId, attempt }),
            onWait: (waitMs, reason) => events.emit('limits.waiting', { requestId, waitMs, reason }),
          },
        );
        if (serviceId && (response.status === 429 || response.status === 503))
          events.emit('limits.changed', { serviceId });
        const receivedAtMs = clock.now();
        s.clockSkew.record({
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
        const attempts = typeof n === 'number' ? n : 1;
        await remember({
          status: null,
          error: isLatchError(e) ? e.code : 'ERR_INTERNAL',
          totalMs: null,
          bodyBytes: null,
          attempts,
          // Redaction needs the signed request, which never exists here: keep only scheme, host and path.
          url: safeUrl(url),
        });
        throw e;
      } finally {
        if (inflight.get(requestId) === controller) inflight.delete(requestId);
      }
    },
    'requests.previewSigning': async ({ serviceId, preset, recipe, keyId, request }) => {
      const baseUrl = serviceId === undefined ? undefined : (await vault.store().body(serviceId)).baseUrl || undefined;
      return previewRecipeSigning(toEngineInput(request, baseUrl), { preset, recipe, keyId }, clock);
    },
    'requests.cancel': ({ requestId }) => {
      const c = inflight.get(requestId);
      c?.abort();
      return { cancelled: c !== undefined };
    },
    'requests.copyAs': async ({ serviceId, credentialId, request, format, includeSecrets }) => {
      const { baseUrl, auth } = await target(serviceId, credentialId);
      const prepared = await http().prepare(toEngineInput(request, baseUrl), auth ? { auth } : {});
      const text = format === 'curl' ? toCurl(prepared, { includeSecrets }) : toFetchCode(prepared, { includeSecrets });
      const seconds = s.settings.get().clipboardClearSeconds;
      await vault.clipboard.copy(text, seconds);
      const what = format === 'curl' ? 'cURL command' : 'fetch code';
      return {
        clearsInSeconds: seconds,
        label: includeSecrets && auth ? `${what} with secrets` : `${what} (secrets redacted)`,
      };
    },
    // A row that no longer reads (written by a later version, say) is skipped rather than failing the list.
    'requests.history': async ({ serviceId }) =>
      (await records().history(serviceId ?? null)).flatMap((row) => {
        const parsed = HistoryEntry.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      }),
    'requests.clearHistory': async ({ serviceId }) => {
      await serial(() => records().clearHistory(serviceId ?? null));
      changed(serviceId);
      return ok;
    },
    'requests.save': async ({ serviceId, credentialId, name, request }) => {
      const id = newRequestItemId('s_');
      const kept = forHistory(request);
      await serial(() =>
        records().save(serviceId ?? null, {
          id,
          name,
          savedAt: clock.now(),
          credentialId: credentialId ?? null,
          request: kept.request as unknown as JsonValue,
        }),
      );
      changed(serviceId);
      return { id };
    },
    'requests.saved': async ({ serviceId }) =>
      (await records().saved(serviceId ?? null)).flatMap((row) => {
        const parsed = SavedRequest.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      }),
    'requests.deleteSaved': async ({ serviceId, id }) => {
      await serial(() => records().deleteSaved(serviceId ?? null, id));
      changed(serviceId);
      return ok;
    },
  };
}

function safeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '';
  }
}
