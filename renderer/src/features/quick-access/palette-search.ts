/**
 * The palette's search: one entry per credential (the services search lists services;
 * the palette copies credentials). Pure, so it is unit-tested under Node. Every term of
 * the query must occur in the service name, the credential name, its kind, the base URL
 * or a tag; names that start with the query rank first, then favourites.
 */
import type { CredentialKind, TokenFacts } from '../../../../preload/contract';

export interface PaletteService {
  id: string;
  name: string;
  baseUrl: string;
  tags: readonly string[];
  favourite: boolean;
  credentials: readonly { id: string; name: string; kind: CredentialKind; token?: TokenFacts | null }[];
}

export interface PaletteItem {
  /** Stable DOM id part: service and credential ids. */
  key: string;
  serviceId: string;
  serviceName: string;
  credentialId: string;
  credentialName: string;
  kind: CredentialKind;
  /** The access token's facts, for the one token status (null: no token of its own). */
  token: TokenFacts | null;
  favourite: boolean;
  haystack: string;
}

export function paletteItems(services: readonly PaletteService[]): PaletteItem[] {
  const items: PaletteItem[] = [];
  for (const s of services) {
    for (const c of s.credentials) {
      items.push({
        key: `${s.id}--${c.id}`,
        serviceId: s.id,
        serviceName: s.name,
        credentialId: c.id,
        credentialName: c.name,
        kind: c.kind,
        token: c.token ?? null,
        favourite: s.favourite,
        haystack: [s.name, c.name, c.kind, s.baseUrl, ...s.tags].join('\n').toLowerCase(),
      });
    }
  }
  return items;
}

function rank(item: PaletteItem, terms: string[]): number {
  const first = terms[0] ?? '';
  const service = item.serviceName.toLowerCase();
  const credential = item.credentialName.toLowerCase();
  let score = 0;
  if (first !== '' && service === first) score += 8;
  if (first !== '' && service.startsWith(first)) score += 4;
  if (first !== '' && credential.startsWith(first)) score += 3;
  if (terms.length > 1 && terms.slice(1).some((t) => credential.startsWith(t))) score += 2;
  if (item.favourite) score += 1;
  return score;
}

/** The matching items, best first; the empty query lists everything, favourites first. */
export function searchPalette(items: readonly PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matched = items.filter((i) => terms.every((t) => i.haystack.includes(t)));
  const byName = (a: PaletteItem, b: PaletteItem) =>
    a.serviceName.localeCompare(b.serviceName) || a.credentialName.localeCompare(b.credentialName);
  return matched
    .map((item) => ({ item, score: rank(item, terms) }))
    .sort((a, b) => b.score - a.score || byName(a.item, b.item))
    .slice(0, limit)
    .map((r) => r.item);
}
