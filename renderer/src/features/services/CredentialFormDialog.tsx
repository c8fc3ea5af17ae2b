import { useEffect, useState } from 'react';
import { CREDENTIAL_KINDS, type CredentialKind, type CredentialView } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { FormDialog, SelectField, TextField } from '../../ui';
import { errorOf } from './bridge-error';
import {
  clientErrors,
  type FormValues,
  formFieldFor,
  initialValues,
  messageWithoutField,
  presetRecipe,
  toFields,
} from './form-values';
import { fromDateInput, toDateInput } from './format';
import { KindField } from './KindField';
import { KIND_FIELDS, KIND_LABELS } from './kinds';
import { RecipePreview } from './RecipePreview';

type Errors = Record<string, string>;

/**
 * Adds or edits one credential. Cheap checks run here; the real validation (a PEM that
 * parses, Base32, URLs) runs in main, whose error lands under the field it names and
 * saves nothing. When editing, secret fields start blank: blank keeps the stored value.
 */
export function CredentialFormDialog({
  open,
  serviceId,
  credential,
  onClose,
}: {
  open: boolean;
  serviceId: string;
  credential?: CredentialView | undefined;
  onClose: () => void;
}) {
  const latch = useLatch();
  const editing = credential !== undefined;
  const [kind, setKind] = useState<CredentialKind>(credential?.kind ?? 'api-key');
  const [name, setName] = useState('');
  const [values, setValues] = useState<FormValues>({});
  const [expires, setExpires] = useState('');
  const [rotateDays, setRotateDays] = useState('');
  const [hosts, setHosts] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    const k = credential?.kind ?? 'api-key';
    setKind(k);
    setName(credential?.name ?? '');
    setValues(initialValues(k, credential));
    setExpires(toDateInput(credential?.expiresAt ?? null));
    setRotateDays(credential?.rotation.everyDays !== undefined ? String(credential.rotation.everyDays) : '');
    setHosts(credential?.hosts.join(', ') ?? '');
    setErrors({});
    setFormError(null);
    setKept(null);
  }, [open, credential]);

  const changeKind = (k: CredentialKind) => {
    setKind(k);
    setValues(initialValues(k));
    setErrors({});
  };
  const set = (field: string, value: string) => {
    // Choosing a preset shows its recipe, ready to edit; editing it makes the recipe the user's own.
    let filled: FormValues = {};
    if (kind === 'hmac' && field === 'preset' && value !== 'custom') filled = { recipe: presetRecipe(value, '') };
    if (kind === 'hmac' && field === 'recipe' && value.trim() !== presetRecipe(values.preset ?? '', '').trim())
      filled = { preset: 'custom' };
    setValues((v) => ({ ...v, [field]: value, ...filled }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const submit = async () => {
    const found = clientErrors(kind, values, editing);
    if (name.trim() === '') found.credentialName = 'Give the credential a name, e.g. "production".';
    const days = rotateDays.trim() === '' ? null : Number(rotateDays);
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650))
      found.rotateEveryDays = 'Enter whole days from 1 to 3650, or leave it empty.';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const common = {
      name: name.trim(),
      fields: toFields(kind, values, editing),
      // An untouched date keeps the stored instant (a date input only holds the day).
      ...(credential && expires === toDateInput(credential.expiresAt) ? {} : { expiresAt: fromDateInput(expires) }),
      rotateEveryDays: days,
      hosts: hosts.split(/[\s,]+/).filter((h) => h !== ''),
    };
    setBusy(true);
    try {
      if (credential) await latch.credentials.update({ serviceId, credentialId: credential.id, ...common });
      else await latch.credentials.add({ serviceId, kind, ...common });
      onClose();
    } catch (e) {
      const { field, message, kept } = errorOf(e);
      if (kept) setKept(message);
      else if (field === null) setFormError(message);
      else {
        // "name" is both the credential's name and the secret kind's variable name.
        const credentialName = field === 'name' && (kind !== 'secret' || /credential/.test(message));
        const target = credentialName ? 'credentialName' : formFieldFor(kind, field);
        const known =
          target === 'credentialName' ||
          target === 'rotateEveryDays' ||
          target === 'expiresAt' ||
          target === 'hosts' ||
          KIND_FIELDS[kind].some((f) => f.name === target);
        if (known) setErrors({ [target]: messageWithoutField(message, field) });
        else setFormError(message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open}
      title={editing ? `Edit ${credential.name}` : 'Add credential'}
      onClose={onClose}
      submitLabel={editing ? 'Save' : 'Add credential'}
      busy={busy}
      onSubmit={() => void submit()}
      kept={kept}
      className="cred-form"
    >
      <div className="form-grid">
        <SelectField
          label="Kind"
          value={kind}
          options={CREDENTIAL_KINDS}
          labels={KIND_LABELS}
          disabled={editing}
          onChange={(k) => changeKind(k as CredentialKind)}
        />
        <TextField
          label="Name"
          value={name}
          placeholder="production"
          error={errors.credentialName ?? null}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setErrors(({ credentialName: _gone, ...rest }) => rest);
          }}
        />
      </div>
      <fieldset className="cred-form__kind">
        <legend className="visually-hidden">{KIND_LABELS[kind]} fields</legend>
        {KIND_FIELDS[kind].map((spec) => (
          <KindField
            key={`${kind}-${spec.name}`}
            spec={spec}
            value={values[spec.name] ?? ''}
            error={errors[spec.name] ?? null}
            editing={editing}
            onChange={(v) => set(spec.name, v)}
          />
        ))}
      </fieldset>
      {kind === 'hmac' ? (
        <RecipePreview
          serviceId={serviceId}
          preset={values.preset ?? ''}
          recipe={values.recipe ?? ''}
          keyId={values.keyId ?? ''}
        />
      ) : null}
      <div className="form-grid">
        <TextField
          label="Expires on (optional)"
          type="date"
          value={expires}
          error={errors.expiresAt ?? null}
          onChange={(e) => setExpires(e.currentTarget.value)}
        />
        <TextField
          label="Rotate every N days (optional)"
          type="number"
          min={1}
          max={3650}
          value={rotateDays}
          error={errors.rotateEveryDays ?? null}
          onChange={(e) => setRotateDays(e.currentTarget.value)}
        />
      </div>
      <TextField
        label="Also send to hosts (optional)"
        value={hosts}
        placeholder="uploads.example.com, example.com:8443"
        hint="The service's base URL host is always allowed. Any other host asks first."
        error={errors.hosts ?? null}
        onChange={(e) => {
          setHosts(e.currentTarget.value);
          setErrors(({ hosts: _gone, ...rest }) => rest);
        }}
      />
      {formError ? (
        <p className="field__error" role="alert">
          {formError}
        </p>
      ) : null}
    </FormDialog>
  );
}
