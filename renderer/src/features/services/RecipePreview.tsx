import { useEffect, useState } from 'react';
import type { ComposedRequest } from '../../../../preload/channels/requests';
import { useLatch } from '../../latch-context';
import { SelectField, TextField } from '../../ui';
import { errorOf } from './bridge-error';
import { TextAreaField } from './TextAreaField';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Preview = { stringToSign: string; outputs: { in: string; name: string; value: string }[] };

/** Line breaks and tabs made visible, so "\n" separators can be checked by eye. */
const visible = (s: string) => s.replace(/\t/g, '⇥').replace(/\r/g, '␍').replace(/\n/g, '↵\n');

/**
 * A recipe's live preview: the string to sign (and where each output goes), computed in main
 * from the recipe text alone: no secret is read or shown. In the recipe editor it previews a
 * sample request the user types here; in the request tester, `request` is the request being
 * composed, so the preview follows the URL, params, headers and body as they change.
 */
export function RecipePreview({
  serviceId,
  preset,
  recipe,
  keyId,
  request,
}: {
  serviceId: string;
  preset: string;
  recipe: string;
  keyId: string;
  /** The request to preview; absent: a sample request edited in the preview itself. */
  request?: ComposedRequest;
}) {
  const latch = useLatch();
  const [method, setMethod] = useState<(typeof METHODS)[number]>('GET');
  const [url, setUrl] = useState('/v1/orders?symbol=LTCBTC&side=BUY');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const previewed =
    request === undefined
      ? {
          method,
          url,
          ...(body !== '' ? { body: { kind: 'raw' as const, text: body, contentType: 'application/json' } } : {}),
        }
      : request;
  // The request is rebuilt on every render of its page; only a change in what it says asks main again.
  const key = JSON.stringify(previewed);

  useEffect(() => {
    let live = true;
    const shown = JSON.parse(key) as typeof previewed;
    const t = setTimeout(() => {
      latch.requests
        .previewSigning({
          serviceId,
          preset: (preset || 'custom') as never,
          recipe,
          keyId,
          request: { ...shown, url: shown.url.trim() === '' ? '/' : shown.url },
        })
        .then(
          (p) => {
            if (!live) return;
            setPreview(p);
            setError(null);
          },
          (e) => {
            if (!live) return;
            setPreview(null);
            setError(errorOf(e).message);
          },
        );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [latch, serviceId, preset, recipe, keyId, key]);

  return (
    <section className="recipe-preview" aria-label="Preview of the string to sign">
      <h3 className="recipe-preview__title">
        {request === undefined ? 'Preview for a sample request' : 'String to sign for this request'}
      </h3>
      {request === undefined ? (
        <>
          <div className="recipe-preview__request">
            <SelectField label="Method" value={method} options={METHODS} onChange={setMethod} />
            <TextField
              label="URL or path"
              mono
              value={url}
              hint="A path is taken relative to the service's base URL."
              onChange={(e) => setUrl(e.currentTarget.value)}
            />
          </div>
          <TextAreaField
            label="Body (optional)"
            mono
            rows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
        </>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {preview ? (
        <>
          <figure className="recipe-preview__figure">
            <figcaption className={request === undefined ? 'field__label' : 'visually-hidden'}>
              String to sign
            </figcaption>
            <pre className="code-block" data-testid="string-to-sign">
              {visible(preview.stringToSign)}
            </pre>
          </figure>
          <ul className="recipe-preview__outputs">
            {preview.outputs.map((o) => (
              <li key={`${o.in}:${o.name}`}>
                <span className="recipe-preview__where">{o.in}</span> <code>{o.name}</code> = <code>{o.value}</code>
              </li>
            ))}
          </ul>
          <p className="field__hint">
            {'{secret}'} and {'{signature}'} stand for values that never reach this window.
          </p>
        </>
      ) : null}
    </section>
  );
}
