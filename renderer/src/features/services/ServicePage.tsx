import { useState } from 'react';
import type { CredentialView } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, ConfirmDialog, EmptyState, Icon, useToast } from '../../ui';
import { SavedReports } from '../audit/SavedReports';
import { errorOf } from './bridge-error';
import { CredentialCard } from './CredentialCard';
import { CredentialFormDialog } from './CredentialFormDialog';
import { RateLimitPanel } from './RateLimitPanel';
import { RotateDialog } from './RotateDialog';
import { ServiceFormDialog } from './ServiceFormDialog';
import { ServiceHeader } from './ServiceHeader';
import { useServiceView } from './use-services';

type CredentialForm = { mode: 'add' } | { mode: 'edit'; credential: CredentialView } | null;

/** One service: header, notes and a card per credential. */
export function ServicePage({ id, onClosed }: { id: string; onClosed: () => void }) {
  const latch = useLatch();
  const toast = useToast();
  const { view, missing } = useServiceView(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [credentialForm, setCredentialForm] = useState<CredentialForm>(null);
  const [rotating, setRotating] = useState<CredentialView | null>(null);
  const [removing, setRemoving] = useState<CredentialView | null>(null);

  if (missing) {
    return (
      <EmptyState title="This service is gone" action={<Button onClick={onClosed}>Back to the list</Button>}>
        It may have been deleted, here or in another window.
      </EmptyState>
    );
  }
  if (!view) return <div className="svc-page" aria-busy="true" />;

  const deleteService = async () => {
    try {
      await latch.services.delete({ id });
      toast.show(`Deleted ${view.name}`, 'success');
      onClosed();
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
    setDeleting(false);
  };
  const deleteCredential = async () => {
    if (!removing) return;
    try {
      await latch.credentials.delete({ serviceId: id, credentialId: removing.id });
      toast.show(`Deleted ${removing.name}`, 'success');
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
    setRemoving(null);
  };

  return (
    <article className="svc-page" aria-labelledby="service-title">
      <ServiceHeader
        view={view}
        onEdit={() => setEditing(true)}
        onDelete={() => setDeleting(true)}
        onToggleFavourite={() =>
          void latch.services
            .update({ id, service: { favourite: !view.favourite } })
            .catch((e: unknown) => toast.show(errorOf(e).message, 'error'))
        }
      />
      {view.notes ? (
        <section className="svc-notes" aria-label="Notes">
          {view.notes}
        </section>
      ) : null}
      {/* One section for the heading, its button and the cards: a deleted card's focus comes back inside it
          (app/focus-rescue.ts), to the next card or Add credential rather than the top of the page. */}
      <section className="svc-credentials" aria-labelledby="service-credentials">
        <div className="hstack">
          <h2 className="section-title" id="service-credentials">
            Credentials
          </h2>
          <span className="spacer" />
          <Button size="small" onClick={() => setCredentialForm({ mode: 'add' })}>
            <Icon name="plus" size={14} /> Add credential
          </Button>
        </div>
        {view.credentials.length === 0 ? (
          <EmptyState
            title="No credentials yet"
            action={
              <Button variant="primary" onClick={() => setCredentialForm({ mode: 'add' })}>
                Add a credential
              </Button>
            }
          >
            An API key, a login, an OAuth client, a signing key, one-time codes…
          </EmptyState>
        ) : (
          view.credentials.map((c) => (
            <CredentialCard
              key={c.id}
              serviceId={id}
              credential={c}
              onEdit={() => setCredentialForm({ mode: 'edit', credential: c })}
              onRotate={() => setRotating(c)}
              onDelete={() => setRemoving(c)}
            />
          ))
        )}
      </section>

      {view.credentials.length > 0 ? <RateLimitPanel serviceId={id} credentials={view.credentials} /> : null}
      <section aria-labelledby="service-audits">
        <h2 className="section-title" id="service-audits">
          Audit reports
        </h2>
        <SavedReports serviceId={id} />
      </section>

      <ServiceFormDialog
        open={editing}
        view={view}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <CredentialFormDialog
        open={credentialForm !== null}
        serviceId={id}
        credential={credentialForm?.mode === 'edit' ? credentialForm.credential : undefined}
        onClose={() => setCredentialForm(null)}
      />
      <RotateDialog serviceId={id} credential={rotating} onClose={() => setRotating(null)} />
      <ConfirmDialog
        open={deleting}
        title={`Delete ${view.name}?`}
        confirm="Delete service"
        onConfirm={deleteService}
        onClose={() => setDeleting(false)}
      >
        Its {view.credentials.length} credential{view.credentials.length === 1 ? '' : 's'} will be removed from the
        vault. This cannot be undone.
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Delete ${removing?.name ?? 'credential'}?`}
        confirm="Delete credential"
        onConfirm={deleteCredential}
        onClose={() => setRemoving(null)}
      >
        The value and any previous value are removed from the vault. This cannot be undone.
      </ConfirmDialog>
    </article>
  );
}
