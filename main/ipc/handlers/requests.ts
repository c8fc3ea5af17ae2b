import type { z } from 'zod';
import { HistoryEntry, SavedRequest } from '../../../preload/channels/requests';
import { okAfter, type TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

/** Rows that no longer read (written by a later version, say) are skipped rather than failing the list. */
const readable =
  <S extends z.ZodType>(schema: S) =>
  (rows: unknown[]): z.output<S>[] =>
    rows.flatMap((row) => {
      const parsed = schema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });

export function requestsHandlers({ requests }: HandlerServices): TableOf<'requests'> {
  return {
    'requests.send': (input) => requests.send(input),
    'requests.approveHost': ({ serviceId, credentialId, origin }) =>
      okAfter(requests.approveHost(serviceId, credentialId, origin)),
    'requests.cancel': ({ requestId }) => requests.cancel(requestId),
    'requests.previewSigning': ({ serviceId, preset, recipe, keyId, request }) =>
      requests.previewSigning(serviceId, { preset, recipe, keyId }, request),
    'requests.copyAs': (input) => requests.copyAs({ ...input, includeSecrets: false }),
    'requests.copyAsWithSecrets': (input) => requests.copyAs({ ...input, includeSecrets: true }),
    'requests.history': ({ serviceId }) => requests.history(serviceId ?? null).then(readable(HistoryEntry)),
    'requests.clearHistory': ({ serviceId }) => okAfter(requests.clearHistory(serviceId)),
    'requests.save': (input) => requests.save(input),
    'requests.saved': ({ serviceId }) => requests.saved(serviceId ?? null).then(readable(SavedRequest)),
    'requests.deleteSaved': ({ serviceId, id }) => okAfter(requests.deleteSaved(serviceId, id)),
  };
}
