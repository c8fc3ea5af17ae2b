import type { CredentialView } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, useToast } from '../../ui';
import { errorOf } from './bridge-error';

/**
 * Where a credential goes beyond its service's base URL without asking: the hosts added to it and
 * the origins approved at the request tester's prompt, each with Forget. Main decides what a Forget
 * drops (a host takes the origins approved on it along), on the click's gesture only.
 */
export function CredentialHosts({ serviceId, credential: c }: { serviceId: string; credential: CredentialView }) {
  const latch = useLatch();
  const toast = useToast();
  if (c.hosts.length === 0 && c.approvedOrigins.length === 0) return null;

  const forget = async (target: string) => {
    try {
      await latch.credentials.forgetHost({ serviceId, credentialId: c.id, target });
      toast.show(`Forgot ${target}: ${c.name} is no longer sent there without asking.`, 'success');
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };

  const group = (title: string, items: string[], testId: string) =>
    items.length === 0 ? null : (
      <div className="cred-hosts__group">
        <h4 className="cred-hosts__title">{title}</h4>
        <ul className="plain-list" data-testid={testId}>
          {items.map((item) => (
            <li key={item} className="cred-hosts__item">
              <span className="mono">{item}</span>
              <Button size="small" variant="ghost" aria-label={`Forget ${item}`} onClick={() => void forget(item)}>
                Forget
              </Button>
            </li>
          ))}
        </ul>
      </div>
    );

  return (
    <section className="cred-hosts" aria-label={`Hosts ${c.name} is sent to without asking`}>
      {group('Also sent to', c.hosts, 'credential-hosts')}
      {group('Approved when asked', c.approvedOrigins, 'credential-approved-origins')}
    </section>
  );
}
