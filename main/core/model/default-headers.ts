/**
 * A service's default headers (RapidAPI's X-RapidAPI-Host, an API version header): sent with every
 * request to the service unless the request says otherwise. They are NOT secrets: stored, shown and
 * sent over the bridge in clear, so names that carry credentials are refused here (one list, used by
 * the store, the dialog and the command line). The merge rule that turns them and a request's own
 * headers into what goes out lives here too, so the request tester's table, main's send and
 * `latch request` cannot disagree.
 */
import { z } from 'zod';

export const MAX_DEFAULT_HEADERS = 50;
/** Per value; a server refuses a header section much larger than that anyway. */
export const MAX_DEFAULT_HEADER_VALUE = 8_192;

/** RFC 9110 §5.6.2 token: what a field name may hold. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * RFC 9110 §5.5 field-value as Node's http module accepts it (tab, visible ASCII, space, obs-text):
 * no CR or LF (a second header or a second request smuggled in), no NUL, no other control.
 */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Header names that carry a credential, whatever the service. A value under one of these names
 * belongs in a credential (kept encrypted, masked, bound to the service's hosts), never in a
 * default header. The list: the HTTP auth and cookie headers, and the API-key headers the common
 * APIs document (AWS session token, Google, GitLab, RapidAPI's key, the generic X-API-Key family).
 */
export const CREDENTIAL_HEADER_NAMES: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
  'x-rapidapi-key',
  'x-goog-api-key',
  'x-amz-security-token',
  'private-token',
];

/** Headers Latch writes itself from the URL and the body: a default could only contradict them. */
const FRAMING_HEADER_NAMES: readonly string[] = ['host', 'content-length', 'transfer-encoding', 'connection'];

export function credentialHeaderMessage(name: string, holder?: string): string {
  const whose = holder === undefined ? 'carries a credential' : `is the header the credential "${holder}" uses`;
  return `${name} ${whose}; store its value as a credential of this service instead (default headers are kept and shown in clear)`;
}

/** Why a default header may not have this name, or null when it may. */
export function refusedHeaderName(name: string): string | null {
  const n = name.trim().toLowerCase();
  if (CREDENTIAL_HEADER_NAMES.includes(n)) return credentialHeaderMessage(name.trim());
  if (FRAMING_HEADER_NAMES.includes(n)) return `${name.trim()} is written by Latch from the URL and the body`;
  return null;
}

export const DefaultHeader = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'a default header needs a name')
      .max(200, 'keep a header name under 200 characters')
      .regex(TOKEN, "a header name holds letters, digits and !#$%&'*+-.^_`|~ only (no space or colon)"),
    value: z
      .string()
      .max(MAX_DEFAULT_HEADER_VALUE, 'keep a header value under 8 KB')
      .regex(FIELD_VALUE, 'a header value cannot hold a line break, NUL or other control character'),
    /** false: kept on the service but not sent unless a request switches it on. */
    enabled: z.boolean().optional(),
  })
  .strict()
  .superRefine((h, ctx) => {
    const why = refusedHeaderName(h.name);
    if (why !== null) ctx.addIssue({ code: 'custom', path: ['name'], message: why });
  });
export type DefaultHeader = z.output<typeof DefaultHeader>;

export const DefaultHeaders = z
  .array(DefaultHeader)
  .max(MAX_DEFAULT_HEADERS, `a service keeps at most ${MAX_DEFAULT_HEADERS} default headers`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((h, i) => {
      const n = h.name.toLowerCase();
      if (seen.has(n)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${h.name} is there twice` });
      seen.add(n);
    });
  });

/**
 * A default header as stored and shown: checked in full when written (DefaultHeader), read back as
 * this shape only, so a name a later version refuses still opens the service (and is refused at its
 * next edit) instead of making the record unreadable.
 */
export const StoredDefaultHeader = z.object({ name: z.string(), value: z.string(), enabled: z.boolean().optional() });
export type StoredDefaultHeader = z.output<typeof StoredDefaultHeader>;

/** A request's own switch for one of its service's default headers (the tester's checkbox, `-H 'Name:'`). */
export const HeaderSwitch = z.object({ name: z.string().max(200), enabled: z.boolean() }).strict();
export type HeaderSwitch = z.output<typeof HeaderSwitch>;

interface Row {
  name: string;
  value: string;
  enabled?: boolean | undefined;
}

/** sent: goes out; off: switched off (for the service or this request); overridden: a header the user typed wins. */
export type ServiceHeaderState = 'sent' | 'off' | 'overridden';
export interface ServiceHeaderRow {
  name: string;
  value: string;
  state: ServiceHeaderState;
}

/**
 * The one merge rule. A service default goes out unless the request has a ticked header of the
 * same name (case-insensitive: the user's value wins) or switches it off; a request's switch beats
 * the service's own `enabled`.
 */
export function serviceHeaderRows(
  defaults: readonly Row[],
  own: readonly Row[],
  switches: readonly HeaderSwitch[] = [],
): ServiceHeaderRow[] {
  const typed = new Set(
    own.filter((r) => r.enabled !== false && r.name.trim() !== '').map((r) => r.name.trim().toLowerCase()),
  );
  return defaults.map((h) => {
    const key = h.name.toLowerCase();
    const turned = switches.findLast((s) => s.name.trim().toLowerCase() === key);
    const on = turned === undefined ? h.enabled !== false : turned.enabled;
    const state: ServiceHeaderState = typed.has(key) ? 'overridden' : on ? 'sent' : 'off';
    return { name: h.name, value: h.value, state };
  });
}

/** The request's headers as they go out: the service's defaults that are sent, then the request's own. */
export function withServiceHeaders<R extends { headers?: Row[] | undefined; serviceHeaders?: HeaderSwitch[] }>(
  request: R,
  defaults: readonly Row[],
): Omit<R, 'headers'> & { headers: Row[] } {
  const own = request.headers ?? [];
  const sent = serviceHeaderRows(defaults, own, request.serviceHeaders ?? [])
    .filter((r) => r.state === 'sent')
    .map(({ name, value }) => ({ name, value, enabled: true }));
  return { ...request, headers: [...sent, ...own] };
}
