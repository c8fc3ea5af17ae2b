import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function servicesHandlers({
  credentials,
  bindingEdits,
  secrets,
  copier,
}: HandlerServices): TableOf<'services' | 'credentials'> {
  return {
    'services.list': () => credentials.summaries(),
    'services.get': ({ id }) => credentials.view(id),
    'services.create': async ({ service }) => ({ id: await credentials.createService(service) }),
    'services.update': ({ id, service }) => okAfter(bindingEdits.updateService(id, service)),
    'services.delete': ({ id }) => okAfter(credentials.deleteService(id)),
    'services.health': () => credentials.health(),
    'credentials.add': async ({ serviceId, expiresAt, rotateEveryDays, ...input }) => ({
      id: await credentials.addCredential(serviceId, {
        ...input,
        expiresAt: expiresAt ?? null,
        rotateEveryDays: rotateEveryDays ?? null,
      }),
    }),
    'credentials.update': ({ serviceId, credentialId, ...patch }) =>
      okAfter(bindingEdits.updateCredential(serviceId, credentialId, definedOnly(patch))),
    'credentials.delete': ({ serviceId, credentialId }) =>
      okAfter(credentials.deleteCredential(serviceId, credentialId)),
    'credentials.reveal': ({ serviceId, credentialId, field }) => secrets.reveal(serviceId, credentialId, field),
    'credentials.copy': ({ serviceId, credentialId, field, as }) =>
      copier.copy(serviceId, credentialId, as, field ?? null),
    'credentials.forgetHost': ({ serviceId, credentialId, target }) =>
      credentials.forgetHost(serviceId, credentialId, target),
    'credentials.rotate': ({ serviceId, credentialId, values, graceDays }) =>
      okAfter(credentials.rotate(serviceId, credentialId, values, graceDays)),
  };
}

/** exactOptionalPropertyTypes: a key the renderer left out is not a key set to undefined. */
function definedOnly<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
