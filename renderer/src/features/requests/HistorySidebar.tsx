import type { HistoryEntry, SavedRequest } from '../../../../preload/channels/requests';
import { Button } from '../../ui';
import { statusTone } from './request-model';

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

const ERROR_WORDS: Record<string, string> = {
  ERR_CANCELLED: 'cancelled',
  ERR_TIMEOUT: 'timeout',
  ERR_HTTP: 'failed',
  ERR_OAUTH_LOGIN_REQUIRED: 'sign in',
};

function errorWord(code: string | null): string {
  return code === null ? '—' : (ERROR_WORDS[code] ?? 'error');
}

/** A list main could not read, in the sidebar's small print: never "No requests sent yet". */
function ListFailed({ what, message, onRetry }: { what: string; message: string; onRetry(): void }) {
  return (
    <div className="stack req-side__failed">
      <p className="req-side__empty" role="alert">
        {what}: {message}
      </p>
      <Button size="small" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

/** Saved requests, then the last sends of the chosen service; a click loads one into the composer. */
export function HistorySidebar({
  saved,
  history,
  onLoad,
  onDeleteSaved,
  onClearHistory,
  errors,
  onRetry,
}: {
  saved: SavedRequest[];
  history: HistoryEntry[];
  /** Main's message for a list it could not read (null: read). */
  errors: { history: string | null; saved: string | null };
  onRetry(): void;
  onLoad(item: SavedRequest | HistoryEntry): void;
  onDeleteSaved(id: string): void;
  onClearHistory(): void;
}) {
  return (
    <aside className="req-side" aria-label="Saved requests and history">
      <h2 className="req-side__title">Saved</h2>
      {errors.saved !== null ? (
        <ListFailed what="Your saved requests could not be read" message={errors.saved} onRetry={onRetry} />
      ) : saved.length === 0 ? (
        <p className="muted req-side__empty">Nothing saved for this service.</p>
      ) : null}
      <ul className="plain-list req-side__list">
        {saved.map((s) => (
          <li key={s.id} className="req-side__item">
            <button
              type="button"
              className="req-side__load"
              onClick={() => onLoad(s)}
              title={`${s.name} · ${s.request.url}`}
            >
              <span className="req-side__method">{s.request.method}</span>
              <span className="req-side__name">{s.name}</span>
            </button>
            <Button
              variant="ghost"
              size="small"
              aria-label={`Delete saved ${s.name}`}
              onClick={() => onDeleteSaved(s.id)}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <div className="hstack req-side__head">
        <h2 className="req-side__title">History</h2>
        <span className="spacer" />
        {history.length > 0 ? (
          <Button variant="ghost" size="small" onClick={onClearHistory}>
            Clear
          </Button>
        ) : null}
      </div>
      {errors.history !== null ? (
        <ListFailed what="The history could not be read" message={errors.history} onRetry={onRetry} />
      ) : history.length === 0 ? (
        <p className="muted req-side__empty">No requests sent yet.</p>
      ) : null}
      <ul className="plain-list req-side__list" aria-label="History">
        {history.map((h) => (
          <li key={h.id} className="req-side__item">
            <button
              type="button"
              className="req-side__load"
              onClick={() => onLoad(h)}
              title={`${h.request.method} ${h.outcome.url} · ${new Date(h.at).toLocaleString()}`}
            >
              <span className="req-side__method">{h.request.method}</span>
              <span className="req-side__name mono">{pathOf(h.outcome.url || h.request.url)}</span>
              <span
                className={`req-side__status req-side__status--${h.outcome.status === null ? 'danger' : statusTone(h.outcome.status)}`}
              >
                {h.outcome.status ?? errorWord(h.outcome.error)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
