import type { CredentialKind } from '../model/credential';

export type ImportFormat = 'env' | 'postman' | 'gcp-service-account' | 'latch';
/** The formats whose import adds credentials to one service (a backup brings whole services). */
export type CredentialImportFormat = Exclude<ImportFormat, 'latch'>;

/** One row of the preview, never with a value: a variable, or several that make one credential (an AWS key pair). */
export interface ImportItem {
  /** The .env variable or Postman key, as written in the file (a service account: its e-mail); for a group, its first variable. What a selection names. */
  variable: string;
  /** Every variable the row takes: just `variable`, or an AWS key pair's two to four. */
  variables: string[];
  kind: CredentialKind;
  /** The name the credential gets: the variable, with " (imported)" added when the service already has that name. */
  credentialName: string;
  /** Ticked by default: a secret, enabled in Postman, and not clashing with an existing credential. */
  include: boolean;
  /** The target service already has a credential of this name; it is kept and this one is renamed. */
  renamed: boolean;
  /** A secret (ticked) or configuration (unticked: NODE_ENV, PORT, a plain URL); see variable-role.ts. */
  role: 'secret' | 'configuration';
  /** Why, in a few words: "Stripe live secret key", "Its name says secret", "Number". */
  why: string;
  /** What it becomes when imported: "API key in Payments, sent as Bearer", "SigV4 key pair in Payments (eu-west-1)". */
  becomes: string;
  /** .env only: the line it was read from (the last one, when a variable is set twice). */
  line?: number;
}

export interface SkippedVariable {
  variable: string;
  line?: number;
  reason: 'empty-value';
}

export interface CredentialImportPreview {
  format: CredentialImportFormat;
  service: { name: string; exists: boolean };
  items: ImportItem[];
  /** Variables that cannot become a credential (an empty value), listed so the user knows. */
  skipped: SkippedVariable[];
}

/** A credential an import will add; `name` is its name before a clash renames it. */
export interface PlannedCredential {
  name: string;
  kind: CredentialKind;
  fields: Record<string, unknown>;
}

/** What will be written: the preview for the user, the fields (with secrets) kept here in main. */
export interface CredentialImportPlan {
  preview: CredentialImportPreview;
  /** By the row's `variable`. */
  credentials: ReadonlyMap<string, PlannedCredential>;
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
