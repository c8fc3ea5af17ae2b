import { LimitRecords, type PoliteGate } from '../../core/limits';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

type LimitChannels = 'limits.get' | 'limits.set' | 'limits.clearBlocks';

export function limitsHandlers(s: AppServices, gate: PoliteGate): Pick<HandlerTable, LimitChannels> {
  const records = () => new LimitRecords(s.vault.vault());
  const changed = (serviceId: string) => s.events.emit('limits.changed', { serviceId });
  return {
    'limits.get': ({ serviceId }) => gate.state(serviceId),
    'limits.set': async ({ serviceId, credentialId, limit }) => {
      // Names a real service and credential, so no limit is kept for something that is not there.
      if (credentialId !== undefined) await s.vault.store().credential(serviceId, credentialId);
      else await s.vault.store().body(serviceId);
      await records().setLimit(serviceId, credentialId ?? null, limit);
      gate.invalidate(serviceId);
      changed(serviceId);
      return gate.state(serviceId);
    },
    'limits.clearBlocks': async ({ serviceId }) => {
      const r = records();
      r.clearBlocks(serviceId);
      await r.commit();
      gate.invalidate(serviceId);
      changed(serviceId);
      return gate.state(serviceId);
    },
  };
}
