/**
 * kubectl's exec credential plugin against oidc-provider (a real OpenID provider: the sign-in gives an access
 * token, an ID token and a refresh token, each with its own lifetime) and an API-server stand-in that checks the
 * bearer token, with the kubectl on PATH: Debian's kubernetes-client (1.20, which knows only the v1beta1
 * exec API) or a newer one (v1 and v1beta1). The v1 cases run only with a kubectl that speaks it; every other
 * case uses v1beta1, so both builds test the cluster check, renewal, --id-token and --allow-host.
 *
 * What kubectl tells the plugin, seen with a plugin that prints its environment: 1.20 and 1.32 both set
 * KUBERNETES_EXEC_INFO on every run, for v1beta1 too. A user without provideClusterInfo gets `"spec":{}` from
 * 1.20 and `"spec":{"interactive":false}` from 1.32: no cluster either way. With it, both add
 * `spec.cluster.server` (with insecure-skip-tls-verify and config: null beside it). kubectl passes the plugin's
 * stderr on to its own, so a refusal reads the same through either.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { decodeJwt } from '../../../main/core/jwt';
import { OAuth2Fields, type TokenSet } from '../../../main/core/model/credential';
import { authorize } from '../../../main/core/oauth';
import { systemClock } from '../../../main/core/platform';
import { openVault } from '../../../main/core/vault/open';
import {
  completeDevInteractions,
  nativeClient,
  type OidcProviderPeer,
  startOidcProvider,
} from '../../peers/oidc-provider';
import { type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { plant, plantValue } from './no-secret-on-disk';
import { type ToolEnv, toolEnv } from './tool-env';

const REF = 'latch://Cluster/oidc';
/** A bearer token in a service with no base URL: a credential bound to no host. */
const LOOSE_REF = 'latch://Loose/token';
const LOOSE_TOKEN = plant('loose-bearer');
/**
 * kubectl's -v=6 log of the call. kubectl logs nothing of a plugin that succeeded (1.28 not even at -v=10), so
 * what shows the plugin ran is its request answered 200 by a stand-in that answers 401 to any token the provider
 * did not issue; the failing plugin below shows kubectl's own line for a plugin run.
 */
const EXEC_PLUGIN_LOG = /round_trippers\.go:\d+\] GET https:\/\/127\.0\.0\.1:\d+\/version 200 OK/;
/** Lifetimes set apart, so an expiry taken from the wrong token shows. */
const ACCESS_TTL = 3600;
const ID_TTL = 900;
let t: ToolEnv;
let idp: OidcProviderPeer;
let api: ScriptedServer;
let kubeconfig: string;
let signedIn: TokenSet;
/** The stand-in under another name (localhost:PORT): a cluster server the credential is not bound to. */
let elsewhere: string;
/** The bearer tokens the stand-in accepts: the ones the provider issued for this sign-in. */
const issued = new Set<string>();
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface ExecCredential {
  apiVersion: string;
  kind: string;
  status: { token: string; expirationTimestamp?: string };
}

function kubectl(args: string[]) {
  return t.program(['kubectl', '--kubeconfig', kubeconfig, ...args], { env: { HOME: t.dir } });
}

/**
 * The kubectl on PATH (`kubectl version --client`) speaks client.authentication.k8s.io/v1 from 1.22 on;
 * Debian 11's kubernetes-client is 1.20 and refuses a kubeconfig asking for it ("invalid apiVersion").
 */
const KUBECTL_MINOR = (() => {
  const out = execFileSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  const { major, minor } = (JSON.parse(out) as { clientVersion: { major: string; minor: string } }).clientVersion;
  return Number.parseInt(major, 10) > 1 ? Number.POSITIVE_INFINITY : Number.parseInt(minor, 10);
})();
const V1_SKIP = KUBECTL_MINOR < 22;
const v1Case = (title: string) =>
  V1_SKIP ? `${title} (skipped: kubectl 1.${KUBECTL_MINOR} has no client.authentication.k8s.io/v1; 1.22+ does)` : title;

beforeAll(async () => {
  t = await toolEnv('kube');
  idp = await startOidcProvider({
    clients: [nativeClient('kubectl')],
    ttl: { AccessToken: ACCESS_TTL, IdToken: ID_TTL },
  });
  // An API-server stand-in: /version for the right bearer token, 401 otherwise.
  // TLS, as kubectl only runs exec plugins for a TLS connection; a throwaway self-signed certificate.
  const keyFile = join(t.dir, 'api.key');
  const certFile = join(t.dir, 'api.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      // localhost too: the same stand-in under a host the credential is not bound to (the cluster check below).
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  api = await startScriptedServer({ key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') });
  const ca = readFileSync(certFile).toString('base64');
  api.fallback = (req, res) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined || !issued.has(bearer)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"major":"1","minor":"28","gitVersion":"v1.28.0-latch-standin"}');
  };
  // A real sign-in (authorization code with PKCE, the dev login walked over HTTP), saved into the vault as
  // `latch oauth login` saves it.
  const config = OAuth2Fields.parse({ issuer: idp.issuer, clientId: 'kubectl', scopes: 'openid offline_access' });
  signedIn = await authorize(config, {
    opener: {
      open: async (url) => {
        void completeDevInteractions(url).then((cb) => fetch(cb));
      },
    },
  });
  for (const token of [signedIn.accessToken, signedIn.idToken ?? '']) issued.add(token);
  for (const secret of [signedIn.accessToken, signedIn.idToken, signedIn.refreshToken]) if (secret) plantValue(secret);
  const vault = await openVault({ path: t.vault, password: t.password });
  const store = new ServiceStore(vault, systemClock);
  // The service's base URL is the API server's: the credential's host for the cluster check.
  const serviceId = await store.createService({ name: 'Cluster', baseUrl: api.url });
  const credentialId = await store.addCredential(serviceId, { kind: 'oauth2', name: 'oidc', fields: config });
  await store.setTokens(serviceId, credentialId, signedIn);
  const loose = await store.createService({ name: 'Loose' });
  await store.addCredential(loose, { kind: 'bearer', name: 'token', fields: { token: LOOSE_TOKEN } });
  vault.lock();
  await t.unlock();
  kubeconfig = join(t.dir, 'kubeconfig');
  elsewhere = `localhost:${api.port}`;
  // provideClusterInfo: true unless `clusterInfo: false`, as docs/cli.md says to write it.
  const user = (
    apiVersion: string,
    o: { idToken?: boolean; clusterInfo?: boolean; allow?: string; anyCluster?: boolean } = {},
  ) =>
    `  user:\n    exec:\n      apiVersion: ${apiVersion}\n      command: latch\n` +
    `      args: [kube-credential, "${REF}"${o.idToken ? ', --id-token' : ''}${o.allow ? `, --allow-host, "${o.allow}"` : ''}${o.anyCluster ? ', --any-cluster' : ''}]\n` +
    `      interactiveMode: Never\n${o.clusterInfo === false ? '' : '      provideClusterInfo: true\n'}`;
  const cluster = (name: string, server: string) =>
    `- name: ${name}\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${ca}\n`;
  const context = (name: string, clusterName: string, userName = name) =>
    `- name: ${name}\n  context: {cluster: ${clusterName}, user: ${userName}}\n`;
  const V1 = 'client.authentication.k8s.io/v1';
  const V1BETA1 = 'client.authentication.k8s.io/v1beta1';
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n${cluster('standin', api.url)}${cluster('elsewhere', `https://${elsewhere}`)}` +
      `contexts:\n${context('v1', 'standin')}${context('v1beta1', 'standin')}${context('oidc', 'standin')}${context('broken', 'standin')}` +
      `${context('checked', 'standin')}${context('v1beta1-elsewhere', 'elsewhere', 'checked')}` +
      `${context('v1-elsewhere', 'elsewhere', 'checked-v1')}${context('allowed-elsewhere', 'elsewhere', 'allowed')}` +
      `${context('unchecked', 'standin')}${context('unchecked-v1', 'standin')}${context('any-cluster', 'elsewhere')}` +
      `current-context: v1beta1\nusers:\n- name: v1\n${user(V1)}- name: v1beta1\n${user(V1BETA1)}` +
      `- name: oidc\n${user(V1BETA1, { idToken: true })}` +
      `- name: broken\n${user(V1BETA1).replace(REF, 'latch://Cluster/no-such-credential')}` +
      `- name: checked\n${user(V1BETA1, { clusterInfo: true })}` +
      `- name: checked-v1\n${user(V1, { clusterInfo: true })}` +
      `- name: allowed\n${user(V1BETA1, { clusterInfo: true, allow: elsewhere })}` +
      `- name: unchecked\n${user(V1BETA1, { clusterInfo: false })}` +
      `- name: unchecked-v1\n${user(V1, { clusterInfo: false })}` +
      `- name: any-cluster\n${user(V1BETA1, { clusterInfo: false, anyCluster: true })}`,
  );
});

afterAll(async () => {
  await api?.close();
  await idp?.stop();
  await t?.close();
});

/** KUBERNETES_EXEC_INFO as kubectl sends it; naming `server` as it does with provideClusterInfo: true. */
const execInfo = (server: string | null, cluster: Record<string, unknown> = {}) =>
  JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { ...(server === null ? {} : { cluster: { server, ...cluster } }), interactive: false },
  });

/** The plugin run as kubectl runs it for the stand-in's cluster (provideClusterInfo: true); null: no cluster named. */
function plugin(args: string[], server: string | null = api.url) {
  return t.program(['latch', 'kube-credential', ...args], { env: { KUBERNETES_EXEC_INFO: execInfo(server) } });
}

async function credential(args: string[]): Promise<ExecCredential> {
  const r = await plugin([REF, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ExecCredential;
}

describe('latch kube-credential: the token and its own expiry', () => {
  it('access-token mode: the access token, expiring when the provider said (expires_in)', async () => {
    const c = await credential([]);
    expect(c.status.token).toBe(signedIn.accessToken);
    expect(c.status.expirationTimestamp).toBe(rfc3339(signedIn.expiresAt!));
  });

  it("--id-token: the ID token, expiring at its own exp claim, not at the access token's expiry", async () => {
    const c = await credential(['--id-token']);
    expect(c.status.token).toBe(signedIn.idToken);
    const exp = decodeJwt(signedIn.idToken!).expiresAt!;
    expect(c.status.expirationTimestamp).toBe(rfc3339(exp));
    // The two lifetimes differ by 45 minutes: the assertion above could not pass with the access token's expiry.
    expect(Math.abs(signedIn.expiresAt! - exp)).toBeGreaterThan((ACCESS_TTL - ID_TTL - 60) * 1000);
  });
});

describe('latch kube-credential with kubectl against an API-server stand-in checking the bearer token', () => {
  for (const context of ['v1', 'v1beta1']) {
    const title = `client.authentication.k8s.io/${context}: kubectl gets through with the fresh token`;
    it.skipIf(context === 'v1' && V1_SKIP)(context === 'v1' ? v1Case(title) : title, async () => {
      const r = await kubectl(['--context', context, 'get', '--raw', '/version', '-v=6']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('v1.28.0-latch-standin');
      expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${signedIn.accessToken}`);
      // kubectl's own log: it ran the plugin (its exec authenticator) and sent what the plugin gave.
      expect(r.stderr).toMatch(EXEC_PLUGIN_LOG);
    });
  }

  it('--id-token in the kubeconfig: kubectl sends the ID token, and its log shows the plugin ran', async () => {
    const r = await kubectl(['--context', 'oidc', 'get', '--raw', '/version', '-v=6']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('v1.28.0-latch-standin');
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${signedIn.idToken}`);
    expect(r.stderr).toMatch(EXEC_PLUGIN_LOG);
  });

  it("a plugin run that fails shows in kubectl's -v=6 log, and no request goes out without its token", async () => {
    const before = api.seen.length;
    const r = await kubectl(['--context', 'broken', 'get', '--raw', '/version', '-v=6']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/getting credentials: exec: executable latch failed with exit code 1/);
    expect(api.seen).toHaveLength(before);
  });
});

describe("provideClusterInfo: the cluster's server must be one of the credential's hosts", () => {
  const get = (context: string) => kubectl(['--context', context, 'get', '--raw', '/version']);

  it('a kubeconfig cluster at the service base URL host gets the token', async () => {
    const r = await get('checked');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('v1.28.0-latch-standin');
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${signedIn.accessToken}`);
  });

  for (const context of ['v1beta1-elsewhere', 'v1-elsewhere']) {
    const title = `${context}: a cluster at another host is refused, naming the host and --allow-host; the server never sees a request`;
    it.skipIf(context === 'v1-elsewhere' && V1_SKIP)(context === 'v1-elsewhere' ? v1Case(title) : title, async () => {
      const before = api.seen.length;
      const r = await get(context);
      expect(r.code).not.toBe(0);
      // kubectl passes the plugin's stderr on: the refusal names the host and the two ways to allow it.
      expect(r.stderr).toContain(`Nothing was sent: this would send "oidc" to https://${elsewhere}`);
      expect(r.stderr).toContain(`"--allow-host", "${elsewhere}"`);
      expect(r.stderr).toContain(`latch hosts ${REF} --add ${elsewhere}`);
      expect(api.seen).toHaveLength(before);
      for (const token of [signedIn.accessToken, signedIn.idToken!]) expect(r.stdout + r.stderr).not.toContain(token);
    });
  }

  it('the plugin itself prints no token for that cluster (exit 2), and does with --allow-host', async () => {
    const refused = await plugin([REF], `https://${elsewhere}`);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const allowed = await plugin([REF, '--allow-host', elsewhere], `https://${elsewhere}`);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect((JSON.parse(allowed.stdout) as ExecCredential).status.token).toBe(signedIn.accessToken);
  });

  it("the credential's own cluster with TLS verification off: no token (anyone on the path could read it), unless --any-cluster", async () => {
    const insecure = { KUBERNETES_EXEC_INFO: execInfo(api.url, { 'insecure-skip-tls-verify': true }) };
    const refused = await t.program(['latch', 'kube-credential', REF], { env: insecure });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/insecure-skip-tls-verify: true/);
    expect(refused.stderr).toMatch(/certificate-authority/);
    const anyCluster = await t.program(['latch', 'kube-credential', REF, '--any-cluster'], { env: insecure });
    expect(anyCluster.code, anyCluster.stderr).toBe(0);
  });

  it('--allow-host HOST in the exec args lets kubectl send it there', async () => {
    const r = await get('allowed-elsewhere');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('v1.28.0-latch-standin');
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${signedIn.accessToken}`);
    expect(api.seen.at(-1)?.headers.host).toBe(elsewhere);
  });

  it('a garbled KUBERNETES_EXEC_INFO does not switch the check off: refused, no token printed', async () => {
    const r = await t.program(['latch', 'kube-credential', REF], { env: { KUBERNETES_EXEC_INFO: '{"apiVersion":' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/KUBERNETES_EXEC_INFO is not JSON/);
  });
});

describe('no provideClusterInfo: kubectl names no cluster, so no token is given unless --any-cluster', () => {
  for (const context of ['unchecked', 'unchecked-v1']) {
    const title = `${context}: refused before any request, saying to add provideClusterInfo: true or --any-cluster`;
    it.skipIf(context === 'unchecked-v1' && V1_SKIP)(context === 'unchecked-v1' ? v1Case(title) : title, async () => {
      const before = api.seen.length;
      // The stand-in is the credential's own host: it is the missing name that is refused, not the cluster.
      const r = await kubectl(['--context', context, 'get', '--raw', '/version']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('kubectl did not say which cluster the token is for');
      expect(r.stderr).toContain('"provideClusterInfo: true"');
      expect(r.stderr).toContain('"--any-cluster"');
      expect(api.seen).toHaveLength(before);
      for (const token of [signedIn.accessToken, signedIn.idToken!]) expect(r.stdout + r.stderr).not.toContain(token);
    });
  }

  it('--any-cluster in the exec args: kubectl gets through to a cluster the credential is not bound to', async () => {
    const r = await kubectl(['--context', 'any-cluster', 'get', '--raw', '/version']);
    expect(r.code, r.stderr).toBe(0);
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${signedIn.accessToken}`);
    expect(api.seen.at(-1)?.headers.host).toBe(elsewhere);
  });

  it('the plugin: no cluster in KUBERNETES_EXEC_INFO, or no variable at all, is exit 2 with nothing printed', async () => {
    for (const r of [await plugin([REF], null), await t.latch(['kube-credential', REF])]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('"provideClusterInfo: true"');
    }
    const any = await t.latch(['kube-credential', REF, '--any-cluster']);
    expect(any.code, any.stderr).toBe(0);
    expect((JSON.parse(any.stdout) as ExecCredential).status.token).toBe(signedIn.accessToken);
  });

  it('a credential bound to no host is refused with no cluster named too, and told to bind one', async () => {
    const r = await plugin([LOOSE_REF], null);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`latch hosts ${LOOSE_REF} --add HOST`);
    // Named, the cluster is not one of its hosts (it has none): the check as for any other credential.
    expect((await plugin([LOOSE_REF])).code).toBe(2);
    const any = await plugin([LOOSE_REF, '--any-cluster'], null);
    expect(any.code, any.stderr).toBe(0);
    expect((JSON.parse(any.stdout) as ExecCredential).status.token).toBe(LOOSE_TOKEN);
  });
});

describe('latch kube-credential --id-token with an ID token that is due', () => {
  it('renews it with the refresh token before handing it out; the new one carries its own expiry', async () => {
    // The vault's ID token replaced by one that expired a minute ago (unsigned by the provider: the command reads
    // its exp only, never trusts it otherwise), the refresh token kept: the command must renew, not hand it out.
    const now = Math.floor(Date.now() / 1000);
    const stale = await new SignJWT({ sub: 'alice' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now - ID_TTL - 60)
      .setExpirationTime(now - 60)
      .sign(new TextEncoder().encode('not the provider key, at least 32 bytes long'));
    await t.latch(['lock']);
    const vault = await openVault({ path: t.vault, password: t.password });
    const store = new ServiceStore(vault, systemClock);
    const located = await store.resolve(REF);
    await store.setTokens(located.serviceId, located.credential.id, { ...signedIn, idToken: stale });
    vault.lock();
    await t.unlock();

    const c = await credential(['--id-token']);
    expect(c.status.token).not.toBe(stale);
    expect(c.status.token).not.toBe(signedIn.idToken);
    const fresh = decodeJwt(c.status.token);
    expect(fresh.claims.iss).toBe(idp.issuer);
    expect(fresh.expiresAt! - Date.now()).toBeGreaterThan((ID_TTL - 60) * 1000);
    expect(c.status.expirationTimestamp).toBe(rfc3339(fresh.expiresAt!));
    issued.add(plantValue(c.status.token));
  });

  it('no token of the run is on disk in plain text (one walk for all of them)', () => {
    const tokens = [signedIn.accessToken, signedIn.idToken!, signedIn.refreshToken!, ...issued];
    expect(t.filesHolding(tokens)).toEqual([]);
  });
});

/** The oauth2 tokens the vault holds for REF now (the agent locked for the read, then unlocked again). */
async function storedTokens(change?: (tokens: TokenSet) => TokenSet): Promise<TokenSet> {
  await t.latch(['lock']);
  const vault = await openVault({ path: t.vault, password: t.password });
  try {
    const store = new ServiceStore(vault, systemClock);
    const located = await store.resolve(REF);
    if (located.credential.kind !== 'oauth2' || !located.credential.fields.tokens) throw new Error('no tokens stored');
    const tokens = located.credential.fields.tokens;
    if (change) await store.setTokens(located.serviceId, located.credential.id, change(tokens));
    return tokens;
  } finally {
    vault.lock();
    await t.unlock();
  }
}

describe('latch kube-credential with an access token that expired', () => {
  it('renews it with the refresh token: the ExecCredential carries the new token and expiry; the vault keeps both', async () => {
    const before = await storedTokens((tokens) => ({ ...tokens, expiresAt: Date.now() - 60_000 }));
    expect(before.refreshToken).toBeTruthy();

    const c = await credential([]);
    const renewed = await storedTokens();
    for (const secret of [renewed.accessToken, renewed.idToken, renewed.refreshToken]) if (secret) plantValue(secret);
    expect(c.status.token).not.toBe(before.accessToken);
    expect(c.status.token).toBe(renewed.accessToken);
    expect(renewed.expiresAt! - Date.now()).toBeGreaterThan((ACCESS_TTL - 60) * 1000);
    expect(c.status.expirationTimestamp).toBe(rfc3339(renewed.expiresAt!));
  });
});

it('leaves no planted value (master password included) in HOME, the test folder or the temp folder, in any encoding', () => {
  expect(t.plantedOnDisk()).toEqual([]);
});
