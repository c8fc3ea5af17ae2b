/**
 * The credentials `docker login` saved through docker-credential-latch: `basic` credentials marked
 * `savedBy: docker` (model/saved-by.ts), each in the service of its registry's host. Only these are read,
 * listed, replaced or erased for Docker; a credential the user made for the same host is never one of them.
 */
import { freeCredentialName } from '../credentials/free-credential-name';
import type { ServiceStore } from '../credentials/service-store';
import type { CredentialOf } from '../model/credential';
import type { ServiceSummary } from '../model/service';
import { type DockerRegistry, parseDockerRegistry } from './docker-registry';
import { matchService } from './service-match';

export interface DockerLogin {
  serviceId: string;
  credential: CredentialOf<'basic'>;
  /** The address Docker saved it under: the key `list` gives back. */
  serverUrl: string;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function registryOf(serverUrl: string): DockerRegistry | undefined {
  try {
    return parseDockerRegistry(serverUrl);
  } catch {
    return undefined;
  }
}

/**
 * Docker's logins in these services that belong to the service's own host (one whose base URL the user
 * has since moved to another host is no longer this registry's, for any action). The index says which
 * services hold a `basic` credential, so only those are decrypted.
 */
async function* loginsIn(store: ServiceStore, services: readonly ServiceSummary[]): AsyncGenerator<DockerLogin> {
  for (const s of services) {
    if (!s.credentials.some((c) => c.kind === 'basic')) continue;
    const host = hostOf(s.baseUrl);
    const body = await store.body(s.id);
    for (const c of body.credentials)
      if (c.kind === 'basic' && c.savedBy?.tool === 'docker' && registryOf(c.savedBy.serverUrl)?.host === host)
        yield { serviceId: s.id, credential: c, serverUrl: c.savedBy.serverUrl };
  }
}

export async function findDockerLogin(store: ServiceStore, registry: DockerRegistry): Promise<DockerLogin | undefined> {
  const near = store.summaries().filter((s) => hostOf(s.baseUrl) === registry.host);
  for await (const login of loginsIn(store, near)) if (registryOf(login.serverUrl)?.key === registry.key) return login;
  return undefined;
}

/** `{ serverUrl: username }` of every Docker login: the answer to `list`. */
export async function listDockerLogins(store: ServiceStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const login of loginsIn(store, store.summaries())) out[login.serverUrl] = login.credential.fields.username;
  return out;
}

/**
 * `docker login`: replaces Docker's own login for the registry, else adds one to the service of the
 * registry's host (created, with the service, in one save when there is none).
 */
export async function saveDockerLogin(
  store: ServiceStore,
  login: { serverUrl: string; username: string; secret: string },
): Promise<void> {
  const registry = parseDockerRegistry(login.serverUrl);
  const fields = { username: login.username, password: login.secret };
  const found = await findDockerLogin(store, registry);
  if (found) {
    await store.updateCredential(found.serviceId, found.credential.id, { fields });
    return;
  }
  await store.inOneSave(async () => {
    const serviceId =
      matchService(store.summaries(), { host: registry.host })?.id ??
      (await store.createService({ name: registry.host, baseUrl: registry.origin }));
    const body = await store.body(serviceId);
    await store.addCredential(serviceId, {
      kind: 'basic',
      name: freeCredentialName(body.credentials, 'docker'),
      fields,
      savedBy: { tool: 'docker', serverUrl: login.serverUrl.trim() },
    });
  });
}

/** `docker logout`: forgets Docker's own login for the registry; anything else on the host stays. */
export async function eraseDockerLogin(store: ServiceStore, registry: DockerRegistry): Promise<void> {
  const found = await findDockerLogin(store, registry);
  if (found) await store.deleteCredential(found.serviceId, found.credential.id);
}
