import { useState } from 'react';
import type { AuditReport } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, SelectField, TextField, useToast } from '../../ui';
import { useHostPrompt } from '../requests/useHostPrompt';
import { errorOf } from '../services/bridge-error';
import { KIND_LABELS } from '../services/kinds';
import { useServiceChoices } from '../services/use-services';
import { ReportView } from './ReportView';
import { SavedReports } from './SavedReports';
import './audit.css';
import { ROUTE_NAMES } from '../../app/route-names';

/** Point Latch at an API and a credential; the audit runs in main and the report is kept with the service. */
export function AuditPage() {
  const latch = useLatch();
  const toast = useToast();
  const services = useServiceChoices();
  const [serviceId, setServiceId] = useState('');
  const [credentialId, setCredentialId] = useState('');
  const [url, setUrl] = useState('');
  const [maxRequests, setMaxRequests] = useState('20');
  const [rateProbe, setRateProbe] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<AuditReport | null>(null);
  const [saved, setSaved] = useState(0);

  const service = services.find((s) => s.id === serviceId);

  const choose = (id: string) => {
    setServiceId(id);
    const s = services.find((x) => x.id === id);
    setCredentialId(s?.credentials[0]?.id ?? '');
    if (s?.baseUrl && url === '') setUrl(s.baseUrl);
  };
  const budget = Number(maxRequests);
  const budgetError =
    Number.isInteger(budget) && budget >= 1 && budget <= 1000 ? null : 'a whole number from 1 to 1000';

  const hostPrompt = useHostPrompt({
    retry: () => run(),
    declined: (refusal) => toast.show(refusal.message, 'error'),
  });

  const run = async () => {
    if (budgetError) return;
    setBusy(true);
    try {
      const r = await latch.audit.run({
        url,
        ...(serviceId ? { serviceId } : {}),
        ...(serviceId && credentialId ? { credentialId } : {}),
        maxRequests: budget,
        rateProbe,
      });
      setReport(r.report);
      setSaved((n) => n + 1);
    } catch (e) {
      // Main held the credential back from a host it is not bound to: the same prompt as the request tester's.
      const credentialName = service?.credentials.find((c) => c.id === credentialId)?.name ?? 'this credential';
      const asking =
        serviceId !== '' && credentialId !== '' && hostPrompt.ask(e, { serviceId, credentialId, credentialName });
      if (!asking) toast.show(errorOf(e).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const open = async (id: string) => {
    try {
      setReport(await latch.audit.report({ serviceId, id }));
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };

  return (
    <section className="page" aria-labelledby="audit-title">
      <header className="page__header">
        <h1 className="page__title" id="audit-title">
          {ROUTE_NAMES.audit}
        </h1>
      </header>
      <form
        className="audit-form stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="hstack audit-form__row">
          <SelectField
            label="Service"
            value={serviceId}
            options={[
              { value: '', label: 'None (no credential)' },
              ...services.map((s) => ({ value: s.id, label: s.name })),
            ]}
            onChange={choose}
          />
          <SelectField
            label="Credential"
            value={credentialId}
            disabled={!service}
            options={[
              { value: '', label: 'None' },
              ...(service?.credentials ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} · ${KIND_LABELS[c.kind]}`,
              })),
            ]}
            onChange={setCredentialId}
          />
        </div>
        <TextField
          label="URL"
          mono
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          placeholder="https://api.example.com/v1/me"
          required
        />
        <div className="hstack audit-form__row">
          <TextField
            label="Most requests"
            inputMode="numeric"
            value={maxRequests}
            error={budgetError}
            hint="Every request the audit sends counts, the rate probe's included."
            onChange={(e) => setMaxRequests(e.currentTarget.value)}
          />
          <label className="check">
            <input type="checkbox" checked={rateProbe} onChange={(e) => setRateProbe(e.currentTarget.checked)} /> Probe
            the rate limit (steady requests until the first 429)
          </label>
        </div>
        <div>
          <Button type="submit" variant="primary" disabled={busy || url === '' || budgetError !== null}>
            {busy ? 'Auditing…' : 'Run audit'}
          </Button>
        </div>
      </form>
      {report ? <ReportView report={report} /> : null}
      {serviceId ? (
        <section aria-labelledby="audit-saved">
          <h2 className="section-title" id="audit-saved">
            Reports kept for {service?.name}
          </h2>
          <SavedReports serviceId={serviceId} onOpen={(id) => void open(id)} refresh={saved} />
        </section>
      ) : null}
      {hostPrompt.prompt}
    </section>
  );
}
