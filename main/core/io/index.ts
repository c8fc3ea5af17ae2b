export {
  type AutomaticBackupOptions,
  type AutomaticBackupResult,
  DEFAULT_BACKUP_KEEP,
  runAutomaticBackup,
} from './automatic-backup';
export { BACKUP_NAME, type BackupPlan, backupFileName, planAutomaticBackup } from './backup-schedule';
export { commitServices } from './commit-records';
export { applyCredentialImport, planCredentialImport, type SourceVariable } from './credential-import';
export {
  detectExportFormat,
  detectImportFormat,
  EXPORT_FORMATS,
  type ExportFormat,
  IMPORT_FORMATS,
} from './detect-format';
export { type DotenvEntry, parseDotenv } from './dotenv-parse';
export { planEnvImport } from './env-import';
export { gcpServiceName, planGcpServiceAccountImport } from './gcp-service-account-import';
export {
  type GcpServiceAccount,
  MAX_SERVICE_ACCOUNT_BYTES,
  parseGcpServiceAccount,
} from './gcp-service-account-parse';
export { applyImportPlan, type ImportFileOptions, type ImportPlan, planImportFile } from './import-file';
export type {
  BackupImportPreview,
  BackupServicePreview,
  CredentialImportFormat,
  CredentialImportPlan,
  CredentialImportPreview,
  ImportFormat,
  ImportItem,
  ImportResult,
  SkippedVariable,
} from './import-types';
export { exportLatchBackup, type LatchBackupExportOptions } from './latch-backup-export';
export { applyLatchBackupImport, type BackupImportPlan, planLatchBackupImport } from './latch-backup-import';
export { assertPlaintextConfirmed, buildPlaintextExport, PLAINTEXT_FORMAT } from './plaintext-export';
export { planPostmanImport } from './postman-import';
export { type PostmanEnvironment, type PostmanVariable, parsePostmanEnvironment } from './postman-parse';
export { checkPrivateMode, PRIVATE_FILE_MODES, writePrivateFile } from './private-file';
export { serviceNameFromFile } from './service-name-from-file';
export { classifyVariable, normaliseVariableName, type VariableClassification } from './variable-kind';
