import { decideHost, flagConsent } from '../../app/secrets/host-decision';
import type { Located, ServiceStore } from '../../core/credentials/service-store';
import {
  isKubeApiVersion,
  type KubeApiVersion,
  type KubeExecInfo,
  parseKubeExecInfo,
  unsupportedApiVersion,
} from '../../core/integrations/kube-exec-info';
import { decodeJwt } from '../../core/jwt';
import type { TokenSet } from '../../core/model/credential';
import { LatchError } from '../../core/model/errors';
import { needsRefresh } from '../../core/oauth/refresh-rule';
import { systemClock } from '../../core/platform';
import { boundHosts } from '../../core/security/host-binding';
import type { OpenVault } from '../../core/vault/open-vault';
import { allowedHosts, allowHostOption } from '../allow-host';
import { freshTokens } from '../fresh-token';
import type { CliCommand } from '../registry';
import { withToolStore } from '../with-store';

/**
 * The apiVersion to answer in: --api-version wins, then what kubectl asked for in KUBERNETES_EXEC_INFO (both v1
 * and v1beta1 send it); v1beta1 when neither says.
 */
function apiVersion(option: unknown, info: KubeExecInfo | null): KubeApiVersion {
  if (option === undefined) return info?.apiVersion ?? 'client.authentication.k8s.io/v1beta1';
  if (!isKubeApiVersion(option)) throw unsupportedApiVersion(option);
  return option;
}

/** RFC 3339 in whole seconds, as Kubernetes writes its timestamps. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The ID token's own lifetime, from its iat and exp claims. Read without checking the signature, and used for
 * nothing but timing: the token was verified (signature, issuer, audience, nonce) when the sign-in obtained it,
 * and the API server verifies it again on every call. The access token's expiry is the wrong clock for it: a
 * provider sets the two lifetimes apart (an hour's ID token with a day's access token is common), and kubectl
 * trusts the expirationTimestamp it is given, so it would keep sending an expired ID token.
 */
function idTokenTimes(idToken: string): Pick<TokenSet, 'expiresAt' | 'obtainedAt'> {
  let claims: { expiresAt: number | null; issuedAt: number | null };
  try {
    claims = decodeJwt(idToken);
  } catch {
    throw new LatchError(
      'ERR_OAUTH',
      'The ID token this credential holds is not a JWT. Sign in again with "latch oauth login".',
    );
  }
  if (claims.expiresAt === null) return { obtainedAt: claims.issuedAt ?? 0 };
  return { expiresAt: claims.expiresAt, obtainedAt: claims.issuedAt ?? claims.expiresAt };
}

/**
 * The ID token and its expiry. An ID token due by the refresh rule (the one the access token follows) is renewed
 * with the refresh token, which an OpenID provider answers with a new ID token; one that is still due afterwards
 * (the provider sent none, or no refresh token is kept) is refused rather than handed to kubectl expired.
 */
async function idTokenCredential(
  store: ServiceStore,
  vault: OpenVault,
  located: Located,
): Promise<{ token: string; expiresAt?: number }> {
  const noIdToken = (why: string) =>
    new LatchError(
      'ERR_OAUTH_LOGIN_REQUIRED',
      `"${located.credential.name}" ${why}: sign in with "latch oauth login".`,
    );
  let { tokens } = await freshTokens(store, vault, located);
  if (!tokens.idToken) throw noIdToken('holds no ID token');
  if (needsRefresh(idTokenTimes(tokens.idToken), systemClock.now()) && tokens.refreshToken !== undefined)
    ({ tokens } = await freshTokens(store, vault, located, { force: true }));
  const token = tokens.idToken;
  if (!token) throw noIdToken('holds no ID token');
  const times = idTokenTimes(token);
  if (times.expiresAt !== undefined && times.expiresAt <= systemClock.now())
    throw noIdToken('holds an expired ID token that could not be renewed');
  return { token, ...(times.expiresAt === undefined ? {} : { expiresAt: times.expiresAt }) };
}

async function accessTokenCredential(
  store: ServiceStore,
  vault: OpenVault,
  located: Located,
): Promise<{ token: string; expiresAt?: number }> {
  const { tokens } = await freshTokens(store, vault, located);
  return { token: tokens.accessToken, ...(tokens.expiresAt === undefined ? {} : { expiresAt: tokens.expiresAt }) };
}

/** Where --allow-host goes when kubectl runs the command: the user's args in the kubeconfig, or the credential. */
const kubeRemedy = (ref: string) => (host: string) =>
  `If this cluster is yours, add "--allow-host", "${host}" to this user's exec args in the kubeconfig, or bind the host to the credential: latch hosts ${ref} --add ${host}`;

/**
 * No cluster named: kubectl sets KUBERNETES_EXEC_INFO on every run (1.20 and later, v1beta1 and v1), but names
 * the server only for a kubeconfig user with provideClusterInfo: true. Without it the token would go to whatever
 * server the context pairs this user with, so it is refused; --any-cluster is the user's plain word that it may.
 */
function noClusterNamed(located: Located, ref: string, info: KubeExecInfo | null): LatchError {
  const name = located.credential.name;
  const bound = boundHosts({ baseUrl: located.service.baseUrl, hosts: located.credential.hosts });
  const why =
    info === null
      ? 'KUBERNETES_EXEC_INFO is not set (kubectl always sets it), so no cluster is named'
      : 'kubectl did not say which cluster the token is for (this kubeconfig user has no "provideClusterInfo: true")';
  const where = bound.length > 0 ? `it is bound to ${bound.join(', ')}` : 'its service has no base URL';
  const bind = bound.length > 0 ? '' : ` and bind the cluster's host to it (latch hosts ${ref} --add HOST)`;
  return new LatchError(
    'ERR_HOST_NOT_ALLOWED',
    `Nothing was printed: ${why}, and "${name}" may only go to its own hosts (${where}). Add "provideClusterInfo: true" to this user's exec entry in the kubeconfig${bind}, so latch can check the cluster; or, to hand the token to any cluster unchecked, add "--any-cluster" to its exec args.`,
    { detail: { reason: 'no-cluster-info', bound: bound.join(', ') } },
  );
}

/**
 * The right server, with TLS verification off: anyone between kubectl and it can answer in its name and read the
 * token. Checked like the host (the cluster entry may come from another kubeconfig merged in); --any-cluster,
 * the user's word to hand the token over unchecked, skips it too.
 */
function insecureCluster(server: URL): LatchError {
  return new LatchError(
    'ERR_HOST_NOT_ALLOWED',
    `Nothing was printed: the kubeconfig's cluster for ${server.host} has "insecure-skip-tls-verify: true", so anyone on the network path could pose as it and read the token. Give the cluster its certificate-authority (or certificate-authority-data) instead; for a throwaway test cluster, add "--any-cluster" to the exec args.`,
    { detail: { reason: 'insecure-tls', host: server.host } },
  );
}

/**
 * kubectl names the cluster only when the kubeconfig user has provideClusterInfo: true. Then the token goes only
 * to one of the credential's hosts (the decision `latch request` takes): a kubeconfig someone handed over,
 * pointing this user at their own server, does not get it. Without a name nothing can be checked, so nothing is
 * given, unless --any-cluster. Checked before any refresh.
 */
function checkCluster(located: Located, ref: string, info: KubeExecInfo | null, allow: string[], any: boolean): void {
  if (any) return;
  if (!info?.server) throw noClusterNamed(located, ref, info);
  decideHost(located, info.server.href, flagConsent(allow, kubeRemedy(ref)));
  if (info.insecureTls) throw insecureCluster(info.server);
}

/** kubectl's exec credential plugin (client-go "client-go credential plugins"): an ExecCredential on stdout. */
export const kubeCredentialCommand: CliCommand = {
  name: 'kube-credential',
  usage:
    'latch kube-credential REF [--id-token] [--allow-host HOST]... [--any-cluster] [--api-version client.authentication.k8s.io/v1|v1beta1]',
  options: {
    'allow-host': allowHostOption,
    'any-cluster': {
      type: 'boolean',
      help: 'give the token to whatever cluster kubectl talks to, unchecked (without provideClusterInfo: true it names none)',
    },
    'id-token': { type: 'boolean', help: 'OIDC: hand kubectl the ID token instead of the access token' },
    'api-version': { type: 'string', help: 'ExecCredential apiVersion (default: what kubectl asks for)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const info = parseKubeExecInfo(ctx.io.env.KUBERNETES_EXEC_INFO);
    const version = apiVersion(ctx.values['api-version'], info);
    const allow = allowedHosts(ctx.values['allow-host']);
    const ref = ctx.positionals[0]!;
    const status = await withToolStore(ctx, async (store, vault) => {
      const located = await store.resolve(ref);
      checkCluster(located, ref, info, allow, ctx.values['any-cluster'] === true);
      const c = located.credential;
      if (c.kind === 'bearer') return { token: c.fields.token };
      if (c.kind !== 'oauth2')
        throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential; kubectl needs oauth2 or bearer.`);
      const { token, expiresAt } = ctx.values['id-token']
        ? await idTokenCredential(store, vault, located)
        : await accessTokenCredential(store, vault, located);
      return { token, ...(expiresAt === undefined ? {} : { expirationTimestamp: rfc3339(expiresAt) }) };
    });
    ctx.io.stdout.write(`${JSON.stringify({ apiVersion: version, kind: 'ExecCredential', status })}\n`);
    return 0;
  },
};
