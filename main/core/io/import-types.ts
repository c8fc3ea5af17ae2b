import type { CredentialKind } from '../model/credential';

export type ImportFormat = 'env' | 'postman' | 'latch';

/** One variable as the preview shows it: never its value. */
export interface ImportItem {
  /** The .env variable or Postman key, as written in the file. */
  variable: string;
  kind: CredentialKind;
  /** The name the credential gets: the variable, with " (imported)" added when the service already has that name. */
  credentialName: string;
  /** Ticked by default: enabled in Postman, and not clashing with an existing credential. */
  include: boolean;
  /** The target service already has a credential of this name; it is kept and this one is renamed. */
  renamed: boolean;
  /** .env only: the line it was read from (the last one, when a variable is set twice). */
  line?: number;
}

export interface SkippedVariable {
  variable: string;
  line?: number;
  reason: 'empty-value';
}

export interface CredentialImportPreview {
  format: 'env' | 'postman';
  service: { name: string; exists: boolean };
  items: ImportItem[];
  /** Variables that cannot become a credential (an empty value), listed so the user knows. */
  skipped: SkippedVariable[];
}

/** What will be written: the preview for the user, the fields (with secrets) kept here in main. */
export interface CredentialImportPlan {
  preview: CredentialImportPreview;
  credentials: ReadonlyMap<string, { kind: CredentialKind; fields: Record<string, unknown> }>;
}

export interface BackupServicePreview {
  /** The name in the backup. */
  source: string;
  /** The name it gets here: the same, or with " (imported)" when this vault already has it. */
  name: string;
  renamed: boolean;
  include: boolean;
  credentials: { name: string; kind: CredentialKind }[];
}

export interface BackupImportPreview {
  format: 'latch';
  services: BackupServicePreview[];
  /** Records in the backup that are not services (settings, queues of the other vault): not imported. */
  otherRecords: number;
}

export interface ImportResult {
  /** Service ids written (created or changed). */
  serviceIds: string[];
  /** How many credentials were added. */
  credentials: number;
}
