import { useCallback, useEffect, useRef, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { HistoryEntry, SavedRequest } from '../../../../preload/channels/requests';
import type { CredentialView, StoredDefaultHeader } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { KEPT_ADVICE, useToast } from '../../ui';
import { errorOf as writeErrorOf } from '../services/bridge-error';
import { useServiceChoices } from '../services/use-services';
import { ComposePanel } from './ComposePanel';
import { HistorySidebar } from './HistorySidebar';
import { type Outcome, ResponsePanel } from './ResponsePanel';
import { type Draft, emptyDraft, newRequestId, normalizeDraft, type Retry, toSend } from './request-model';
import { useHostPrompt } from './useHostPrompt';
import './requests.css';
import { ROUTE_NAMES } from '../../app/route-names';

const SIGNS = new Set(['api-key', 'basic', 'digest', 'bearer', 'oauth2', 'jwt-signer', 'hmac', 'aws-sigv4']);
const idle: Outcome = { response: null, error: null, attempts: [], busy: false };

function errorOf(e: unknown): { code: string; message: string } {
  return e instanceof BridgeError
    ? { code: e.code, message: e.message }
    : { code: 'ERR_INTERNAL', message: 'The request failed.' };
}

/** Compose a request, sign it with a stored credential in main, and read what came back. */
export function RequestsPage() {
  const latch = useLatch();
  const toast = useToast();
  const services = useServiceChoices();
  const [serviceId, setServiceId] = useState('');
  const [credentials, setCredentials] = useState<CredentialView[]>([]);
  const [credentialId, setCredentialId] = useState('');
  /** The chosen service's default headers: shown in the Headers tab; main merges them in by the same rule. */
  const [defaults, setDefaults] = useState<StoredDefaultHeader[]>([]);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(''));
  const [retry, setRetry] = useState<Retry>({ maxAttempts: 1 });
  const [outcome, setOutcome] = useState<Outcome>(idle);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [saved, setSaved] = useState<SavedRequest[]>([]);
  /** Main's message when a list could not be read: shown as such, not as "No requests sent yet". */
  const [listErrors, setListErrors] = useState<{ history: string | null; saved: string | null }>({
    history: null,
    saved: null,
  });
  const current = useRef<string | null>(null);
  // The first service is picked for the user once; after that the choice is theirs (even "none").
  const picked = useRef(false);
  // Whether the user has written the URL (or its Params, or loaded a request): the page's own pick of
  // the first service, which lands whenever the service list does, must not replace it.
  const edited = useRef(false);
  const choice = useRef(0);

  // "waiting 0.6 s for the rate limit": main says so before it holds a request back.
  const [waiting, setWaiting] = useState<string | null>(null);
  useEffect(
    () =>
      latch.limits.onWaiting(({ requestId, waitMs, reason }) => {
        if (requestId === current.current)
          setWaiting(`waiting ${(waitMs / 1000).toFixed(1)} s for ${reason ?? 'the rate limit'}`);
      }),
    [latch],
  );

  // The attempts of the request in flight, as main reports them.
  useEffect(
    () =>
      latch.requests.onAttempt(({ requestId, attempt }) => {
        if (requestId !== current.current) return;
        setOutcome((o) => ({ ...o, attempts: [...o.attempts.filter((a) => a.attempt !== attempt.attempt), attempt] }));
      }),
    [latch],
  );

  const target = serviceId === '' ? {} : { serviceId };
  const loadLists = useCallback(() => {
    const t = serviceId === '' ? {} : { serviceId };
    const read = <T,>(which: 'history' | 'saved', list: Promise<T[]>, set: (list: T[]) => void) =>
      void list.then(
        (items) => {
          set(items);
          setListErrors((e) => ({ ...e, [which]: null }));
        },
        (e: unknown) => {
          set([]);
          setListErrors((old) => ({ ...old, [which]: errorOf(e).message }));
        },
      );
    read('history', latch.requests.history(t), setHistory);
    read('saved', latch.requests.saved(t), setSaved);
  }, [latch, serviceId]);
  useEffect(() => {
    loadLists();
    return latch.requests.onChanged(loadLists);
  }, [latch, loadLists]);

  const chooseService = async (id: string, keepCredential?: string | null) => {
    picked.current = true;
    // Only the latest choice may fill the form: a slower answer for an earlier one (the first
    // service picked on load) must not bring back its credential.
    const mine = ++choice.current;
    setServiceId(id);
    // The last response was another service's.
    setOutcome((o) => (o.busy ? o : idle));
    // Another service starts at its own base URL: a URL (and query) typed for the last one must not
    // go out signed with this one's credential. Set now, from the list, not when the service's
    // details arrive: what the user types after choosing is theirs.
    setDraft((d) => withBaseUrl(d, services.find((x) => x.id === id)?.baseUrl ?? ''));
    if (id === '') {
      setCredentials([]);
      setCredentialId('');
      setDefaults([]);
      return;
    }
    try {
      const view = await latch.services.get({ id });
      if (mine !== choice.current) return;
      setCredentials(view.credentials);
      const pick =
        keepCredential !== undefined
          ? (keepCredential ?? '')
          : (view.credentials.find((c) => SIGNS.has(c.kind))?.id ?? '');
      setCredentialId(pick);
      setDefaults(view.headers);
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };

  // Credentials added or removed elsewhere show up in the picker; a choice that is gone is cleared.
  useEffect(() => {
    if (serviceId === '' || !services.some((x) => x.id === serviceId)) return;
    // A slower answer for the service chosen before must not list its credentials under this one.
    let overtaken = false;
    void latch.services.get({ id: serviceId }).then(
      (view) => {
        if (overtaken) return;
        setCredentials(view.credentials);
        setDefaults(view.headers);
        setCredentialId((c) => (view.credentials.some((x) => x.id === c) ? c : ''));
      },
      () => undefined,
    );
    return () => {
      overtaken = true;
    };
  }, [latch, services, serviceId]);

  const first = services[0]?.id;
  useEffect(() => {
    // A request the user began before the list came is left as they wrote it, with no service.
    if (!picked.current && !edited.current && first !== undefined) void chooseService(first);
  }, [first]);

  const editDraft = (next: Draft) => {
    if (next.url !== draft.url) edited.current = true;
    setDraft(next);
  };

  const credentialName = (id: string) => credentials.find((c) => c.id === id)?.name ?? 'this credential';
  const hostPrompt = useHostPrompt({
    retry: () => send(),
    declined: (error) => setOutcome((o) => (o.busy ? o : { ...o, error })),
  });

  const send = async () => {
    const requestId = newRequestId();
    current.current = requestId;
    setWaiting(null);
    setOutcome({ response: null, error: null, attempts: [], busy: true });
    try {
      const response = await latch.requests.send({
        requestId,
        ...target,
        ...(credentialId !== '' ? { credentialId } : {}),
        request: toSend(draft),
        retry,
      });
      if (current.current === requestId)
        setOutcome({ response, error: null, attempts: response.attempts, busy: false });
      setWaiting(null);
    } catch (e) {
      setWaiting(null);
      if (current.current !== requestId) return;
      const held = { serviceId, credentialId, credentialName: credentialName(credentialId) };
      // Held back in main before anything left: while the prompt asks, it is the only thing said.
      // The refusal shows only if the user says "Don't send".
      const asking = serviceId !== '' && credentialId !== '' && hostPrompt.ask(e, held);
      setOutcome((o) => ({ ...o, response: null, error: asking ? null : errorOf(e), busy: false }));
    }
  };

  const cancel = () => {
    if (current.current) void latch.requests.cancel({ requestId: current.current });
  };

  const copy = async (format: 'curl' | 'fetch', includeSecrets: boolean) => {
    try {
      const input = { ...target, ...(credentialId !== '' ? { credentialId } : {}), request: toSend(draft), format };
      // With the secrets in it, the copy is a gesture channel (as credentials.copy): this click is that gesture.
      const r = await (includeSecrets ? latch.requests.copyAsWithSecrets(input) : latch.requests.copyAs(input));
      toast.show(`Copied the ${r.label}; the clipboard clears in ${r.clearsInSeconds} s.`, 'success');
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };

  const save = async (name: string) => {
    try {
      await latch.requests.save({
        ...target,
        ...(credentialId !== '' ? { credentialId } : {}),
        name,
        request: toSend(draft),
      });
      toast.show(`Saved "${name}".`, 'success');
    } catch (e) {
      // Held by main (the save-failed banner is up) and already in the saved list: saving it again made a second.
      const { message, kept } = writeErrorOf(e);
      toast.show(kept ? `${message} ${KEPT_ADVICE}` : message, 'error');
    }
  };

  const load = (item: SavedRequest | HistoryEntry) => {
    edited.current = true;
    setDraft(normalizeDraft(item.request));
    if (item.credentialId !== null && credentials.some((c) => c.id === item.credentialId))
      setCredentialId(item.credentialId);
  };

  return (
    <section className="page requests" aria-labelledby="requests-title">
      <header className="page__header">
        <h1 className="page__title" id="requests-title">
          {ROUTE_NAMES.requests}
        </h1>
        <p className="page__lede">
          Signed in main with the credential you pick; the secret never reaches this window. If the server echoes it
          back, it is masked as [redacted] in the body, headers and timeline.
        </p>
      </header>
      <div className="requests__layout">
        <HistorySidebar
          saved={saved}
          history={history}
          errors={listErrors}
          onRetry={loadLists}
          onLoad={load}
          onDeleteSaved={(id) =>
            void latch.requests.deleteSaved({ ...target, id }).catch((e) => toast.show(errorOf(e).message, 'error'))
          }
          onClearHistory={() => void latch.requests.clearHistory(target)}
        />
        <div className="requests__main">
          <ComposePanel
            services={services}
            serviceId={serviceId}
            credentials={credentials}
            credentialId={credentialId}
            draft={draft}
            serviceHeaders={defaults}
            retry={retry}
            busy={outcome.busy}
            // Choosing the service already chosen keeps what the user typed (a select fires change for it too).
            onService={(id) => {
              if (id !== serviceId) void chooseService(id);
            }}
            onCredential={setCredentialId}
            onDraft={editDraft}
            onRetry={setRetry}
            onSend={() => void send()}
            onCancel={cancel}
            onCopy={(f, s) => void copy(f, s)}
            onSave={(n) => void save(n)}
          />
          {waiting && outcome.busy ? (
            <p className="requests__waiting" role="status">
              {waiting}
            </p>
          ) : null}
          <ResponsePanel outcome={outcome} />
        </div>
      </div>
      {hostPrompt.prompt}
    </section>
  );
}

/** Another service: its base URL, and its default headers as it keeps them (this request's switches were the last one's). */
function withBaseUrl(d: Draft, baseUrl: string): Draft {
  return { ...d, url: emptyDraft(baseUrl).url, query: [], serviceHeaders: [] };
}
