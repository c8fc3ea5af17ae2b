import type { Credential } from '../model/credential';

/** `name`, else `name 2`, `name 3`…: the first a service's credentials do not already use (names are unique case-insensitively). */
export function freeCredentialName(credentials: readonly Pick<Credential, 'name'>[], name: string): string {
  const taken = new Set(credentials.map((c) => c.name.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name} ${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
