/** `--allow-host HOST`, shared by the commands that send a stored credential (`latch request`, `latch audit`, `latch git-credential --ref`). */
import { normalizeHost } from '../core/model/host-binding';
import { usageError } from './parse-args';

export const allowHostOption = {
  type: 'string',
  multiple: true,
  help: "send the credential to HOST although it is not one of its service's hosts, or over plain HTTP (repeatable)",
} as const;

/** The hosts given with --allow-host; a URL or a path instead of a host is a usage error, not a silent miss. */
export function allowedHosts(allow: unknown): string[] {
  const hosts = Array.isArray(allow) ? (allow as string[]) : [];
  for (const h of hosts)
    if (normalizeHost(h) === null)
      throw usageError(`--allow-host takes a host such as api.example.com or host:8443 (got "${h.slice(0, 60)}").`);
  return hosts;
}
