import {
  eraseDockerLogin,
  findDockerLogin,
  listDockerLogins,
  saveDockerLogin,
} from '../../core/integrations/docker-logins';
import { parseDockerRegistry } from '../../core/integrations/docker-registry';
import { LatchError } from '../../core/model/errors';
import { cliFailure } from '../failure';
import { readAllStdin } from '../read-stdin';
import type { CliCommand, CliContext } from '../registry';
import { withToolStore } from '../with-store';

/** The helpers' own "not found" text: Docker matches on it (docker-credential-helpers, credentials.NewErrCredentialsNotFound). */
const NOT_FOUND = 'credentials not found in native keychain';
const MAX_INPUT = 64 * 1024;

const badRequest = (message: string) => new LatchError('ERR_BAD_INPUT', message);

/** store's request, checked as credentials.Store checks it (Docker recognises these two messages). */
function parseStore(input: string): { serverUrl: string; username: string; secret: string } {
  let req: { ServerURL?: unknown; Username?: unknown; Secret?: unknown };
  try {
    req = JSON.parse(input);
  } catch {
    throw badRequest('store expects {"ServerURL","Username","Secret"} as JSON on stdin.');
  }
  if (typeof req !== 'object' || req === null) throw badRequest('store expects a JSON object on stdin.');
  const { ServerURL, Username, Secret } = req;
  if (typeof ServerURL !== 'string' || ServerURL === '') throw badRequest('no credentials server URL');
  if (typeof Username !== 'string' || Username === '') throw badRequest('no credentials username');
  if (typeof Secret !== 'string') throw badRequest('store expects "Secret" as a string.');
  return { serverUrl: ServerURL, username: Username, secret: Secret };
}

async function serve(ctx: CliContext, action: string): Promise<number> {
  if (action === 'list')
    return withToolStore(ctx, async (store) => {
      ctx.io.stdout.write(`${JSON.stringify(await listDockerLogins(store))}\n`);
      return 0;
    });
  if (action !== 'get' && action !== 'store' && action !== 'erase')
    throw badRequest('Usage: docker-credential-latch <store|get|erase|list>');
  const input = await readAllStdin(ctx.io, MAX_INPUT, 'Docker sends a few hundred bytes.');
  // The request is checked before the vault is opened: a malformed one fails the same, locked or not.
  if (action === 'store') {
    const request = parseStore(input);
    return withToolStore(ctx, async (store) => {
      await saveDockerLogin(store, request);
      return 0;
    });
  }
  const registry = parseDockerRegistry(input);
  return withToolStore(ctx, async (store) => {
    if (action === 'erase') {
      await eraseDockerLogin(store, registry);
      return 0;
    }
    const found = await findDockerLogin(store, registry);
    if (!found) {
      ctx.io.stdout.write(`${NOT_FOUND}\n`);
      return 1;
    }
    const c = found.credential.fields;
    ctx.io.stdout.write(`${JSON.stringify({ ServerURL: input.trim(), Username: c.username, Secret: c.password })}\n`);
    return 0;
  });
}

export const dockerCredentialCommand: CliCommand = {
  name: 'docker-credential',
  usage: 'docker-credential-latch get|store|erase|list (the docker-credential-helpers protocol on stdin/stdout)',
  // No action is the helpers' usage on stdout with exit 1 (credentials.Serve), not the parser's "Missing argument.".
  positionals: { min: 0, max: 1 },
  async run(ctx) {
    try {
      return await serve(ctx, ctx.positionals[0] ?? '');
    } catch (e) {
      // Docker shows the helper's stdout, not its stderr, when it exits 1 (credentials.Serve writes the
      // error there), so "run latch unlock …" has to be on stdout to reach the user. No message holds a secret.
      ctx.io.stdout.write(`${cliFailure(e).message}\n`);
      return 1;
    }
  },
};
