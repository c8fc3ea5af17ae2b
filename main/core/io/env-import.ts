import type { RecordVault } from '../credentials/record-vault';
import { planCredentialImport } from './credential-import';
import { parseDotenv } from './dotenv-parse';
import type { CredentialImportPlan } from './import-types';

/** Parses a .env file (all of it, or nothing) and plans its import into `serviceName`. */
export async function planEnvImport(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  text: string,
  serviceName: string,
): Promise<CredentialImportPlan> {
  const entries = parseDotenv(text, { file: 'the .env file', outcome: 'Nothing was imported' });
  return planCredentialImport(
    vault,
    'env',
    serviceName,
    entries.map((e) => ({ variable: e.name, value: e.value, line: e.line })),
  );
}
