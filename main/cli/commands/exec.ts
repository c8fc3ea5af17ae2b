import { PassThrough } from 'node:stream';
import { isSecretField } from '../../core/credentials/primary-secret';
import { type EnvAssignment, parseEnvAssignment } from '../../core/exec/env-assignment';
import { resolveExecEnv } from '../../core/exec/resolve-env';
import { runCommand } from '../../core/exec/run-command';
import { envFileAssignments } from '../env-file';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { withSession } from '../with-store';

export const execCommand: CliCommand = {
  name: 'exec',
  usage: 'latch exec [--env NAME=REF ...] [--env-file FILE] -- COMMAND [ARGS...]',
  positionals: { min: 1, max: Number.MAX_SAFE_INTEGER },
  options: {
    env: {
      type: 'string',
      multiple: true,
      help: 'NAME=latch://SERVICE/CREDENTIAL[/FIELD] (repeatable; wins over --env-file)',
    },
    'env-file': {
      type: 'string',
      help: 'a .env file whose values may be latch:// references (plain values pass through as they are)',
    },
  },
  async run(ctx) {
    const [command, ...args] = ctx.positionals;
    if (command === undefined) throw usageError('Name the command to run after "--".');
    const assignments: EnvAssignment[] = [];
    if (typeof ctx.values['env-file'] === 'string')
      assignments.push(...(await envFileAssignments(ctx.values['env-file'])));
    for (const pair of (ctx.values.env as string[] | undefined) ?? []) assignments.push(parseEnvAssignment(pair));
    if (assignments.length === 0) throw usageError('Give at least one --env NAME=REF or an --env-file.');

    const needsVault = assignments.some((a) => a.value.startsWith('latch://'));
    const resolve = (lookup: (ref: string) => Promise<{ value: string; secret: boolean }>) =>
      resolveExecEnv(assignments, lookup);
    // Every reference is resolved, and the vault locked again, before the command starts.
    const resolved = needsVault
      ? await withSession(ctx, ({ secrets }) =>
          resolve(async (ref) => {
            const { located, value } = await secrets.resolve(ref);
            return { value, secret: isSecretField(located.credential.kind, located.field) };
          }),
        )
      : await resolve(async () => ({ value: '', secret: false }));

    // With --password-stdin, stdin carried the password: the command gets an empty one.
    const stdin = ctx.values['password-stdin'] === true ? new PassThrough().end() : 'inherit';
    return runCommand({
      command,
      args,
      env: resolved.env,
      secrets: resolved.secrets,
      baseEnv: ctx.io.env as NodeJS.ProcessEnv,
      stdin,
      stdout: ctx.io.stdout,
      stderr: ctx.io.stderr,
    });
  },
};
