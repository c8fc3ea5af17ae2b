import type { RecordVault } from '../credentials/record-vault';
import { LatchError } from '../model/errors';
import { planCredentialImport } from './credential-import';
import type { CredentialImportPlan } from './import-types';
import { parsePostmanEnvironment } from './postman-parse';

/**
 * Plans a Postman environment's import. The target is `serviceName` when given, else the
 * environment's own name, else `fallbackName` (from the file name). Disabled variables are
 * in the preview, unticked.
 */
export async function planPostmanImport(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  text: string,
  serviceName: string | null,
  fallbackName: string,
): Promise<CredentialImportPlan> {
  const env = parsePostmanEnvironment(text);
  const emptyKey = env.values.findIndex((v) => v.key.trim() === '');
  if (emptyKey !== -1) {
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      `The Postman environment's values[${emptyKey}].key is empty. Nothing was imported.`,
      {
        detail: { field: `values[${emptyKey}].key` },
      },
    );
  }
  return planCredentialImport(
    vault,
    'postman',
    serviceName ?? (env.name || fallbackName),
    env.values.map((v) => ({
      variable: v.key,
      value: v.value,
      enabled: v.enabled,
      markedSecret: v.type === 'secret',
    })),
  );
}
