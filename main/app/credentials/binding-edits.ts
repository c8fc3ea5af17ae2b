/**
 * The page's edits that widen where a stored credential may be sent: a service's base URL moved to
 * another origin (its credentials are bound to that host), or hosts added to a credential. Each is a
 * gesture channel, but a press proves only that someone pressed something: with the user's next key
 * press a script could move the binding to a host of its own, and with the one after, send a credential
 * there. So main asks the user first, naming the hosts; a no is ERR_CANCELLED, nothing saved. The
 * command line (which the user typed) edits through Credentials directly.
 */
import type { CredentialPatch } from '../../core/credentials/service-store';
import { LatchError } from '../../core/model/errors';
import type { Confirmation, Confirmer } from '../confirmation';
import { shownName } from '../question-text';
import type { Credentials } from './credentials';

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export class BindingEdits {
  constructor(private readonly deps: { credentials: Credentials; confirmer: Confirmer }) {}

  async updateService(serviceId: string, input: unknown): Promise<void> {
    const asked = (input as { baseUrl?: unknown } | null)?.baseUrl;
    if (typeof asked === 'string') {
      const body = await this.deps.credentials.body(serviceId);
      const from = originOf(body.baseUrl);
      const to = originOf(asked);
      if (body.credentials.length > 0 && to !== null && to !== from)
        await this.#ask({
          title: `Send ${shownName(body.name)}'s credentials to ${to}?`,
          detail: `Latch sends this service's ${plural(body.credentials.length, 'credential')} to the host of its base URL: from now on ${to}${from === null ? '' : ` instead of ${from}`}.`,
          confirmLabel: 'Move the base URL',
        });
    }
    await this.deps.credentials.updateService(serviceId, input);
  }

  async updateCredential(serviceId: string, credentialId: string, patch: CredentialPatch): Promise<void> {
    if (patch.hosts !== undefined) {
      const { service, credential } = await this.deps.credentials.credential(serviceId, credentialId);
      const had = new Set(credential.hosts.map((h) => h.trim().toLowerCase()));
      const added = patch.hosts.filter((h) => !had.has(h.trim().toLowerCase()));
      if (added.length > 0)
        await this.#ask({
          title: `Let Latch send ${shownName(service.name)} / ${shownName(credential.name)} to ${added.map(shownName).join(', ')}?`,
          detail:
            'A request or an audit will send the credential to these hosts without asking, until you forget them.',
          confirmLabel: 'Add the hosts',
        });
    }
    await this.deps.credentials.updateCredential(serviceId, credentialId, patch);
  }

  async #ask(question: Confirmation): Promise<void> {
    if (!(await this.deps.confirmer.confirm(question)))
      throw new LatchError('ERR_CANCELLED', 'Not saved: you cancelled.');
  }
}
