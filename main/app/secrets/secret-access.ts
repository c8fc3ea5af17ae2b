/**
 * Reading a secret out of the vault, in every form it is handed out: the value of a field
 * (a live TOTP code, a fresh access token via AccessTokens, a freshly signed JWT), an env
 * line `NAME=value`, a `latch://` reference, a username. Reveal, copy and quick copy in the
 * app and `get`, `copy` and `exec` in the command line all read through here.
 */
import { envLine, envVarName } from '../../core/credentials/env-name';
import { readSecretField } from '../../core/credentials/primary-secret';
import { formatSecretReference } from '../../core/credentials/secret-reference';
import type { Located } from '../../core/credentials/service-store';
import { PRIMARY_FIELD } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { USERNAME_FIELD, USERNAME_LABEL } from '../../core/model/username-field';
import type { Clock } from '../../core/platform';
import type { Credentials } from '../credentials/credentials';
import type { AccessTokens } from './access-tokens';

/** value: the field itself; env: `NAME=value`; reference: `latch://service/credential[/field]`; username. */
export type SecretForm = 'value' | 'env' | 'reference' | 'username';

export interface SecretText {
  text: string;
  /** What was taken, for the "copied …" toast; never the value. */
  label: string;
}

export class SecretAccess {
  constructor(private readonly deps: { credentials: Credentials; accessTokens: AccessTokens; clock: Clock }) {}

  /** The value of one field (the primary one when null). */
  read(located: Located, field: string | null): Promise<string> {
    return readSecretField(located, field, {
      clock: this.deps.clock,
      getAccessToken: async (l) =>
        (await this.deps.accessTokens.fresh(l.serviceId, l.credential.id)).tokens.accessToken,
    });
  }

  async reveal(serviceId: string, credentialId: string, field: string): Promise<{ value: string }> {
    const located = await this.deps.credentials.credential(serviceId, credentialId);
    return { value: await this.read(located, field) };
  }

  /** One field of the credential a reference names, with the reference's parts resolved. */
  async resolve(reference: string): Promise<{ located: Located & { field: string }; value: string }> {
    const located = await this.deps.credentials.resolve(reference);
    return { located, value: await this.read(located, located.field) };
  }

  /** The text to hand out in the chosen form. */
  async text(located: Located, form: SecretForm, field: string | null): Promise<SecretText> {
    const { service, credential } = located;
    switch (form) {
      case 'reference':
        // A reference is not a secret, but it goes through the same path as one.
        return {
          text: formatSecretReference({ service: service.name, credential: credential.name, field }),
          label: 'Secret reference',
        };
      case 'username': {
        const name = USERNAME_FIELD[credential.kind];
        if (name === undefined)
          throw new LatchError('ERR_NOT_FOUND', `A ${credential.kind} credential has no username to copy.`);
        return { text: await this.read(located, name), label: USERNAME_LABEL[credential.kind] ?? 'Username' };
      }
      case 'env':
        return {
          text: envLine(envVarName(service.name, credential.name), await this.read(located, field)),
          label: 'Environment variable line',
        };
      case 'value':
        return { text: await this.read(located, field), label: field ?? PRIMARY_FIELD[credential.kind] };
    }
  }
}
