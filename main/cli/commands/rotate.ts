import { generatedSecret } from '../../core/credentials/generated-secret';
import { formatSecretReference, parseSecretReference } from '../../core/credentials/secret-reference';
import { SECRET_FIELDS } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { readStdinValue } from '../secret-option';
import { secretSource } from '../secret-source';
import { withSession } from '../with-store';

const DEFAULT_GRACE_DAYS = 7;

/** The secret fields a rotation replaces (an OAuth token set is renewed by signing in, not rotated). */
const rotatable = (kind: keyof typeof SECRET_FIELDS) => SECRET_FIELDS[kind].filter((f) => f !== 'tokens');

export const rotateCommand: CliCommand = {
  name: 'rotate',
  usage: 'latch rotate REF (--value - | --value latch://… | --generate) [--grace DAYS] [--json]',
  positionals: { min: 1, max: 1 },
  options: {
    value: {
      type: 'string',
      help: 'the new secret: "-" reads stdin (with --password-stdin, the lines after the master password), or a latch:// reference',
    },
    generate: {
      type: 'boolean',
      help: 'draw a random new secret instead (256 bits; a TOTP seed: 160 bits in Base32); read it with latch get',
    },
    grace: {
      type: 'string',
      help: `days the previous value is still served as …/previous.FIELD (0 to 365, default ${DEFAULT_GRACE_DAYS})`,
    },
  },
  async run(ctx) {
    const ref = parseSecretReference(ctx.positionals[0]!);
    if (ref.field?.startsWith('previous.')) throw usageError('Rotate the field itself, not its previous value.');
    const rawGrace = ctx.values.grace;
    const graceDays = typeof rawGrace === 'string' ? Number(rawGrace) : DEFAULT_GRACE_DAYS;
    if (typeof rawGrace === 'string' && (rawGrace.trim() === '' || !Number.isFinite(graceDays)))
      throw usageError('--grace takes a number of days from 0 to 365.');
    const given = ctx.values.value;
    const generate = ctx.values.generate === true;
    if ((typeof given === 'string') === generate)
      throw usageError('Give the new secret with --value - (stdin) or --value latch://…, or ask for --generate.');

    const source = typeof given === 'string' ? secretSource(ctx, '--value', given) : undefined;
    // Read before the vault opens: with --password-stdin the master password is stdin's first line.
    const piped = source?.from === 'stdin' ? await readStdinValue(ctx, '--value') : undefined;

    return withSession(
      ctx,
      async ({ credentials, secrets }) => {
        const target = formatSecretReference({ ...ref, field: null });
        const located = await credentials.resolve(target);
        const { kind } = located.credential;
        const field = ref.field ?? rotatable(kind)[0];
        if (field === undefined || !rotatable(kind).includes(field))
          throw new LatchError(
            'ERR_BAD_INPUT',
            `Only secret fields are rotated (${kind}: ${rotatable(kind).join(', ')}).`,
            { detail: { field: field ?? 'field' } },
          );
        let value: string;
        if (piped) value = piped.value;
        else if (source?.from === 'argv') value = source.value;
        else if (source?.from === 'reference') value = (await secrets.resolve(source.reference)).value;
        else value = generatedSecret(located.credential, field);
        await credentials.rotate(located.serviceId, located.credential.id, { [field]: value }, graceDays);

        const after = (await credentials.credential(located.serviceId, located.credential.id)).credential;
        const names = { service: located.service.name, credential: after.name };
        const rotated = formatSecretReference({ ...names, field });
        const kept = after.rotation.previous?.[field] !== undefined && graceDays > 0;
        const until = kept ? new Date(after.rotation.previousUntil ?? 0).toISOString() : null;
        const previous = formatSecretReference({ ...names, field: `previous.${field}` });
        ctx.output(
          { ...names, field, generated: generate, previous: kept ? previous : null, previousUntil: until },
          [
            `Rotated ${rotated}${generate ? ` to a generated value (read it with "latch get ${rotated}")` : ''}.`,
            kept
              ? `The previous value is still served as ${previous} until ${until} (${graceDays} day(s)); after that only the new one.`
              : 'The previous value is no longer served.',
          ].join('\n'),
        );
        return 0;
      },
      piped?.password === undefined ? {} : { password: piped.password },
    );
  },
};
