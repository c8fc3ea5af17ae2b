import type { RecordVault } from '../credentials/record-vault';
import { validateCredentialFields } from '../credentials/validate-credential';
import { becomes, importTarget } from './credential-import';
import { parseGcpServiceAccount } from './gcp-service-account-parse';
import type { CredentialImportPlan, PlannedCredential } from './import-types';
import { freeName } from './vault-services';

/**
 * Google's limit for a service account's signed assertion (the JWT bearer grant refuses a
 * longer one), so a token minted from the import is always accepted by its token endpoint.
 */
const GOOGLE_ASSERTION_SECONDS = 3600;

/** The service a key file goes to when none is named: its project, said to be Google's. */
export function gcpServiceName(projectId: string): string {
  return `${projectId} (Google Cloud)`;
}

/**
 * Plans a service-account key file's import: one JWT signer (RS256) that signs as the service
 * account would for Google's token endpoint (iss and sub its e-mail, aud the file's token_uri,
 * kid the key's id), named after the account (the e-mail's part before @), in `serviceName` or
 * a service named after the project. The key stays in the plan; the preview names the account.
 * A name the service already has is kept and the import renamed and unticked, as for .env files.
 */
export async function planGcpServiceAccountImport(
  vault: Pick<RecordVault, 'entries' | 'readRecord'>,
  text: string,
  serviceName: string | null,
): Promise<CredentialImportPlan> {
  const account = await parseGcpServiceAccount(text);
  const target = await importTarget(vault, serviceName ?? gcpServiceName(account.projectId));
  const planned: PlannedCredential = {
    name: account.clientEmail.slice(0, account.clientEmail.indexOf('@')),
    kind: 'jwt-signer',
    fields: validateCredentialFields('jwt-signer', {
      algorithm: 'RS256',
      key: account.privateKey,
      issuer: account.clientEmail,
      subject: account.clientEmail,
      audience: account.tokenUri,
      keyId: account.privateKeyId,
      lifetimeSeconds: GOOGLE_ASSERTION_SECONDS,
    }) as Record<string, unknown>,
  };
  const credentialName = freeName(planned.name, target.existingNames);
  const renamed = credentialName !== planned.name;
  return {
    preview: {
      format: 'gcp-service-account',
      service: { name: target.name, exists: target.exists },
      items: [
        {
          variable: account.clientEmail,
          variables: [account.clientEmail],
          kind: 'jwt-signer',
          credentialName,
          include: !renamed,
          renamed,
          role: 'secret',
          why: `Service account of ${account.projectId}, key ${account.privateKeyId.slice(0, 8)}`,
          becomes: becomes(target.name, planned),
        },
      ],
      skipped: [],
    },
    credentials: new Map([[account.clientEmail, planned]]),
  };
}
