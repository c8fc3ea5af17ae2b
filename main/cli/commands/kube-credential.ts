import { LatchError } from '../../core/model/errors';
import { freshTokens } from '../fresh-token';
import type { CliCommand } from '../registry';
import { withToolStore } from '../with-store';

const API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

/**
 * The apiVersion kubectl asked for: KUBERNETES_EXEC_INFO holds an ExecCredential naming it (both
 * v1 and v1beta1 send it); --api-version wins; v1beta1 when neither says.
 */
function apiVersion(option: unknown, execInfo: string | undefined): (typeof API_VERSIONS)[number] {
  let wanted: unknown = option;
  if (wanted === undefined && execInfo) {
    try {
      wanted = (JSON.parse(execInfo) as { apiVersion?: unknown }).apiVersion;
    } catch {
      wanted = undefined;
    }
  }
  if (wanted === undefined) return 'client.authentication.k8s.io/v1beta1';
  const v = API_VERSIONS.find((a) => a === wanted);
  if (!v)
    throw new LatchError(
      'ERR_BAD_INPUT',
      `kubectl asked for ${String(wanted)}; latch speaks ${API_VERSIONS.join(' and ')}.`,
    );
  return v;
}

/** kubectl's exec credential plugin (client-go "client-go credential plugins"): an ExecCredential on stdout. */
export const kubeCredentialCommand: CliCommand = {
  name: 'kube-credential',
  usage: 'latch kube-credential REF [--id-token] [--api-version client.authentication.k8s.io/v1|v1beta1]',
  options: {
    'id-token': { type: 'boolean', help: 'OIDC: hand kubectl the ID token instead of the access token' },
    'api-version': { type: 'string', help: 'ExecCredential apiVersion (default: what kubectl asks for)' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const version = apiVersion(ctx.values['api-version'], ctx.io.env.KUBERNETES_EXEC_INFO);
    const status = await withToolStore(ctx, async (store) => {
      const located = await store.resolve(ctx.positionals[0]!);
      const c = located.credential;
      if (c.kind === 'bearer') return { token: c.fields.token };
      if (c.kind !== 'oauth2')
        throw new LatchError('ERR_BAD_INPUT', `"${c.name}" is a ${c.kind} credential; kubectl needs oauth2 or bearer.`);
      const { tokens } = await freshTokens(store, located);
      const token = ctx.values['id-token'] ? tokens.idToken : tokens.accessToken;
      if (!token)
        throw new LatchError(
          'ERR_OAUTH_LOGIN_REQUIRED',
          `"${c.name}" holds no ID token: sign in with "latch oauth login".`,
        );
      return {
        token,
        ...(tokens.expiresAt === undefined
          ? {}
          : { expirationTimestamp: new Date(tokens.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') }),
      };
    });
    ctx.io.stdout.write(`${JSON.stringify({ apiVersion: version, kind: 'ExecCredential', status })}\n`);
    return 0;
  },
};
