import type { InputHTMLAttributes } from 'react';
import { MAX_DEFAULT_HEADERS, refusedHeaderName, type StoredDefaultHeader } from '../../../../preload/contract';
import { Button, Icon } from '../../ui';

export interface HeaderRowError {
  index: number;
  message: string;
}

/**
 * The service's default headers in the service dialog: name, value, and whether it goes by default.
 * The box says they are not secrets (stored and shown in clear); a name that carries a credential is
 * flagged as it is typed, with the same words main uses when it refuses it on save.
 */
export function DefaultHeadersField({
  rows,
  error,
  onChange,
}: {
  rows: StoredDefaultHeader[];
  error: HeaderRowError | null;
  onChange: (rows: StoredDefaultHeader[]) => void;
}) {
  const set = (i: number, patch: Partial<StoredDefaultHeader>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field-rows default-headers" aria-describedby="default-headers-hint">
      <legend className="field__label">Default headers (optional)</legend>
      <p className="field__hint" id="default-headers-hint">
        Sent with every request to this service (an unticked one only when a request switches it on); a request can
        switch one off or type its own. Not secrets: they are stored and shown in clear, so keep keys and tokens in a
        credential.
      </p>
      {rows.map((r, i) => {
        const problem =
          (r.name.trim() === '' ? null : refusedHeaderName(r.name)) ?? (error?.index === i ? error.message : null);
        const errorId = `default-header-error-${i}`;
        return (
          <div className="default-headers__item" key={i}>
            <div className={`default-headers__row${problem ? ' field--invalid' : ''}`}>
              <input
                type="checkbox"
                checked={r.enabled !== false}
                aria-label={`Send default header ${i + 1} by default`}
                onChange={(e) => set(i, { enabled: e.currentTarget.checked })}
              />
              <HeaderInput
                value={r.name}
                placeholder="X-RapidAPI-Host"
                aria-label={`Default header name ${i + 1}`}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? errorId : undefined}
                onText={(name) => set(i, { name })}
              />
              <HeaderInput
                value={r.value}
                placeholder="Value"
                aria-label={`Default header value ${i + 1}`}
                onText={(value) => set(i, { value })}
              />
              <Button
                variant="ghost"
                size="small"
                aria-label={`Remove default header ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                ×
              </Button>
            </div>
            {problem ? (
              <div className="field__error" id={errorId} role="alert">
                {problem}
              </div>
            ) : null}
          </div>
        );
      })}
      {error !== null && error.index < 0 ? (
        <div className="field__error" role="alert">
          {error.message}
        </div>
      ) : null}
      <div>
        <Button
          size="small"
          disabled={rows.length >= MAX_DEFAULT_HEADERS}
          onClick={() => onChange([...rows, { name: '', value: '' }])}
        >
          <Icon name="plus" size={14} /> Add header
        </Button>
      </div>
    </fieldset>
  );
}

/** A header's name or value: typed as it is sent, so no spelling fixes and no autofill. */
function HeaderInput({
  onText,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & { onText: (text: string) => void }) {
  return (
    <div className="field__control">
      <input
        className="mono"
        spellCheck={false}
        autoComplete="off"
        {...rest}
        onChange={(e) => onText(e.currentTarget.value)}
      />
    </div>
  );
}
