import { LatchError } from '../../core/model/errors';
import type { OtpSpec } from '../../core/totp/types';
import { verifyCode } from '../../core/totp/verify';
import { usageError } from '../parse-args';
import type { CliCommand, CliContext } from '../registry';
import { secretSource } from '../secret-source';
import { codeInstant, codeOutput, uriFromStdin, uriSpec, wholeNumber } from '../totp-code';

/** The code's spec: from --uri (no vault), or from the TOTP credential REF names. */
async function withSpec<T>(ctx: CliContext, ref: string | undefined, fn: (spec: OtpSpec) => T): Promise<T> {
  const uri = ctx.values.uri;
  if (typeof uri === 'string') {
    if (ref !== undefined) throw usageError('Give a REF or --uri, not both.');
    const source = secretSource(ctx, '--uri', uri);
    if (source.from === 'reference') throw usageError('Give a latch:// reference as REF, not as --uri.');
    // `--uri -` alone takes the entry's fast path (quick-totp.ts), through these same functions.
    const text = source.from === 'stdin' ? await uriFromStdin(ctx.io) : source.value;
    return fn(uriSpec(text, ctx.note));
  }
  if (ref === undefined)
    throw usageError('Name the TOTP credential (latch://SERVICE/CREDENTIAL) or give --uri otpauth://…');
  // Only a REF needs the vault (and zod, jose... with it): `totp --uri` starts as fast as Node.
  const { withServiceStore } = await import('../with-store');
  return withServiceStore(ctx, async (store) => {
    const located = await store.resolve(ref);
    const c = located.credential;
    if (c.kind !== 'totp') {
      throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential, not a TOTP one.`, {
        detail: { field: 'kind' },
      });
    }
    return fn(c.fields);
  });
}

export const totpCommand: CliCommand = {
  name: 'totp',
  usage:
    'latch totp (REF | --uri URI) [--at UNIX_SECONDS] [--json]   |   latch totp verify (REF | --uri URI) CODE [--window N]   |   latch totp backup-codes [--count N] [--length N] [--alphabet base32|hex|digits] [--group N]',
  positionals: { min: 0, max: 3 },
  options: {
    uri: {
      type: 'string',
      help: 'an otpauth://totp|hotp/… URI instead of a vault credential ("-": read it from stdin)',
    },
    at: { type: 'string', help: 'the time, in Unix seconds, instead of now' },
    window: { type: 'string', help: 'verify: steps accepted either side (default 1; HOTP: counters ahead)' },
    count: { type: 'string', help: 'backup-codes: how many codes (1 to 100, default 10)' },
    length: { type: 'string', help: 'backup-codes: characters per code, dashes not counted (default 10)' },
    alphabet: { type: 'string', help: 'backup-codes: base32 (Crockford, the default), hex or digits' },
    group: { type: 'string', help: 'backup-codes: a dash every N characters (0: none; default 5)' },
  },
  async run(ctx) {
    const nowMs = codeInstant(ctx.values.at);
    const [first, ...rest] = ctx.positionals;
    const backupOptions = ['count', 'length', 'alphabet', 'group'].filter((o) => ctx.values[o] !== undefined);

    if (first === 'backup-codes') {
      if (rest.length > 0 || ctx.values.uri !== undefined || ctx.values.at !== undefined)
        throw usageError('Usage: latch totp backup-codes [--count N] [--length N] [--alphabet A] [--group N]');
      const { runBackupCodes } = await import('./totp-backup-codes');
      return runBackupCodes(ctx);
    }
    if (backupOptions.length > 0) throw usageError(`--${backupOptions[0]} goes with "latch totp backup-codes".`);

    if (first === 'verify') {
      const window = wholeNumber(ctx.values.window, '--window');
      const hasUri = typeof ctx.values.uri === 'string';
      if (rest.length !== (hasUri ? 1 : 2))
        throw usageError('Usage: latch totp verify (REF | --uri URI) CODE [--window N]');
      const code = rest[rest.length - 1]!;
      const outcome = await withSpec(ctx, hasUri ? undefined : rest[0], (spec) =>
        verifyCode(spec, code, { nowMs, ...(window !== undefined ? { window } : {}) }),
      );
      ctx.output(
        outcome,
        outcome.valid
          ? `valid${outcome.delta !== 0 ? ` (${outcome.delta! > 0 ? '+' : ''}${outcome.delta} step(s) off)` : ''}`
          : 'invalid',
      );
      return outcome.valid ? 0 : 1;
    }

    if (ctx.values.window !== undefined) throw usageError('--window goes with "latch totp verify".');
    if (rest.length > 0) throw usageError(`Unexpected argument "${rest[0]}".`);
    const { data, text } = await withSpec(ctx, first, (spec) => codeOutput(spec, nowMs));
    ctx.output(data, text);
    return 0;
  },
};
