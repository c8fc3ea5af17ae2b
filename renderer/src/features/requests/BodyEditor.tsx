import { KeyValueTable } from './KeyValueTable';
import { type BodyKind, type Draft, jsonProblem } from './request-model';

const TABS: { kind: BodyKind; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'json', label: 'JSON' },
  { kind: 'form', label: 'Form' },
  { kind: 'multipart', label: 'Multipart' },
  { kind: 'raw', label: 'Raw' },
];

/** Switching kind carries text or fields across, so a switch and back loses nothing typed. */
function switchTo(kind: BodyKind, body: Draft['body']): Draft['body'] {
  const text = body.kind === 'json' || body.kind === 'raw' ? body.text : '';
  const fields = body.kind === 'form' || body.kind === 'multipart' ? body.fields : [];
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'json':
      return { kind: 'json', text };
    case 'raw':
      return { kind: 'raw', text, contentType: 'text/plain; charset=utf-8' };
    case 'form':
      return { kind: 'form', fields };
    case 'multipart':
      return { kind: 'multipart', fields };
  }
}

export function BodyEditor({ body, onChange }: { body: Draft['body']; onChange: (b: Draft['body']) => void }) {
  const problem = body.kind === 'json' ? jsonProblem(body.text) : null;
  return (
    <div className="stack">
      <fieldset className="req-seg" aria-label="Body type">
        {TABS.map((t) => (
          <button
            key={t.kind}
            type="button"
            aria-pressed={body.kind === t.kind}
            className={`req-seg__item${body.kind === t.kind ? ' req-seg__item--on' : ''}`}
            onClick={() => onChange(switchTo(t.kind, body))}
          >
            {t.label}
          </button>
        ))}
      </fieldset>
      {body.kind === 'none' ? <p className="muted">This request has no body.</p> : null}
      {body.kind === 'json' || body.kind === 'raw' ? (
        <div className={`field${problem ? ' field--invalid' : ''}`}>
          {body.kind === 'raw' ? (
            <label className="hstack">
              <span className="field__label">Content type</span>
              <input
                className="input mono"
                value={body.contentType}
                aria-label="Content type"
                onChange={(e) => onChange({ ...body, contentType: e.currentTarget.value })}
              />
            </label>
          ) : null}
          <textarea
            className="code-input"
            aria-label={body.kind === 'json' ? 'JSON body' : 'Raw body'}
            aria-invalid={problem ? true : undefined}
            spellCheck={false}
            rows={8}
            value={body.text}
            placeholder={body.kind === 'json' ? '{\n  "name": "value"\n}' : ''}
            onChange={(e) => onChange({ ...body, text: e.currentTarget.value })}
          />
          {problem ? (
            <div className="field__error" role="alert">
              Not valid JSON at line {problem.line}, column {problem.column}: {problem.message}
            </div>
          ) : null}
        </div>
      ) : null}
      {body.kind === 'form' || body.kind === 'multipart' ? (
        <KeyValueTable
          label={body.kind === 'form' ? 'Form fields' : 'Multipart fields'}
          rows={body.fields}
          onChange={(fields) => onChange({ ...body, fields })}
        />
      ) : null}
    </div>
  );
}
