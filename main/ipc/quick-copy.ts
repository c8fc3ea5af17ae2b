import type { QuickCopyAs } from '../../preload/channels/quick';
import { envLine, envVarName } from '../core/credentials/env-name';
import { formatSecretReference } from '../core/credentials/secret-reference';
import { PRIMARY_FIELD } from '../core/model/credential';
import { LatchError } from '../core/model/errors';
import { USERNAME_FIELD } from '../core/model/username-field';
import type { AppServices } from './services';

/**
 * One copy from the tray or the palette: the value is read in main (a live TOTP code, a
 * fresh access token) and goes through the clipboard guard; only its label comes back.
 */
export async function quickCopy(
  s: AppServices,
  input: { serviceId: string; credentialId: string; as: QuickCopyAs },
): Promise<{ clearsInSeconds: number; label: string }> {
  const located = await s.vault.store().credential(input.serviceId, input.credentialId);
  const { service, credential } = located;
  let text: string;
  let label: string;
  switch (input.as) {
    case 'reference':
      text = formatSecretReference({ service: service.name, credential: credential.name, field: null });
      label = 'Secret reference';
      break;
    case 'username': {
      const field = USERNAME_FIELD[credential.kind];
      if (field === undefined)
        throw new LatchError('ERR_NOT_FOUND', `A ${credential.kind} credential has no username to copy.`);
      text = await s.readSecretField(located, field);
      label = 'Username';
      break;
    }
    case 'env':
      text = envLine(
        envVarName(service.name, credential.name),
        await s.readSecretField(located, PRIMARY_FIELD[credential.kind]),
      );
      label = 'Environment variable line';
      break;
    default:
      text = await s.readSecretField(located, PRIMARY_FIELD[credential.kind]);
      label = credential.kind === 'totp' ? 'Code' : 'Secret';
  }
  const seconds = s.settings.get().clipboardClearSeconds;
  await s.vault.clipboard.copy(text, seconds);
  s.quickAccess.noteCopied(located.serviceId, credential.id);
  return { clearsInSeconds: seconds, label };
}
