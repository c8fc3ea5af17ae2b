import type { ServiceSummary } from '../model/service';

/**
 * The service a tool's URL belongs to: same host (with port) and scheme as its base URL, and, when the
 * tool gives a path (git with credential.useHttpPath), a base path that is a prefix of it. The longest
 * base path wins, so `https://git.example.com/team` beats `https://git.example.com` for `team/repo.git`;
 * without a path, the shortest.
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
    const basePath = base.pathname.replace(/^\/+|\/+$/g, '');
    if (want.path !== undefined && basePath !== '') {
      const p = want.path.replace(/^\/+/, '');
      if (p !== basePath && !p.startsWith(`${basePath}/`)) continue;
    }
    // With a path, the most specific base wins; without one, the plainest (the host's own service).
    const score = want.path === undefined ? -basePath.length : basePath.length;
    if (!best || score > best.len) best = { s, len: score };
  }
  return best?.s;
}
