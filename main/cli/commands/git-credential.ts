import { decideHost, flagConsent } from '../../app/secrets/host-decision';
import { freeCredentialName } from '../../core/credentials/free-credential-name';
import { heldSecrets } from '../../core/credentials/held-secrets';
import type { ServiceStore } from '../../core/credentials/service-store';
import {
  formatGitCredential,
  type GitCredentialRequest,
  MAX_GIT_INPUT,
  parseExpiryUtc,
  parseGitCredential,
} from '../../core/integrations/git-credential-protocol';
import { matchService } from '../../core/integrations/service-match';
import type { Credential, CredentialOf } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { sameSecret } from '../../core/security/same-secret';
import type { OpenVault } from '../../core/vault/open-vault';
import { allowedHosts, allowHostOption } from '../allow-host';
import { freshTokens } from '../fresh-token';
import { usageError } from '../parse-args';
import { readAllStdin } from '../read-stdin';
import type { CliCommand, CliContext } from '../registry';
import { withToolStore } from '../with-store';

/** Kinds that can answer git: a user name and a password, or a token git sends as the password. */
const GIT_KINDS = new Set<Credential['kind']>(['basic', 'oauth2', 'bearer']);

const usernameOf = (c: Credential): string | undefined => (c.kind === 'basic' ? c.fields.username : undefined);

/** The service for git's request and its credential: --ref names it, else the host (and path) and user name. */
async function locate(store: ServiceStore, req: GitCredentialRequest, ref: string | undefined) {
  if (ref) return store.resolve(ref);
  if (!req.host) return undefined;
  const service = matchService(store.summaries(), { protocol: req.protocol, host: req.host, path: req.path });
  if (!service) return undefined;
  const body = await store.body(service.id);
  const usable = body.credentials.filter((c) => GIT_KINDS.has(c.kind));
  const credential =
    (req.username !== undefined && usable.find((c) => usernameOf(c) === req.username)) ||
    usable.find((c) => req.username === undefined || c.kind !== 'basic');
  return credential ? { service: body, serviceId: service.id, credential, field: '' } : undefined;
}

function noHostToCheck(name: string, req: GitCredentialRequest): LatchError {
  const asked = req.protocol ? `protocol=${req.protocol} and no host` : 'no protocol';
  return new LatchError(
    'ERR_HOST_NOT_ALLOWED',
    `Nothing was answered: git asked for a credential with ${asked} (a certificate's passphrase, a file:// URL), so there is no host to check against the hosts "${name}" may go to. --ref answers only requests for one of its hosts: name this helper for that remote only (git config credential.https://HOST.helper …).`,
    { detail: { reason: 'no-host' } },
  );
}

const unixSeconds = (ms: number) => String(Math.floor(ms / 1000));

async function answerGet(
  ctx: CliContext,
  store: ServiceStore,
  vault: OpenVault,
  req: GitCredentialRequest,
): Promise<string> {
  const ref = typeof ctx.values.ref === 'string' ? ctx.values.ref : undefined;
  const located = await locate(store, req, ref);
  // Nothing to say is an empty answer: git then asks the next helper, or the user.
  if (!located) return '';
  // --ref names the credential outright, so no host match chose it: git asks for whatever URL it is
  // fetching (a submodule, a redirect, a remote a hostile repository names), and the credential must
  // not go to a host it is not bound to. The same decision as `latch request`, with its --allow-host.
  // A request that names no host (protocol=cert for a certificate's passphrase, a file:// URL) or no
  // protocol cannot be checked, so it gets nothing, as it gets nothing without --ref.
  if (ref) {
    if (!req.host || !req.protocol) throw noHostToCheck(located.credential.name, req);
    const url = `${req.protocol}://${req.host}/${req.path ?? ''}`;
    decideHost(located, url, flagConsent(allowedHosts(ctx.values['allow-host'])));
  }
  const c = located.credential;
  // password_expiry_utc and oauth_refresh_token go back as git stored them (git-credential(1): a storage helper
  // returns what it kept); git ignores a password past its expiry. A refresh token goes back only to git's own
  // store: git hands it on to every other helper it stores with, plain-text `store` included.
  if (c.kind === 'basic')
    return formatGitCredential({
      username: c.fields.username,
      password: c.fields.password,
      password_expiry_utc: c.expiresAt ? unixSeconds(c.expiresAt) : undefined,
      oauth_refresh_token: c.savedBy?.tool === 'git' ? c.fields.oauthRefreshToken : undefined,
    });
  if (c.kind === 'bearer')
    return formatGitCredential({ username: req.username ?? 'x-access-token', password: c.fields.token });
  if (c.kind === 'oauth2') {
    // Latch renews this client's tokens itself: git gets the access token only, never the refresh token it
    // would pass on to its other helpers (a long-lived secret in plain text, for an access token Latch renews).
    const { tokens } = await freshTokens(store, vault, located);
    return formatGitCredential({
      username: req.username ?? 'oauth2',
      password: tokens.accessToken,
      password_expiry_utc: tokens.expiresAt === undefined ? undefined : unixSeconds(tokens.expiresAt),
    });
  }
  throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential; git needs basic, bearer or oauth2.`);
}

const savedByGit = (c: Credential): c is CredentialOf<'basic'> => c.kind === 'basic' && c.savedBy?.tool === 'git';

/** The services git's request names: --ref's, and the one its host (and path) matches. */
async function servicesFor(store: ServiceStore, req: GitCredentialRequest, ref: string | undefined) {
  const ids = new Set<string>();
  if (ref) {
    const located = await store.resolve(ref).catch(() => undefined);
    if (located) ids.add(located.serviceId);
  }
  const match = req.host
    ? matchService(store.summaries(), { protocol: req.protocol, host: req.host, path: req.path })
    : undefined;
  if (match) ids.add(match.id);
  return Promise.all([...ids].map((id) => store.body(id)));
}

/**
 * `store`: git got a working user name and password from someone else; keep them (only with --allow-store), with
 * the password's expiry and the OAuth refresh token that came with it when git sends them. Only a credential git
 * stored is changed: one the user made for that user name is theirs (they change it with `latch rotate`, which
 * keeps the old value through its grace period), and a second copy beside it would only hide it.
 */
async function store(store: ServiceStore, req: GitCredentialRequest, ref: string | undefined): Promise<void> {
  const { protocol, host, username, password } = req;
  const oauthRefreshToken = req.oauth_refresh_token || undefined;
  if (!protocol || !host || !username || !password) return;
  // git stores what worked with every helper, the one that answered included, and a password another helper or
  // the user gave may be one Latch keeps too: any secret the service holds already (a token, an OAuth access or
  // refresh token, --ref's credential, another credential's value) is kept, and a copy of it saved as git's
  // would outlive the next rotation or renewal and hide them behind its user name. git's own copy for this user
  // name is the one store updates, below.
  const gitsOwn = (c: Credential) => savedByGit(c) && c.fields.username === username;
  const held = (await servicesFor(store, req, ref).catch(() => [])).some((service) =>
    service.credentials.some((c) => !gitsOwn(c) && heldSecrets(c).some((secret) => sameSecret(secret, password))),
  );
  if (held) return;
  const expiresAt = parseExpiryUtc(req.password_expiry_utc);
  const fields = { username, password, ...(oauthRefreshToken ? { oauthRefreshToken } : {}) };
  await store.inOneSave(async () => {
    const match = matchService(store.summaries(), { protocol, host, path: req.path });
    const serviceId =
      match?.id ??
      (await store.createService({ name: host, baseUrl: `${protocol}://${host}${req.path ? `/${req.path}` : ''}` }));
    const body = await store.body(serviceId);
    const same = body.credentials.filter((c) => c.kind === 'basic' && c.fields.username === username);
    const existing = same.find(savedByGit);
    if (!existing) {
      if (same.length > 0) return;
      const name = freeCredentialName(body.credentials, username);
      await store.addCredential(serviceId, { kind: 'basic', name, fields, expiresAt, savedBy: { tool: 'git' } });
    } else if (
      !sameSecret(existing.fields.password, password) ||
      !sameSecret(existing.fields.oauthRefreshToken, oauthRefreshToken) ||
      existing.expiresAt !== expiresAt
    ) {
      await store.updateCredential(serviceId, existing.id, { fields, expiresAt });
    }
  });
}

/**
 * `erase`: git was refused with these; forget them, but only a pair git stored, with exactly that user name (and
 * password, when git sends it). git erases after any 401, a passing one or a server not yet rotated during a
 * grace period included: a credential the user made is never erased for it.
 */
async function erase(store: ServiceStore, req: GitCredentialRequest): Promise<void> {
  if (!req.host || !req.username) return;
  const match = matchService(store.summaries(), { protocol: req.protocol, host: req.host, path: req.path });
  if (!match) return;
  const body = await store.body(match.id);
  const c = body.credentials
    .filter(savedByGit)
    .find(
      (x) =>
        x.fields.username === req.username &&
        (req.password === undefined || sameSecret(x.fields.password, req.password)),
    );
  if (c) await store.deleteCredential(match.id, c.id);
}

export const gitCredentialCommand: CliCommand = {
  name: 'git-credential',
  usage: 'latch git-credential [--ref REF [--allow-host HOST]...] [--allow-store] get|store|erase',
  options: {
    ref: {
      type: 'string',
      help: 'answer with this credential (latch://SERVICE/CREDENTIAL) instead of matching the host',
    },
    'allow-host': allowHostOption,
    'allow-store': {
      type: 'boolean',
      help: 'let "store" save what git got from you (and "erase" delete it); off: both do nothing',
    },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const action = ctx.positionals[0];
    if (action !== 'get' && action !== 'store' && action !== 'erase')
      throw usageError('git calls "latch git-credential get", "store" or "erase".');
    const input = await readAllStdin(ctx.io, MAX_GIT_INPUT, 'git sends a few short lines.');
    const req = parseGitCredential(input);
    if (action !== 'get' && ctx.values['allow-store'] !== true) return 0;
    return withToolStore(ctx, async (s, vault) => {
      if (action === 'get') ctx.io.stdout.write(await answerGet(ctx, s, vault, req));
      else if (action === 'store') await store(s, req, typeof ctx.values.ref === 'string' ? ctx.values.ref : undefined);
      else await erase(s, req);
      return 0;
    });
  },
};
