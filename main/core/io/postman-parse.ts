import { z } from 'zod';
import { LatchError } from '../model/errors';
import { parseJsonText } from './json-parse';

export interface PostmanVariable {
  key: string;
  value: string;
  enabled: boolean;
  type: string;
}

export interface PostmanEnvironment {
  name: string;
  values: PostmanVariable[];
}

const Variable = z.object({
  key: z.string({ error: 'must be a string' }),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'must be a string' }).optional(),
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
  type: z.string({ error: 'must be a string' }).optional(),
});

const Environment = z.object({
  name: z.string({ error: 'must be a string' }).optional(),
  values: z.array(Variable, { error: 'must be a list of variables' }),
});

/**
 * A Postman environment export: `{ name, values: [{ key, value, enabled, type }] }`, where
 * type is `default` or `secret`. Errors name the field (`values[3].key`), never a value.
 */
export function parsePostmanEnvironment(text: string): PostmanEnvironment {
  const json = parseJsonText(text, 'Postman environment');
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'item' in json && 'info' in json) {
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      'This is a Postman collection, not an environment. In Postman, export the environment (Environments → … → Export).',
      { detail: { field: 'info' } },
    );
  }
  const parsed = Environment.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? [])
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join('');
    const field = path || 'environment';
    const message =
      field === 'environment' ? 'must be a JSON object with a "values" list' : (issue?.message ?? 'is not valid');
    throw new LatchError(
      'ERR_IMPORT_PARSE',
      `The Postman environment's ${field} ${message.replace(/^Invalid input: /, '')}. Nothing was imported.`,
      { detail: { field } },
    );
  }
  return {
    name: parsed.data.name?.trim() || '',
    values: parsed.data.values.map((v) => ({
      key: v.key,
      value: v.value === undefined || v.value === null ? '' : String(v.value),
      enabled: v.enabled ?? true,
      type: v.type ?? 'default',
    })),
  };
}
