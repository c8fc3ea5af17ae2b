import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function auditHandlers({ audit }: HandlerServices): TableOf<'audit'> {
  return {
    'audit.run': (input) => audit.run(input),
    'audit.reports': ({ serviceId }) => audit.list(serviceId),
    'audit.report': ({ serviceId, id }) => audit.get(serviceId, id),
    'audit.export': ({ serviceId, id, format }) => audit.export(serviceId, id, format),
    'audit.deleteReport': ({ serviceId, id }) => okAfter(audit.delete(serviceId, id)),
  };
}
