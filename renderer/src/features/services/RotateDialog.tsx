import { useEffect, useState } from 'react';
import { type CredentialView, SECRET_FIELDS } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Dialog, FormDialog, TextField, useToast } from '../../ui';
import { errorOf } from './bridge-error';
import { messageWithoutField } from './form-values';
import { formatDate } from './format';
import { KIND_FIELDS } from './kinds';
import { SecretInput } from './SecretInput';

/** Paste the new secret values; the old ones stay readable for the grace period. */
export function RotateDialog({
  serviceId,
  credential,
  onClose,
}: {
  serviceId: string;
  credential: CredentialView | null;
  onClose: () => void;
}) {
  const latch = useLatch();
  const toast = useToast();
  const [values, setValues] = useState<Record<string, string>>({});
  const [grace, setGrace] = useState('7');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState<string | null>(null);

  useEffect(() => {
    setValues({});
    setGrace('7');
    setErrors({});
    setKept(null);
  }, [credential]);

  if (!credential)
    return (
      <Dialog open={false} title="Rotate" onClose={onClose}>
        {null}
      </Dialog>
    );
  const fields = SECRET_FIELDS[credential.kind].filter((f) => f !== 'tokens');
  const specs = KIND_FIELDS[credential.kind];

  const submit = async () => {
    const days = Number(grace);
    const found: Record<string, string> = {};
    if (!Number.isFinite(days) || days < 0 || days > 365) found.graceDays = 'Enter days from 0 to 365.';
    const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    if (Object.keys(filled).length === 0) found[fields[0] ?? 'value'] = 'Paste the new value to rotate to.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await latch.credentials.rotate({ serviceId, credentialId: credential.id, values: filled, graceDays: days });
      toast.show(`Rotated. Previous value kept until ${formatDate(Date.now() + days * 86_400_000)}`, 'success');
      onClose();
    } catch (e) {
      const { field, message, kept } = errorOf(e);
      if (kept) setKept(message);
      else setErrors({ [field ?? fields[0] ?? 'value']: field ? messageWithoutField(message, field) : message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open
      title={`Rotate ${credential.name}`}
      onClose={onClose}
      submitLabel="Rotate"
      busy={busy}
      onSubmit={() => void submit()}
      kept={kept}
    >
      <p className="dialog__text">
        Paste the new value{fields.length > 1 ? 's (blank keeps a value)' : ''}. The current one stays readable as the
        previous value during the grace period, so deployments still using it keep working.
      </p>
      {fields.map((f) => {
        const spec = specs.find((s) => s.name === f);
        const common = {
          label: `New ${(spec?.label ?? f).toLowerCase()}`,
          value: values[f] ?? '',
          error: errors[f] ?? null,
        };
        return (
          <SecretInput
            key={f}
            {...common}
            multiline={spec?.type === 'secret-textarea'}
            onChange={(v) => setValues({ ...values, [f]: v })}
          />
        );
      })}
      <TextField
        label="Grace period (days)"
        type="number"
        min={0}
        max={365}
        value={grace}
        error={errors.graceDays ?? null}
        onChange={(e) => setGrace(e.currentTarget.value)}
      />
    </FormDialog>
  );
}
