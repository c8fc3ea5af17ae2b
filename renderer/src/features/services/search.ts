/**
 * Instant search over the service list, pure so it runs (and is benchmarked) under Node.
 * The lowercase haystack of each service is built once per list load; a keystroke only
 * runs `includes` over those strings, which keeps 10,000 services well under a frame.
 */

export interface SearchableCredential {
  name: string;
  kind: string;
}

export interface Searchable {
  id: string;
  name: string;
  baseUrl: string;
  tags: readonly string[];
  favourite: boolean;
  credentials: readonly SearchableCredential[];
}

interface Entry<S> {
  service: S;
  haystack: string;
  tags: readonly string[];
  codesOnly: boolean;
}

export interface SearchIndex<S extends Searchable> {
  readonly entries: readonly Entry<S>[];
  /** Every tag in the list, sorted, as written by the user. */
  readonly tags: readonly string[];
  /** How many services hold nothing but one-time codes (the "Codes only" filter's count). */
  readonly codesOnly: number;
}

/**
 * A service that only carries one-time codes, the kind adding a code for a new issuer makes:
 * derived from what the service holds rather than stored as a flag, so it can never go stale.
 * Adding an API key to it, or giving it a URL or a tag (the user treating it as a service),
 * brings it back into the list by itself, and no vault format or command line changes.
 * An empty service is not one: the user just made it and is about to fill it.
 */
export function isCodesOnly(service: Searchable): boolean {
  return (
    service.credentials.length > 0 &&
    service.credentials.every((c) => c.kind === 'totp') &&
    service.baseUrl === '' &&
    service.tags.length === 0
  );
}

/** Favourites first, then the order the list came in (main sorts by name). */
export function buildSearchIndex<S extends Searchable>(services: readonly S[]): SearchIndex<S> {
  const favourites: Entry<S>[] = [];
  const others: Entry<S>[] = [];
  const tags = new Map<string, string>();
  for (const service of services) {
    const parts = [service.name, service.baseUrl, ...service.tags];
    for (const c of service.credentials) parts.push(c.name, c.kind);
    const entry = {
      service,
      haystack: parts.join('\n').toLowerCase(),
      tags: service.tags.map((t) => t.toLowerCase()),
      codesOnly: isCodesOnly(service),
    };
    (service.favourite ? favourites : others).push(entry);
    for (const t of service.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
  }
  const entries = favourites.concat(others);
  return {
    entries,
    codesOnly: entries.reduce((n, e) => n + (e.codesOnly ? 1 : 0), 0),
    tags: [...tags.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })),
  };
}

/** Splits a query into lowercase terms; every term must occur somewhere in a service. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The keyboard's way to the chips, which are out of the Tab order so the list is one Tab from
 * the search: `#work` in the query is the tag chip "work", `is:codes` the "Codes only" chip.
 */
export const CODES_ONLY_TERM = 'is:codes';

/**
 * The services to show: `codesOnly` false (the default list) leaves code-only services to the
 * Codes screen; true shows only them.
 */
export function filterServices<S extends Searchable>(
  index: SearchIndex<S>,
  query: string,
  tag: string | null = null,
  codesOnly = false,
): S[] {
  const terms = queryTerms(query);
  const wantTag = tag === null ? null : tag.toLowerCase();
  const out: S[] = [];
  for (const entry of index.entries) {
    if (entry.codesOnly !== (codesOnly || terms.includes(CODES_ONLY_TERM))) continue;
    if (wantTag !== null && !entry.tags.includes(wantTag)) continue;
    let all = true;
    for (const term of terms) {
      if (term === CODES_ONLY_TERM) continue;
      if (
        term.length > 1 && term.startsWith('#') ? !entry.tags.includes(term.slice(1)) : !entry.haystack.includes(term)
      ) {
        all = false;
        break;
      }
    }
    if (all) out.push(entry.service);
  }
  return out;
}
