import { z } from 'zod';
import { LatchError } from '../model/errors';
import { writtenAsRead } from './written-host';

/**
 * What kubectl tells an exec credential plugin in KUBERNETES_EXEC_INFO (client.authentication.k8s.io
 * ExecCredential, `spec`): the apiVersion it wants back, and, when the kubeconfig user says
 * `provideClusterInfo: true`, the cluster the token is for (`spec.cluster.server`). kubectl always sets
 * the variable; without it the plugin was run by hand, or by a client that does not say.
 */
export const KUBE_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;
export type KubeApiVersion = (typeof KUBE_API_VERSIONS)[number];

export interface KubeExecInfo {
  apiVersion: KubeApiVersion;
  /** The API server the token will be sent to, or null when kubectl was not asked to say (provideClusterInfo). */
  server: URL | null;
  /** The kubeconfig's cluster turns TLS verification off (insecure-skip-tls-verify): whoever is on the path reads the token. */
  insecureTls: boolean;
}

/**
 * kubectl's is a few kilobytes (the cluster's CA certificate is the largest part); Linux caps one
 * environment string at 128 KiB, so anything longer did not come from kubectl through the environment.
 */
export const MAX_EXEC_INFO = 128 * 1024;

// Unknown keys (tls-server-name, certificate-authority-data, config, ...) are dropped, not refused: later
// kubectl versions add fields. insecure-skip-tls-verify is read: with it the server is not the only one that can
// read the token (a cluster entry merged in from another kubeconfig may name the right server with it).
const ExecInfoSchema = z.object({
  apiVersion: z.string().max(200),
  kind: z.literal('ExecCredential'),
  spec: z
    .object({
      cluster: z
        .object({ server: z.string().max(4000), 'insecure-skip-tls-verify': z.boolean().optional() })
        .optional(),
      interactive: z.boolean().optional(),
    })
    .optional(),
});

const badExecInfo = (why: string) =>
  new LatchError(
    'ERR_BAD_INPUT',
    `KUBERNETES_EXEC_INFO ${why}; kubectl sets it to the ExecCredential it sends its credential plugins. Nothing was printed.`,
  );

/** A value from the environment, quoted with its control characters escaped, so it cannot write to the terminal. */
const quoted = (v: unknown) => JSON.stringify(String(v).slice(0, 80));

export function isKubeApiVersion(v: unknown): v is KubeApiVersion {
  return KUBE_API_VERSIONS.some((a) => a === v);
}

export function unsupportedApiVersion(wanted: unknown): LatchError {
  return new LatchError(
    'ERR_BAD_INPUT',
    `kubectl asked for ${quoted(wanted)}; latch speaks ${KUBE_API_VERSIONS.join(' and ')}.`,
  );
}

/**
 * Reads KUBERNETES_EXEC_INFO; undefined or empty is null (not run by kubectl). Anything else that is not
 * kubectl's ExecCredential is refused rather than read as "no cluster named": a garbled variable must not
 * switch off the check of where the token goes.
 */
export function parseKubeExecInfo(text: string | undefined): KubeExecInfo | null {
  if (text === undefined || text === '') return null;
  if (text.length > MAX_EXEC_INFO) throw badExecInfo(`is ${text.length} characters long, more than kubectl sends`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badExecInfo('is not JSON');
  }
  const parsed = ExecInfoSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badExecInfo(`is not an ExecCredential (${issue?.path.join('.') || 'the top level'}: ${issue?.message})`);
  }
  const { apiVersion, spec } = parsed.data;
  if (!isKubeApiVersion(apiVersion)) throw unsupportedApiVersion(apiVersion);
  const raw = spec?.cluster?.server;
  if (raw === undefined) return { apiVersion, server: null, insecureTls: false };
  let server: URL;
  try {
    server = new URL(raw);
  } catch {
    throw badExecInfo(`names a cluster server that is not a URL (${quoted(raw)})`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:')
    throw badExecInfo(`names a cluster server that is not http(s) (${quoted(raw)})`);
  if (!writtenAsRead(raw, server))
    throw badExecInfo(
      `names a cluster server whose host is not written the way kubectl reads it (${quoted(raw)}): kubectl looks such a host up by name in DNS rather than reach ${server.hostname}; if the cluster is ${server.hostname}, write it so in the kubeconfig`,
    );
  return { apiVersion, server, insecureTls: spec?.cluster?.['insecure-skip-tls-verify'] === true };
}
