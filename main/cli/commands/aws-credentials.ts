import { assumeRole } from '../../core/integrations/sts-assume-role';
import { LatchError } from '../../core/model/errors';
import { systemClock } from '../../core/platform';
import type { CliCommand } from '../registry';
import { withToolStore } from '../with-store';

/**
 * The AWS CLI / SDK `credential_process` output (docs: "Sourcing credentials with an external
 * process"): Version 1 and the keys; SessionToken and Expiration only for temporary keys, since a
 * process that prints an Expiration is called again when it passes.
 */
export const awsCredentialsCommand: CliCommand = {
  name: 'aws-credentials',
  usage: 'latch aws-credentials REF [--sts-endpoint URL] [--session-name NAME] [--duration SECONDS]',
  options: {
    'sts-endpoint': { type: 'string', help: 'STS endpoint for AssumeRole (default: $AWS_ENDPOINT_URL_STS, else AWS)' },
    'session-name': { type: 'string', help: 'RoleSessionName for AssumeRole (default: latch)' },
    duration: { type: 'string', help: 'DurationSeconds for AssumeRole (900 to 43200; default 3600)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const v = ctx.values;
    const duration = typeof v.duration === 'string' ? Number(v.duration) : 3600;
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
      throw new LatchError('ERR_BAD_INPUT', '--duration takes 900 to 43200 seconds.');
    const out = await withToolStore(ctx, async (store) => {
      const { credential: c } = await store.resolve(ctx.positionals[0]!);
      if (c.kind !== 'aws-sigv4')
        throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential, not AWS keys (aws-sigv4).`);
      const f = c.fields;
      if (f.roleArn) {
        const s = await assumeRole(
          { ...f, roleArn: f.roleArn },
          {
            clock: systemClock,
            endpoint: typeof v['sts-endpoint'] === 'string' ? v['sts-endpoint'] : ctx.io.env.AWS_ENDPOINT_URL_STS,
            sessionName: typeof v['session-name'] === 'string' ? v['session-name'] : 'latch',
            durationSeconds: duration,
          },
        );
        return {
          Version: 1,
          AccessKeyId: s.accessKeyId,
          SecretAccessKey: s.secretAccessKey,
          SessionToken: s.sessionToken,
          Expiration: new Date(s.expiration).toISOString(),
        };
      }
      return {
        Version: 1,
        AccessKeyId: f.accessKeyId,
        SecretAccessKey: f.secretAccessKey,
        ...(f.sessionToken ? { SessionToken: f.sessionToken } : {}),
        ...(f.sessionToken && c.expiresAt ? { Expiration: new Date(c.expiresAt).toISOString() } : {}),
      };
    });
    ctx.io.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  },
};
