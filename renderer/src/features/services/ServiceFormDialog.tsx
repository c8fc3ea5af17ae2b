import { useEffect, useState } from 'react';
import type { ServiceView, StoredDefaultHeader } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { FormDialog, TextField } from '../../ui';
import { errorOf } from './bridge-error';
import { DefaultHeadersField, type HeaderRowError } from './DefaultHeadersField';
import { messageWithoutField } from './form-values';
import { TextAreaField } from './TextAreaField';

const FIELDS = ['name', 'baseUrl', 'tags', 'colour', 'notes'] as const;
type Field = (typeof FIELDS)[number];

/** Adds a service, or edits one when `view` is given. */
export function ServiceFormDialog({
  open,
  view,
  onClose,
  onSaved,
}: {
  open: boolean;
  view?: ServiceView;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const latch = useLatch();
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [tags, setTags] = useState('');
  const [colour, setColour] = useState('');
  const [notes, setNotes] = useState('');
  const [headers, setHeaders] = useState<StoredDefaultHeader[]>([]);
  const [headerError, setHeaderError] = useState<HeaderRowError | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [keptMessage, setKeptMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setName(view?.name ?? '');
    setBaseUrl(view?.baseUrl ?? '');
    setTags(view?.tags.join(', ') ?? '');
    setColour(view?.colour ?? '');
    setNotes(view?.notes ?? '');
    setHeaders(view?.headers ?? []);
    setHeaderError(null);
    setErrors({});
    setFormError(null);
    setKeptMessage(null);
  }, [open, view]);

  const submit = async () => {
    if (name.trim() === '') {
      setErrors({ name: 'A service needs a name.' });
      return;
    }
    // A row added and left blank is not a header; dropped from the form too, so main's row numbers match.
    const kept = headers.filter((h) => h.name.trim() !== '' || h.value !== '');
    setHeaders(kept);
    const service = {
      name: name.trim(),
      baseUrl: baseUrl.trim(),
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      notes,
      ...(colour ? { colour } : {}),
      headers: kept,
    };
    setBusy(true);
    setErrors({});
    setHeaderError(null);
    setFormError(null);
    try {
      if (view) {
        await latch.services.update({ id: view.id, service });
        onSaved(view.id);
      } else {
        const { id } = await latch.services.create({ service });
        onSaved(id);
      }
    } catch (e) {
      const { field, message, kept: held } = errorOf(e);
      const [key, index] = field?.split('.') ?? [];
      if (held) setKeptMessage(message);
      else if (key === 'headers')
        setHeaderError({
          index: index === undefined ? -1 : Number(index),
          message: messageWithoutField(message, field ?? ''),
        });
      else if (field && (FIELDS as readonly string[]).includes(key ?? ''))
        setErrors({ [key as Field]: messageWithoutField(message, field) });
      else setFormError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open}
      title={view ? `Edit ${view.name}` : 'Add service'}
      onClose={onClose}
      submitLabel={view ? 'Save' : 'Add service'}
      busy={busy}
      onSubmit={() => void submit()}
      kept={keptMessage}
    >
      <TextField
        label="Service name"
        value={name}
        placeholder="Stripe"
        error={errors.name ?? null}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextField
        label="Base URL (optional)"
        value={baseUrl}
        mono
        placeholder="https://api.example.com"
        error={errors.baseUrl ?? null}
        onChange={(e) => setBaseUrl(e.currentTarget.value)}
      />
      <div className="form-grid">
        <TextField
          label="Tags (optional)"
          value={tags}
          placeholder="work, payments"
          hint="Separate tags with commas."
          error={errors.tags ?? null}
          onChange={(e) => setTags(e.currentTarget.value)}
        />
        <TextField
          label="Colour (optional)"
          value={colour}
          mono
          placeholder="#3557c9"
          error={errors.colour ?? null}
          onChange={(e) => setColour(e.currentTarget.value)}
          trailing={
            <input
              type="color"
              className="colour-swatch"
              aria-label="Pick a colour"
              value={/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : '#3557c9'}
              onChange={(e) => setColour(e.currentTarget.value)}
            />
          }
        />
      </div>
      <DefaultHeadersField rows={headers} error={headerError} onChange={setHeaders} />
      <TextAreaField
        label="Notes (optional)"
        value={notes}
        rows={3}
        error={errors.notes ?? null}
        onChange={(e) => setNotes(e.currentTarget.value)}
      />
      {formError ? (
        <p className="field__error" role="alert">
          {formError}
        </p>
      ) : null}
    </FormDialog>
  );
}
