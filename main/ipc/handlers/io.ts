import type { TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function ioHandlers({ transfer }: HandlerServices): TableOf<'io'> {
  return {
    'io.previewImport': ({ fileName, contentBase64, format, service, backupPassword }) =>
      transfer.previewImport(fileName, Buffer.from(contentBase64, 'base64'), {
        ...(format ? { format } : {}),
        ...(service ? { service } : {}),
        ...(backupPassword ? { backupPassword } : {}),
      }),
    'io.applyImport': ({ importId, selected }) => transfer.applyImport(importId, selected),
    'io.exportBackup': ({ masterPassword, backupPassword }) => transfer.exportBackup(masterPassword, backupPassword),
    'io.exportPlaintext': ({ masterPassword }) => transfer.exportPlaintext(masterPassword),
  };
}
