import type { CredentialPatch, Credentials } from '../../app/credentials/credentials';
import { formatSecretReference, parseSecretReference } from '../../core/credentials/secret-reference';
import type { ServiceBody } from '../../core/credentials/service-records';
import { isLatchError, LatchError } from '../../core/model/errors';
import { boundHosts } from '../../core/security/host-binding';
import { editDefaultHeaders } from '../header-args';
import { usageError } from '../parse-args';
import type { CliCommand, CliContext } from '../registry';
import { findNamedService } from '../service-name';
import { withSession } from '../with-store';

/** What the command changes: a service by name, or one credential of it (`SERVICE/CREDENTIAL`, `latch://…`). */
type Target = { service: string; credential: null } | { service: string; credential: string };

const SCHEME = 'latch://';

/**
 * `Stripe` or `latch://Stripe` is the service; `Stripe/live` or `latch://Stripe/live` one of its credentials
 * (names percent-encoded as in references: a service named "a/b" is `latch://a%2Fb`).
 */
function targetOf(arg: string): Target {
  const body = arg.startsWith(SCHEME) ? arg.slice(SCHEME.length) : arg;
  if (!body.includes('/')) {
    const service = arg.startsWith(SCHEME) ? parseSecretReference(`${body}/x`).service : arg;
    if (service.trim() === '') throw usageError('Name the service to edit: latch edit SERVICE [options].');
    return { service, credential: null };
  }
  const ref = parseSecretReference(arg);
  if (ref.field !== null)
    throw usageError('latch edit takes SERVICE or SERVICE/CREDENTIAL, not a field (secrets change with latch rotate).');
  return { service: ref.service, credential: ref.credential };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The options that change a service, as given. */
interface ServiceEdits {
  name: string | undefined;
  url: string | undefined;
  tags: string[];
  untags: string[];
  notes: string | undefined;
  headers: string[];
  dropHeaders: string[];
}

function serviceEdits(ctx: CliContext): ServiceEdits {
  return {
    name: text(ctx.values.name),
    url: text(ctx.values.url),
    tags: strings(ctx.values.tag),
    untags: strings(ctx.values.untag),
    notes: text(ctx.values.notes),
    headers: strings(ctx.values.header),
    dropHeaders: strings(ctx.values['drop-header']),
  };
}

const SERVICE_ONLY = ['url', 'tag', 'untag', 'notes', 'header', 'drop-header'] as const;
const CREDENTIAL_ONLY = ['expires', 'rotate-every'] as const;

/**
 * The service patch these edits make, as the app's service form sends it (the whole tag and header lists):
 * the store checks the result with the rules every writer meets (ServiceInput: name, http(s) base URL, tags;
 * model/default-headers.ts and the service's own credential headers for default headers). Removing what is
 * not there is refused, so a typo does not pass for a change.
 */
function servicePatch(current: ServiceBody, e: ServiceEdits): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (e.name !== undefined) patch.name = e.name;
  if (e.url !== undefined) patch.baseUrl = e.url;
  if (e.notes !== undefined) patch.notes = e.notes;
  if (e.tags.length > 0 || e.untags.length > 0) {
    for (const t of e.untags)
      if (!current.tags.includes(t.trim()))
        throw new LatchError(
          'ERR_NOT_FOUND',
          `Service "${current.name}" has no tag "${t}" (its tags: ${current.tags.join(', ') || 'none'}).`,
        );
    const dropped = new Set(e.untags.map((t) => t.trim()));
    patch.tags = [...current.tags.filter((t) => !dropped.has(t)), ...e.tags];
  }
  if (e.headers.length > 0 || e.dropHeaders.length > 0) {
    const present = (current.headers ?? []).map((h) => h.name.toLowerCase());
    for (const name of e.dropHeaders)
      if (!present.includes(name.trim().toLowerCase()))
        throw new LatchError(
          'ERR_NOT_FOUND',
          `Service "${current.name}" has no default header "${name}" (its headers: ${(current.headers ?? []).map((h) => h.name).join(', ') || 'none'}).`,
        );
    // "Name:" is editDefaultHeaders' removal (as `latch add --header` takes it); drops go first, sets after.
    patch.headers = editDefaultHeaders(current.headers ?? [], [
      ...e.dropHeaders.map((n) => `${n.trim()}:`),
      ...e.headers,
    ]);
  }
  return patch;
}

/**
 * What follows a save (reading the result back, the notes, the output) must not end in cliFailure's "internal
 * error … nothing was changed": the change is saved by then. A fault there says so instead.
 */
async function afterSave(what: string, show: () => Promise<void>): Promise<void> {
  try {
    await show();
  } catch (e) {
    if (isLatchError(e)) throw e;
    throw new LatchError(
      'ERR_INTERNAL',
      `${what} was saved, but showing the result failed (a bug in Latch: please report it); latch list shows it as saved.`,
    );
  }
}

/** An expiry as ISO 8601; one no Date can hold (written before the store checked it) shown as it is stored. */
function expiryText(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ms} (not a date: set it with --expires)` : d.toISOString();
}

/** `latch://NAME/`, the name encoded as references write it. */
const servicePrefix = (service: string) =>
  formatSecretReference({ service, credential: 'x', field: null }).slice(0, -1);

/** A new name must not make `latch://NAME/…` name two services (findServiceId refuses an ambiguous name). */
function checkNameFree(credentials: Credentials, serviceId: string, name: string): void {
  const wanted = name.trim().toLowerCase();
  const other = credentials.summaries().find((s) => s.id !== serviceId && s.name.toLowerCase() === wanted);
  if (other)
    throw new LatchError(
      'ERR_CONFLICT',
      `Another service is already named "${other.name}"; choose another name (references name services by name).`,
    );
}

async function editService(ctx: CliContext, credentials: Credentials, name: string, e: ServiceEdits) {
  const serviceId = findNamedService(credentials.store(), name);
  const before = await credentials.body(serviceId);
  const patch = servicePatch(before, e);
  if (e.name !== undefined) checkNameFree(credentials, serviceId, e.name);
  // One write, one save: the app's own update (Credentials.updateService), validated as the desktop's form is.
  await credentials.updateService(serviceId, patch);
  await afterSave(`Service "${before.name}"`, () => showService(ctx, credentials, serviceId, before));
}

async function showService(ctx: CliContext, credentials: Credentials, serviceId: string, before: ServiceBody) {
  const after = await credentials.body(serviceId);

  if (after.name !== before.name && after.credentials.length > 0)
    ctx.note(
      `References follow the name: ${servicePrefix(before.name)}… is now ${servicePrefix(after.name)}… (update the files and configs that name it).`,
    );
  const hostsBefore = boundHosts({ baseUrl: before.baseUrl, hosts: [] });
  const hostsAfter = boundHosts({ baseUrl: after.baseUrl, hosts: [] });
  if (after.credentials.length > 0 && hostsBefore.join() !== hostsAfter.join())
    ctx.note(
      `Its credentials now go without asking to ${hostsAfter[0] ?? 'no base URL host'}${hostsBefore[0] ? ` (no longer to ${hostsBefore[0]})` : ''}, beside the hosts added to each (latch hosts).`,
    );
  const data = {
    serviceId,
    service: after.name,
    baseUrl: after.baseUrl,
    tags: after.tags,
    notes: after.notes,
    headers: (after.headers ?? []).map(({ name: n, value, enabled }) => ({
      name: n,
      value,
      enabled: enabled !== false,
    })),
  };
  const lines = [
    `Updated service ${after.name}.`,
    `  Base URL: ${after.baseUrl || '(none)'}`,
    `  Tags: ${after.tags.join(', ') || '(none)'}`,
    `  Default headers: ${data.headers.map((h) => `${h.name}${h.enabled ? '' : ' (off)'}`).join(', ') || '(none)'}`,
  ];
  ctx.output(data, lines.join('\n'));
}

/**
 * `--expires`: a day (YYYY-MM-DD), meaning the end of that local day as the app's date field does, so "expires
 * on" includes the day itself; or `never`.
 */
function expiresOption(v: string): number | null {
  if (v === 'never') return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const [y, m, d] = day ? [Number(day[1]), Number(day[2]) - 1, Number(day[3])] : [0, 0, 0];
  // Built from its parts and read back: Date rolls a day that does not exist (2027-02-30) into the next month.
  const at = new Date(y, m, d, 23, 59, 59);
  if (!day || at.getFullYear() !== y || at.getMonth() !== m || at.getDate() !== d)
    throw usageError('--expires takes a day as YYYY-MM-DD, or never.');
  return at.getTime();
}

/** `--rotate-every`: whole days (the store checks 1 to 3650, as for the app's form), or `never`. */
function rotateOption(v: string): number | null {
  if (v === 'never') return null;
  if (!/^\d+$/.test(v)) throw usageError('--rotate-every takes whole days from 1 to 3650, or never.');
  return Number(v);
}

/** The credential patch: its name, expiry and rotation reminder (what the app's credential form holds beside secrets). */
function credentialPatch(ctx: CliContext): CredentialPatch {
  const name = text(ctx.values.name);
  const expires = text(ctx.values.expires);
  const rotate = text(ctx.values['rotate-every']);
  if (name === undefined && expires === undefined && rotate === undefined)
    throw usageError(
      'Say what to change: --name, --expires or --rotate-every (a secret changes with latch rotate, its hosts with latch hosts).',
    );
  return {
    ...(name === undefined ? {} : { name }),
    ...(expires === undefined ? {} : { expiresAt: expiresOption(expires) }),
    ...(rotate === undefined ? {} : { rotateEveryDays: rotateOption(rotate) }),
  };
}

async function editCredential(
  ctx: CliContext,
  credentials: Credentials,
  service: string,
  credential: string,
  patch: CredentialPatch,
) {
  const located = await credentials.resolve(formatSecretReference({ service, credential, field: null }));
  // The app's own update (Credentials.updateCredential): the same name, expiry and rotation checks.
  await credentials.updateCredential(located.serviceId, located.credential.id, patch);
  await afterSave(formatSecretReference({ service, credential, field: null }), () =>
    showCredential(ctx, credentials, located),
  );
}

async function showCredential(
  ctx: CliContext,
  credentials: Credentials,
  located: Awaited<ReturnType<Credentials['resolve']>>,
) {
  const after = (await credentials.credential(located.serviceId, located.credential.id)).credential;
  const names = { service: located.service.name, credential: after.name, field: null };
  const reference = formatSecretReference(names);
  const old = formatSecretReference({ ...names, credential: located.credential.name });
  if (old !== reference) ctx.note(`References follow the name: ${old} is now ${reference}.`);
  const expiresAt = expiryText(after.expiresAt);
  const rotateEveryDays = after.rotation.everyDays ?? null;
  ctx.output(
    {
      serviceId: located.serviceId,
      service: names.service,
      credentialId: after.id,
      credential: after.name,
      reference,
      expiresAt,
      rotateEveryDays,
    },
    [
      `Updated ${reference}.`,
      `  Expires: ${expiresAt ?? 'never'}`,
      `  Rotation reminder: ${rotateEveryDays === null ? 'none' : `every ${rotateEveryDays} day(s)`}`,
    ].join('\n'),
  );
}

/**
 * `latch edit`: what the app's service and credential forms change, from the command line, through the same
 * app service (Credentials) and the same checks. No secret is taken here: secret fields change with
 * `latch rotate`, a new credential with `latch add`.
 */
export const editCommand: CliCommand = {
  name: 'edit',
  usage:
    "latch edit SERVICE [--name NAME] [--url URL] [--tag TAG]... [--untag TAG]... [--notes TEXT] [--header 'Name: value']... [--drop-header NAME]...  |  latch edit SERVICE/CREDENTIAL [--name NAME] [--expires YYYY-MM-DD|never] [--rotate-every DAYS|never]",
  positionals: {
    min: 1,
    max: 1,
    // `latch edit --url ''` reads as "remove the URL" but names nothing to remove it from.
    missing:
      "Name what to edit first: latch edit SERVICE --url URL (to remove a service's base URL: latch edit SERVICE --url ''), or latch edit SERVICE/CREDENTIAL --expires DAY.",
  },
  options: {
    name: { type: 'string', help: 'the new name of the service (or of the credential, for SERVICE/CREDENTIAL)' },
    url: {
      type: 'string',
      help: "the service's base URL (https://api.example.com; '' for none); its credentials then go to that host",
    },
    tag: { type: 'string', multiple: true, help: 'add a tag to the service (repeatable)' },
    untag: { type: 'string', multiple: true, help: 'remove a tag from the service (repeatable)' },
    notes: { type: 'string', help: "the service's notes, replacing them ('' for none; not for secrets)" },
    header: {
      type: 'string',
      multiple: true,
      help: "set a default header of the service, sent with every request to it: 'Name: value' (repeatable; not for secrets: kept in clear)",
    },
    'drop-header': { type: 'string', multiple: true, help: 'remove the default header NAME (repeatable)' },
    expires: {
      type: 'string',
      help: 'SERVICE/CREDENTIAL: the day it expires (YYYY-MM-DD, the end of that day), or never',
    },
    'rotate-every': {
      type: 'string',
      help: 'SERVICE/CREDENTIAL: remind to rotate it every DAYS days (1 to 3650), or never',
    },
  },
  async run(ctx) {
    const target = targetOf(ctx.positionals[0]!);
    if (target.credential !== null) {
      const serviceOption = SERVICE_ONLY.find((k) => ctx.values[k] !== undefined);
      if (serviceOption !== undefined)
        throw usageError(
          `--${serviceOption} changes the service, not one credential: latch edit SERVICE --${serviceOption} …`,
        );
      const patch = credentialPatch(ctx);
      const { service, credential } = target;
      return withSession(ctx, async ({ credentials }) => {
        await editCredential(ctx, credentials, service, credential, patch);
        return 0;
      });
    }
    const credentialOption = CREDENTIAL_ONLY.find((k) => ctx.values[k] !== undefined);
    if (credentialOption !== undefined)
      throw usageError(
        `--${credentialOption} changes one credential: latch edit SERVICE/CREDENTIAL --${credentialOption} …`,
      );
    const e = serviceEdits(ctx);
    const lists = [e.tags, e.untags, e.headers, e.dropHeaders];
    if (e.name === undefined && e.url === undefined && e.notes === undefined && lists.every((l) => l.length === 0))
      throw usageError('Say what to change: --name, --url, --tag, --untag, --notes, --header or --drop-header.');
    // Malformed --header arguments stop the command before the vault is opened.
    editDefaultHeaders([], e.headers);
    return withSession(ctx, async ({ credentials }) => {
      await editService(ctx, credentials, target.service, e);
      return 0;
    });
  },
};
