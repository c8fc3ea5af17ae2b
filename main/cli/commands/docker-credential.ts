import type { ServiceStore } from '../../core/credentials/service-store';
import { matchService } from '../../core/integrations/service-match';
import { LatchError } from '../../core/model/errors';
import { usageError } from '../parse-args';
import { readAllStdin } from '../read-stdin';
import type { CliCommand } from '../registry';
import { withToolStore } from '../with-store';

/** The helpers' own "not found" text: Docker matches on it (docker-credential-helpers, credentials.NewErrCredentialsNotFound). */
const NOT_FOUND = 'credentials not found in native keychain';
const MAX_INPUT = 64 * 1024;

/** A registry as Docker names it: "https://index.docker.io/v1/", "registry.example.com:5000". */
function registryUrl(serverUrl: string): URL {
  const text = serverUrl.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new LatchError('ERR_BAD_INPUT', 'The registry address is not a host or URL.');
  }
}

function find(store: ServiceStore, serverUrl: string) {
  const url = registryUrl(serverUrl);
  return matchService(store.summaries(), { protocol: url.protocol.replace(/:$/, ''), host: url.host });
}

async function basicOf(store: ServiceStore, serviceId: string) {
  const body = await store.body(serviceId);
  const c = body.credentials.find((x) => x.kind === 'basic');
  return c?.kind === 'basic' ? { body, credential: c } : undefined;
}

export const dockerCredentialCommand: CliCommand = {
  name: 'docker-credential',
  usage: 'docker-credential-latch get|store|erase|list (the docker-credential-helpers protocol on stdin/stdout)',
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const action = ctx.positionals[0];
    if (!['get', 'store', 'erase', 'list'].includes(action ?? ''))
      throw usageError('Docker calls docker-credential-latch get, store, erase or list.');
    const input = action === 'list' ? '' : await readAllStdin(ctx.io);
    if (input.length > MAX_INPUT) throw usageError('The request is too long.');
    return withToolStore(ctx, async (store) => {
      if (action === 'list') {
        const out: Record<string, string> = {};
        for (const s of store.summaries()) {
          const found = await basicOf(store, s.id);
          if (found) out[s.baseUrl] = found.credential.fields.username;
        }
        ctx.io.stdout.write(`${JSON.stringify(out)}\n`);
        return 0;
      }
      if (action === 'store') {
        let req: { ServerURL?: unknown; Username?: unknown; Secret?: unknown };
        try {
          req = JSON.parse(input);
        } catch {
          throw usageError('store expects {"ServerURL","Username","Secret"} as JSON on stdin.');
        }
        const { ServerURL, Username, Secret } = req;
        if (typeof ServerURL !== 'string' || typeof Username !== 'string' || typeof Secret !== 'string')
          throw usageError('store expects {"ServerURL","Username","Secret"} as JSON on stdin.');
        const url = registryUrl(ServerURL);
        const serviceId =
          find(store, ServerURL)?.id ?? (await store.createService({ name: url.host, baseUrl: ServerURL.trim() }));
        const found = await basicOf(store, serviceId);
        const fields = { username: Username, password: Secret };
        if (found) await store.updateCredential(serviceId, found.credential.id, { fields });
        else await store.addCredential(serviceId, { kind: 'basic', name: 'docker', fields });
        return 0;
      }
      const service = find(store, input);
      const found = service ? await basicOf(store, service.id) : undefined;
      if (action === 'erase') {
        if (service && found) await store.deleteCredential(service.id, found.credential.id);
        return 0;
      }
      if (!found) {
        ctx.io.stdout.write(`${NOT_FOUND}\n`);
        return 1;
      }
      const c = found.credential.fields;
      ctx.io.stdout.write(`${JSON.stringify({ ServerURL: input.trim(), Username: c.username, Secret: c.password })}\n`);
      return 0;
    });
  },
};
