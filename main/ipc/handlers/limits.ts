import type { TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function limitsHandlers({ limits }: HandlerServices): TableOf<'limits'> {
  return {
    'limits.get': ({ serviceId }) => limits.state(serviceId),
    'limits.set': ({ serviceId, credentialId, limit }) => limits.set(serviceId, credentialId, limit),
    'limits.clearBlocks': ({ serviceId }) => limits.clearBlocks(serviceId),
  };
}
