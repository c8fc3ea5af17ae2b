import { useState } from 'react';
import type { ResponseView } from '../../../../preload/channels/requests';

function pretty(text: string, contentType: string | null): string | null {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksJson) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

/** Pretty JSON when it parses, the raw text always one click away; images previewed from base64. */
export function ResponseBody({ response }: { response: ResponseView }) {
  const [raw, setRaw] = useState(false);
  const b = response.body;
  const notes = (
    <>
      {response.truncated ? (
        <p className="req-notice req-notice--warn">
          The body was cut at the download limit; the rest was not downloaded.
        </p>
      ) : null}
      {response.bodyCapped ? <p className="req-notice req-notice--info">Only the first 4 MB are shown.</p> : null}
      {response.decodeError ? (
        <p className="req-notice req-notice--warn">
          Could not decode the body ({response.decodeError}); showing raw bytes.
        </p>
      ) : null}
    </>
  );
  if (b.kind === 'empty') return <p className="muted">The response has no body.{notes}</p>;
  if (b.kind === 'base64') {
    const image = /^image\/(png|jpeg|gif|webp|bmp|x-icon|vnd\.microsoft\.icon|avif)/i.test(b.contentType ?? '');
    return (
      <div className="stack">
        {notes}
        {image ? (
          <img
            className="response__image"
            alt={`Response body (${b.contentType})`}
            src={`data:${b.contentType};base64,${b.base64}`}
          />
        ) : (
          <p className="muted">
            Binary body ({b.contentType ?? 'no content type'}), {Math.floor((b.base64.length * 3) / 4)} bytes.
          </p>
        )}
      </div>
    );
  }
  const nice = pretty(b.text, b.contentType);
  return (
    <div className="stack">
      {notes}
      {nice !== null ? (
        <fieldset className="req-seg" aria-label="Body view">
          <button
            type="button"
            aria-pressed={!raw}
            className={`req-seg__item${raw ? '' : ' req-seg__item--on'}`}
            onClick={() => setRaw(false)}
          >
            Pretty
          </button>
          <button
            type="button"
            aria-pressed={raw}
            className={`req-seg__item${raw ? ' req-seg__item--on' : ''}`}
            onClick={() => setRaw(true)}
          >
            Raw
          </button>
        </fieldset>
      ) : null}
      <pre className="code-block req-code" data-testid="response-body">
        {nice !== null && !raw ? nice : b.text}
      </pre>
    </div>
  );
}
