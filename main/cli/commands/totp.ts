import { LatchError } from '../../core/model/errors';
import { systemClock } from '../../core/platform';
import { liveCode } from '../../core/totp/live-code';
import { parseOtpAuthUri } from '../../core/totp/otpauth-uri-parse';
import type { OtpSpec } from '../../core/totp/types';
import { verifyCode } from '../../core/totp/verify';
import { usageError } from '../parse-args';
import { MAX_STDIN_VALUE_BYTES, readAllStdin } from '../read-stdin';
import type { CliCommand, CliContext } from '../registry';
import { secretSource } from '../secret-source';

function wholeNumber(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw usageError(`${option} takes a whole number.`);
  return Number(value);
}

/** The code's spec: from --uri (no vault), or from the TOTP credential REF names. */
async function withSpec<T>(ctx: CliContext, ref: string | undefined, fn: (spec: OtpSpec) => T): Promise<T> {
  const uri = ctx.values.uri;
  if (typeof uri === 'string') {
    if (ref !== undefined) throw usageError('Give a REF or --uri, not both.');
    const source = secretSource(ctx, '--uri', uri);
    if (source.from === 'reference') throw usageError('Give a latch:// reference as REF, not as --uri.');
    const text = source.from === 'stdin' ? (await readAllStdin(ctx.io, MAX_STDIN_VALUE_BYTES)).trim() : source.value;
    const parsed = parseOtpAuthUri(text);
    if (parsed.secretWarning !== null) ctx.note(`latch: warning: ${parsed.secretWarning}`);
    return fn(parsed.fields);
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
    const at = wholeNumber(ctx.values.at, '--at');
    const nowMs = at === undefined ? systemClock.now() : at * 1000;
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
    const live = await withSpec(ctx, first, (spec) => ({ type: spec.type, ...liveCode(spec, nowMs) }));
    ctx.output(
      {
        code: live.code,
        type: live.type,
        period: live.period,
        secondsRemaining: live.secondsRemaining,
        validUntil: live.validUntilMs === null ? null : new Date(live.validUntilMs).toISOString(),
        next: live.next,
      },
      live.code,
    );
    return 0;
  },
};
