import type { CredentialView } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, SecretField, useToast } from '../../ui';
import { errorOf } from './bridge-error';
import { CredentialHosts } from './CredentialHosts';
import { offers } from './credential-actions';
import { formatDate, relativeDays } from './format';
import { KIND_FIELDS, KIND_LABELS } from './kinds';
import { StatusBadges } from './StatusBadges';
import { TokenStatusBadge } from './TokenStatusBadge';

/** Secret values computed by main rather than stored: offered next to the stored ones. */
const DERIVED: Partial<Record<CredentialView['kind'], { field: string; label: string }>> = {
  totp: { field: 'code', label: 'Current code' },
  'jwt-signer': { field: 'token', label: 'Signed token' },
};

/** Model fields the form shows under another name. */
const EXTRA_LABELS: Record<string, string> = {
  tokens: 'Access token',
  header: 'Header',
  query: 'Query parameter',
  body: 'Body field',
  signed: 'Signed parts',
  signatureParam: 'Signature parameter',
  counter: 'Counter',
};

function labelOf(kind: CredentialView['kind'], field: string): string {
  const extra = EXTRA_LABELS[field];
  if (extra) return extra;
  return KIND_FIELDS[kind].find((f) => f.name === field)?.label ?? field;
}

/** A one-time code keeps both period and counter; a time-based code uses no counter, an HOTP code no period. */
function unusedByType(c: CredentialView, field: string): boolean {
  if (c.kind !== 'totp') return false;
  return c.fields.type === 'hotp' ? field === 'period' : field === 'counter';
}

function showValue(v: string | number | boolean | string[]): string {
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** One credential: its plain fields, each secret masked behind Reveal/Copy, and its lifecycle. */
export function CredentialCard({
  serviceId,
  credential: c,
  onEdit,
  onRotate,
  onDelete,
}: {
  serviceId: string;
  credential: CredentialView;
  onEdit: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const latch = useLatch();
  const toast = useToast();
  const ids = { serviceId, credentialId: c.id };

  const reveal = async (field: string) => {
    try {
      return (await latch.credentials.reveal({ ...ids, field })).value;
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
      throw e;
    }
  };
  const copy = async (as: 'value' | 'env' | 'reference', field?: string) => {
    try {
      const r = await latch.credentials.copy({ ...ids, as, ...(field ? { field } : {}) });
      toast.show(`Copied; clears in ${r.clearsInSeconds} s`, 'success');
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };

  const secrets = c.secretFields.map((f) => ({
    field: f === 'tokens' ? 'accessToken' : f,
    label: labelOf(c.kind, f),
  }));
  const derived = DERIVED[c.kind];
  if (derived) secrets.push(derived);
  const plain = Object.entries(c.fields).filter(
    ([k, v]) => v !== '' && !(Array.isArray(v) && v.length === 0) && !unusedByType(c, k),
  );
  const now = Date.now();

  return (
    <section className="card cred" aria-label={`${c.name} (${KIND_LABELS[c.kind]})`} data-testid="credential-card">
      <header className="cred__header">
        <h3 className="cred__name">{c.name}</h3>
        <Badge>{KIND_LABELS[c.kind]}</Badge>
        <StatusBadges statuses={c.statuses} />
        {c.token ? <TokenStatusBadge token={c.token} now={now} /> : null}
        <span className="spacer" />
        {offers(c.kind, 'rotate') ? (
          <Button
            size="small"
            variant="ghost"
            onClick={onRotate}
            disabled={c.secretFields.length === 0}
            aria-label={`Rotate ${c.name}`}
          >
            Rotate
          </Button>
        ) : null}
        {offers(c.kind, 'edit') ? (
          <Button size="small" variant="ghost" onClick={onEdit} aria-label={`Edit ${c.name}`}>
            Edit
          </Button>
        ) : null}
        {offers(c.kind, 'delete') ? (
          <Button size="small" variant="ghost" onClick={onDelete} aria-label={`Delete ${c.name}`}>
            Delete
          </Button>
        ) : null}
      </header>
      {plain.length > 0 ? (
        <dl className="kv cred__fields">
          {plain.map(([k, v]) => (
            <div key={k} className="kv__pair">
              <dt>{labelOf(c.kind, k)}</dt>
              <dd>{showValue(v)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <CredentialHosts serviceId={serviceId} credential={c} />
      <div className="cred__secrets">
        {secrets.map((s) => (
          <SecretField
            key={s.field}
            label={s.label}
            owner={c.name}
            onReveal={() => reveal(s.field)}
            onCopy={() => copy('value', s.field)}
          />
        ))}
        {c.hasPrevious
          ? c.secretFields
              .filter((f) => f !== 'tokens')
              .map((f) => (
                <SecretField
                  key={`previous.${f}`}
                  label={`Previous ${labelOf(c.kind, f).toLowerCase()}`}
                  owner={c.name}
                  onReveal={() => reveal(`previous.${f}`)}
                  onCopy={() => copy('value', `previous.${f}`)}
                />
              ))
          : null}
      </div>
      <footer className="card-footer">
        <ul className="cred__facts">
          {c.expiresAt !== null ? (
            <li>
              {c.expiresAt <= now ? 'Expired' : 'Expires'} {formatDate(c.expiresAt)} ({relativeDays(c.expiresAt, now)})
            </li>
          ) : null}
          {c.tokenExpiresAt !== null ? (
            <li>
              Access token {c.tokenExpiresAt <= now ? 'expired' : 'expires'} {relativeDays(c.tokenExpiresAt, now)}
              {c.token?.renewable && c.tokenExpiresAt <= now ? '; Latch renews it on use' : ''}
            </li>
          ) : null}
          {c.rotation.everyDays !== undefined ? (
            <li>
              Rotate every {c.rotation.everyDays} days
              {c.rotation.lastRotatedAt !== undefined
                ? `, next ${formatDate(c.rotation.lastRotatedAt + c.rotation.everyDays * 86_400_000)}`
                : ''}
            </li>
          ) : null}
          {c.hasPrevious && c.rotation.previousUntil !== undefined ? (
            <li data-testid="previous-kept">Previous value kept until {formatDate(c.rotation.previousUntil)}</li>
          ) : c.rotation.lastRotatedAt !== undefined && c.rotation.everyDays === undefined ? (
            <li>Rotated {formatDate(c.rotation.lastRotatedAt)}</li>
          ) : null}
        </ul>
        <span className="spacer" />
        {offers(c.kind, 'copy-env') ? (
          <Button size="small" onClick={() => void copy('env')} aria-label={`Copy as env line for ${c.name}`}>
            Copy as env line
          </Button>
        ) : null}
        {offers(c.kind, 'copy-reference') ? (
          <Button size="small" onClick={() => void copy('reference')} aria-label={`Copy reference to ${c.name}`}>
            Copy reference
          </Button>
        ) : null}
      </footer>
    </section>
  );
}
