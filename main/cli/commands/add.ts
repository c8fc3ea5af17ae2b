import { coerceFieldInput } from '../../core/credentials/field-input';
import { formatSecretReference } from '../../core/credentials/secret-reference';
import { validateCredentialFields } from '../../core/credentials/validate-credential';
import { CREDENTIAL_KINDS, type CredentialKind, SECRET_FIELDS } from '../../core/model/credential';
import { isLatchError, LatchError } from '../../core/model/errors';
import { normalizeHost } from '../../core/model/host-binding';
import { isCredentialKind } from '../../core/model/service';
import { shortSecretWarning } from '../../core/totp/secret-warning';
import { editDefaultHeaders } from '../header-args';
import { usageError } from '../parse-args';
import type { CliCommand, CliContext } from '../registry';
import { readReference, readStdinValue } from '../secret-option';
import { secretSource } from '../secret-source';
import { findNamedService } from '../service-name';
import { withServiceStore } from '../with-store';

/** Refuses bad fields before anything is written; a TOTP key shorter than normal is kept, with a warning. */
function checkFields(ctx: CliContext, kind: CredentialKind, fields: Record<string, unknown>): void {
  let checked: ReturnType<typeof validateCredentialFields>;
  try {
    checked = validateCredentialFields(kind, fields);
  } catch (e) {
    // The store's message for a field not given is the schema's ("expected string, received undefined"):
    // here the remedy is an option, so name it.
    const field = isLatchError(e) ? e.detail?.field : undefined;
    if (typeof field === 'string' && !field.includes('.') && fields[field] === undefined)
      throw usageError(
        SECRET_FIELDS[kind].includes(field)
          ? `A credential of kind ${kind} needs --field ${field}=- (a secret: "-" reads it from stdin).`
          : `A credential of kind ${kind} needs --field ${field}=….`,
      );
    throw e;
  }
  const warning = 'secret' in checked && kind === 'totp' ? shortSecretWarning(checked.secret) : null;
  if (warning !== null) ctx.note(`latch: warning: ${warning}`);
}

export const addCommand: CliCommand = {
  name: 'add',
  usage:
    "latch add SERVICE --kind KIND --name NAME [--url BASE] [--host HOST]... [--header 'Name: value']... --field KEY=VALUE ...",
  positionals: { min: 1, max: 1 },
  options: {
    kind: { type: 'string', help: `credential kind: ${CREDENTIAL_KINDS.join(', ')}` },
    name: { type: 'string', help: 'credential name (unique within the service)' },
    url: { type: 'string', help: "the service's base URL, e.g. https://api.example.com" },
    host: {
      type: 'string',
      multiple: true,
      help: "another host the credential may be sent to without asking, beside the base URL's (repeatable)",
    },
    header: {
      type: 'string',
      multiple: true,
      help: "a default header of the service, sent with every request to it: 'Name: value' sets it, 'Name:' removes it (repeatable; not for secrets: they are stored in clear)",
    },
    field: {
      type: 'string',
      multiple: true,
      help: 'KEY=VALUE; a secret field takes "-" (read from stdin; with --password-stdin line 1 is the password, the rest the value) or a latch:// reference',
    },
  },
  async run(ctx) {
    const serviceName = ctx.positionals[0]!;
    const kind = ctx.values.kind;
    if (typeof kind !== 'string' || !isCredentialKind(kind))
      throw usageError(`--kind is one of: ${CREDENTIAL_KINDS.join(', ')}.`);
    const name = ctx.values.name;
    if (typeof name !== 'string' || name.trim() === '') throw usageError('--name NAME is required.');
    const url = typeof ctx.values.url === 'string' ? ctx.values.url : undefined;
    const hosts = Array.isArray(ctx.values.host) ? (ctx.values.host as string[]) : [];
    for (const h of hosts)
      if (normalizeHost(h) === null)
        throw usageError(`--host takes a host such as api.example.com or host:8443 (got "${h.slice(0, 60)}").`);

    const headerArgs = Array.isArray(ctx.values.header) ? (ctx.values.header as string[]) : [];
    // Read before anything is written, so a malformed one stops the command with nothing saved.
    editDefaultHeaders([], headerArgs);

    const pairs = (ctx.values.field as string[] | undefined) ?? [];
    const raw: [string, string][] = [];
    for (const p of pairs) {
      const eq = p.indexOf('=');
      if (eq <= 0) throw usageError('Write each field as --field KEY=VALUE (KEY=- reads the value from stdin).');
      raw.push([p.slice(0, eq), p.slice(eq + 1)]);
    }
    // A secret field takes "-" (stdin) or a latch:// reference; a literal only with --insecure-argv.
    const references = new Map<string, string>();
    for (const [key, value] of raw) {
      if (!SECRET_FIELDS[kind].includes(key)) continue;
      const source = secretSource(ctx, `--field ${key}`, value);
      if (source.from === 'reference') references.set(key, source.reference);
    }
    const fromStdin = raw.filter(([, v]) => v === '-');
    if (fromStdin.length > 1) throw usageError('Only one field can be read from stdin ("-").');

    let password: string | undefined;
    if (fromStdin.length === 1) {
      const [key] = fromStdin[0]!;
      const read = await readStdinValue(ctx, key);
      password = read.password;
      const at = raw.findIndex(([, v]) => v === '-');
      raw[at] = [key, read.value];
    }
    const fields: Record<string, unknown> = {};
    for (const [k, v] of raw) {
      if (references.has(k)) continue;
      if (kind === 'oauth2' && k.startsWith('param.')) continue;
      fields[k] = coerceFieldInput(kind, k, v);
    }
    if (kind === 'oauth2') {
      // --field param.NAME=VALUE: any extra request parameter, added to extraParams in order.
      const extra = new URLSearchParams(typeof fields.extraParams === 'string' ? fields.extraParams : '');
      for (const [k, v] of raw) if (k.startsWith('param.')) extra.append(k.slice('param.'.length), v);
      if (extra.size > 0) fields.extraParams = extra.toString();
    }
    // Checked before anything is written, so a bad field never leaves an empty new service behind.
    if (references.size === 0) checkFields(ctx, kind, fields);

    return withServiceStore(
      ctx,
      async (store) => {
        for (const [k, reference] of references)
          fields[k] = coerceFieldInput(kind, k, await readReference(store, reference));
        if (references.size > 0) checkFields(ctx, kind, fields);
        // One save for the whole command: a kill can never leave a new, empty service behind.
        const { serviceId, created, urlSet, credentialId } = await store.inOneSave(async () => {
          let id: string;
          let isNew = false;
          let urlChanged = false;
          try {
            id = findNamedService(store, serviceName);
            if (url !== undefined && (await store.body(id)).baseUrl !== url) {
              await store.updateService(id, { baseUrl: url });
              urlChanged = true;
            }
          } catch (e) {
            if (!(e instanceof LatchError && e.code === 'ERR_NOT_FOUND')) throw e;
            id = await store.createService({ name: serviceName, ...(url !== undefined ? { baseUrl: url } : {}) });
            isNew = true;
          }
          const credential = await store.addCredential(id, { kind, name, fields, hosts });
          // After the credential, so a default header cannot take the name of the header it writes.
          if (headerArgs.length > 0)
            await store.updateService(id, {
              headers: editDefaultHeaders((await store.body(id)).headers ?? [], headerArgs),
            });
          return { serviceId: id, created: isNew, urlSet: urlChanged, credentialId: credential };
        });
        if (urlSet) ctx.note(`Base URL of ${serviceName} set to ${url}.`);
        const service = (await store.body(serviceId)).name;
        const reference = formatSecretReference({ service, credential: name.trim(), field: null });
        ctx.output(
          { serviceId, service, serviceCreated: created, credentialId, credential: name.trim(), kind, reference },
          `${created ? `Created service ${service}. ` : ''}Added ${kind} "${name.trim()}": ${reference}`,
        );
        return 0;
      },
      password === undefined ? {} : { password },
    );
  },
};
