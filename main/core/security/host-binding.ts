/**
 * Where a credential may be sent without asking: the pure decision the app (requests.send)
 * and the command line (latch request) both take before any byte of a signed request leaves.
 * A credential is bound to its service's base URL host and the hosts the user added to it,
 * over HTTPS; plain HTTP is only free to loopback. Anything else needs the user's yes for
 * that origin (remembered per credential) or, on the command line, `--allow-host`.
 */
import { LatchError } from '../model/errors';
import { normalizeHost } from '../model/host-binding';

export interface HostBinding {
  /** The service's base URL, or '' / undefined when it has none. */
  baseUrl: string | undefined;
  /** Extra hosts the user bound the credential to (normalised). */
  hosts: readonly string[];
  /** Origins the user approved for this credential. */
  approvedOrigins: readonly string[];
  /** Hosts allowed for this one run (`latch request --allow-host`). */
  allowHosts?: readonly string[];
}

export type HostVerdict =
  | { send: true }
  | { send: false; host: string; origin: string; reason: 'unbound-host' | 'plain-http' };

/** localhost, *.localhost (RFC 6761), 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '[::1]';
}

function hostOfUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).host;
  } catch {
    return null;
  }
}

/** The hosts a credential goes to without asking (its service's base URL host first). */
export function boundHosts(binding: Pick<HostBinding, 'baseUrl' | 'hosts'>): string[] {
  const base = hostOfUrl(binding.baseUrl);
  const extra = binding.hosts.map(normalizeHost).filter((h): h is string => h !== null);
  return [...new Set([...(base ? [base] : []), ...extra])];
}

export function hostVerdict(target: URL, binding: HostBinding): HostVerdict {
  const host = target.host;
  const origin = `${target.protocol}//${host}`;
  const https = target.protocol === 'https:';
  const bound = boundHosts(binding).includes(host);
  if (bound && (https || isLoopback(target.hostname))) return { send: true };
  if (binding.approvedOrigins.includes(origin)) return { send: true };
  const allowed = (binding.allowHosts ?? []).map(normalizeHost);
  if (allowed.includes(host)) return { send: true };
  return { send: false, host, origin, reason: bound ? 'plain-http' : 'unbound-host' };
}

/**
 * The refusal both hosts give, naming the host and why; `remedy` says what this host offers
 * (the app's prompt, the command line's flag). Never the credential's value.
 */
export function hostNotAllowed(
  verdict: Extract<HostVerdict, { send: false }>,
  credentialName: string,
  bound: readonly string[],
  remedy: string,
): LatchError {
  const where = bound.length > 0 ? `it is bound to ${bound.join(', ')}` : 'its service has no base URL';
  const why =
    verdict.reason === 'plain-http'
      ? `${verdict.host} over plain HTTP (not encrypted, and not this machine)`
      : `${verdict.origin}, a host "${credentialName}" is not bound to (${where})`;
  return new LatchError(
    'ERR_HOST_NOT_ALLOWED',
    `Nothing was sent: this would send "${credentialName}" to ${why}. ${remedy}`,
    {
      detail: { host: verdict.host, origin: verdict.origin, reason: verdict.reason, bound: bound.join(', ') },
    },
  );
}

/** The one check both hosts run before a signed request leaves: throws ERR_HOST_NOT_ALLOWED, or returns. */
export function assertMayGo(
  url: string,
  credential: { name: string; hosts: readonly string[]; approvedOrigins: readonly string[] },
  baseUrl: string | undefined,
  remedy: (host: string) => string,
  allowHosts: readonly string[] = [],
): void {
  let target: URL;
  try {
    target = new URL(url.trim());
  } catch {
    return; // not a URL: the engine refuses it before anything is sent
  }
  const binding = { baseUrl, hosts: credential.hosts, approvedOrigins: credential.approvedOrigins, allowHosts };
  const verdict = hostVerdict(target, binding);
  if (!verdict.send) throw hostNotAllowed(verdict, credential.name, boundHosts(binding), remedy(verdict.host));
}
