import { envLine, envVarName } from '../../core/credentials/env-name';
import { formatSecretReference } from '../../core/credentials/secret-reference';
import type { Located } from '../../core/credentials/service-store';
import { PRIMARY_FIELD } from '../../core/model/credential';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

type ServiceChannels =
  | 'services.list'
  | 'services.get'
  | 'services.create'
  | 'services.update'
  | 'services.delete'
  | 'services.health'
  | 'credentials.add'
  | 'credentials.update'
  | 'credentials.delete'
  | 'credentials.reveal'
  | 'credentials.copy'
  | 'credentials.rotate';

const ok = { ok: true as const };

export function servicesHandlers(s: AppServices): Pick<HandlerTable, ServiceChannels> {
  const { vault, events } = s;
  const changed = () => events.emit('services.changed', {});

  const readField = (located: Located, field: string): Promise<string> => s.readSecretField(located, field);

  return {
    'services.list': () => vault.store().summaries(),
    'services.get': ({ id }) => vault.store().view(id),
    'services.create': async ({ service }) => {
      const id = await vault.store().createService(service);
      changed();
      return { id };
    },
    'services.update': async ({ id, service }) => {
      await vault.store().updateService(id, service);
      changed();
      return ok;
    },
    'services.delete': async ({ id }) => {
      const credentials = await vault.store().deleteService(id);
      changed();
      s.afterCredentialsDeleted(credentials);
      return ok;
    },
    'services.health': () => vault.store().health(),
    'credentials.add': async ({ serviceId, ...input }) => {
      const id = await vault.store().addCredential(serviceId, {
        kind: input.kind,
        name: input.name,
        fields: input.fields,
        expiresAt: input.expiresAt ?? null,
        rotateEveryDays: input.rotateEveryDays ?? null,
      });
      changed();
      return { id };
    },
    'credentials.update': async ({ serviceId, credentialId, ...patch }) => {
      await vault.store().updateCredential(serviceId, credentialId, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.fields !== undefined ? { fields: patch.fields } : {}),
        ...(patch.expiresAt !== undefined ? { expiresAt: patch.expiresAt } : {}),
        ...(patch.rotateEveryDays !== undefined ? { rotateEveryDays: patch.rotateEveryDays } : {}),
      });
      changed();
      return ok;
    },
    'credentials.delete': async ({ serviceId, credentialId }) => {
      const removed = await vault.store().deleteCredential(serviceId, credentialId);
      changed();
      s.afterCredentialsDeleted([removed]);
      return ok;
    },
    'credentials.reveal': async ({ serviceId, credentialId, field }) => {
      const located = await vault.store().credential(serviceId, credentialId);
      return { value: await readField(located, field) };
    },
    'credentials.copy': async ({ serviceId, credentialId, field, as }) => {
      const located = await vault.store().credential(serviceId, credentialId);
      const name = field ?? PRIMARY_FIELD[located.credential.kind];
      const reference = { service: located.service.name, credential: located.credential.name, field: field ?? null };
      let text: string;
      let label: string;
      if (as === 'reference') {
        // A reference is not a secret, but it goes through the same guard for one code path.
        text = formatSecretReference(reference);
        label = 'Secret reference';
      } else {
        const value = await readField(located, name);
        text = as === 'env' ? envLine(envVarName(located.service.name, located.credential.name), value) : value;
        label = as === 'env' ? 'Environment variable line' : name;
      }
      const seconds = s.settings.get().clipboardClearSeconds;
      await vault.clipboard.copy(text, seconds);
      return { clearsInSeconds: seconds, label };
    },
    'credentials.rotate': async ({ serviceId, credentialId, values, graceDays }) => {
      await vault.store().rotate(serviceId, credentialId, values, graceDays);
      changed();
      return ok;
    },
  };
}
