import type { ServiceSummary } from '../model/service';
import { basePathSegments, isUnderEveryReading } from './path-readings';

/**
 * The service a tool's URL belongs to: same host (with port) and scheme as its base URL, and, when the
 * tool gives a path (git with credential.useHttpPath), a base path that is a prefix of it. The longest
 * base path wins, so `https://git.example.com/team` beats `https://git.example.com` for `team/repo.git`;
 * without a path, the shortest. The path is compared as git sends it (decoded once) after its dot segments are
 * resolved, in every way a server may read it (path-readings.ts): `team-a/../team-b/repo` is not under `team-a`.
 */
export function matchService(
  services: readonly ServiceSummary[],
  want: { protocol?: string | undefined; host: string; path?: string | undefined },
): ServiceSummary | undefined {
  let best: { s: ServiceSummary; len: number } | undefined;
  for (const s of services) {
    let base: URL;
    try {
      base = new URL(s.baseUrl);
    } catch {
      continue;
    }
    if (base.host.toLowerCase() !== want.host.toLowerCase()) continue;
    if (want.protocol && base.protocol !== `${want.protocol}:`) continue;
    const basePath = basePathSegments(base.pathname);
    if (want.path !== undefined && !isUnderEveryReading(want.path, basePath)) continue;
    // With a path, the most specific base wins; without one, the plainest (the host's own service).
    const depth = basePath.join('/').length;
    const score = want.path === undefined ? -depth : depth;
    if (!best || score > best.len) best = { s, len: score };
  }
  return best?.s;
}
