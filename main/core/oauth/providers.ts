/**
 * Provider presets: data, plus one pure function that fills the oauth2 credential's fields. The
 * user adds the client id (and secret when the app has one). Discovery-capable providers get an
 * issuer only, so endpoints always come from the provider's own metadata; GitHub has no
 * discovery and gets fixed endpoints (its JSON quirks are handled by github-compat.ts).
 */
import { OAuth2Fields } from '../model/credential';
import { LatchError } from '../model/errors';
import type { ClientAuthMethod, OAuth2Config } from './oauth-context';

export type ProviderId = 'github' | 'google' | 'microsoft' | 'gitlab' | 'auth0' | 'okta' | 'keycloak';

export type PresetParam = 'tenant' | 'domain' | 'baseUrl' | 'realm' | 'audience';

export interface ProviderPreset {
  id: ProviderId;
  label: string;
  /** Values the user must supply, with an example for the form's placeholder. */
  params: { name: PresetParam; label: string; example: string }[];
  /** Issuer template ({tenant}, {domain}, {baseUrl}, {realm}); absent when there is no discovery. */
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  deviceAuthorizationEndpoint?: string;
  revocationEndpoint?: string;
  scopes: string;
  clientAuth: ClientAuthMethod;
  /** Where to register the app, for the help text. */
  consoleUrl: string;
  notes: string;
  /** The redirect the credential gets; absent: a free port on 127.0.0.1 per sign-in. */
  redirectUri?: string;
  /** How to register the redirect URI at this provider (shown beside the URI main computes). */
  redirectNote: string;
}

/** For a hand-entered provider, whose rule for loopback ports Latch cannot know. */
export const ANY_PORT_NOTE =
  'Latch picks a free port for each sign-in, so the provider must accept any port on a loopback redirect (RFC 8252 §7.3). If it asks for an exact match, register a fixed port such as http://127.0.0.1:8765/callback and give the credential that redirect URI.';

/**
 * The port a preset listens on when its provider is not known to follow RFC 8252 §7.3 (any port
 * on a loopback redirect): one exact URI to register beats one that fails at the first sign-in.
 */
export const FIXED_LOOPBACK_PORT = 8765;
const fixedPortNote = (where: string, why: string) =>
  `Enter it under ${where}. ${why} Latch listens on port ${FIXED_LOOPBACK_PORT} for this sign-in: if another program holds that port, type another in Redirect URI and register that one instead.`;

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'github',
    label: 'GitHub',
    params: [],
    authorizationEndpoint: 'https://github.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
    deviceAuthorizationEndpoint: 'https://github.com/login/device/code',
    scopes: 'read:user',
    clientAuth: 'client_secret_post',
    consoleUrl: 'https://github.com/settings/developers',
    notes:
      'No discovery and no ID token. The browser sign-in needs the client secret, sent in the form body (client_secret_post): GitHub asks for it even with PKCE. The device flow needs none: tick "Enable Device Flow" in the app\'s settings, choose the device code grant and client authentication "none". GitHub answers form-encoded unless asked for JSON and reports errors with HTTP 200; Latch adapts. Revocation is not RFC 7009 and is not offered.',
    redirectNote:
      'Enter it as the app\'s "Authorization callback URL". GitHub accepts any port on a loopback callback URL (with 127.0.0.1, not localhost), so the port Latch picks for each sign-in is accepted.',
  },
  {
    id: 'google',
    label: 'Google',
    params: [],
    issuer: 'https://accounts.google.com',
    scopes: 'openid email profile',
    clientAuth: 'client_secret_post',
    consoleUrl: 'https://console.cloud.google.com/apis/credentials',
    notes:
      'Create a "Desktop app" OAuth client. Google only returns a refresh token with access_type=offline (and prompt=consent for a repeat sign-in).',
    redirectNote:
      'A "Desktop app" client has no redirect URI to register: Google accepts http://127.0.0.1 on any port for it.',
  },
  {
    id: 'microsoft',
    label: 'Microsoft Entra ID',
    params: [{ name: 'tenant', label: 'Tenant ID', example: '00000000-0000-0000-0000-000000000000' }],
    issuer: 'https://login.microsoftonline.com/{tenant}/v2.0',
    scopes: 'openid profile offline_access',
    clientAuth: 'none',
    consoleUrl: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps',
    notes:
      'Use a tenant ID (or verified domain): "common" and "organizations" publish a templated issuer that cannot be validated.',
    // Entra ignores the port of a localhost redirect; the listener still binds loopback only.
    redirectUri: 'http://localhost/callback',
    redirectNote:
      'Add the platform "Mobile and desktop applications" with this custom redirect URI. Entra ignores the port of a localhost redirect, so the port Latch picks for each sign-in is accepted.',
  },
  {
    id: 'gitlab',
    label: 'GitLab',
    params: [{ name: 'baseUrl', label: 'GitLab URL', example: 'https://gitlab.com' }],
    issuer: '{baseUrl}',
    scopes: 'openid read_user',
    clientAuth: 'none',
    consoleUrl: 'https://gitlab.com/-/user_settings/applications',
    notes: 'Untick "Confidential" for a desktop app (public client with PKCE). Self-managed: use your instance URL.',
    redirectNote:
      'Enter it as the application\'s "Redirect URI". GitLab\'s OAuth server (Doorkeeper, since 5.1) accepts any port on a loopback IP redirect (RFC 8252 §7.3), so the port Latch picks for each sign-in is accepted.',
  },
  {
    id: 'auth0',
    label: 'Auth0',
    params: [
      { name: 'domain', label: 'Domain', example: 'example.eu.auth0.com' },
      // Without it Auth0 issues a token for its own userinfo only, not for the user's API.
      { name: 'audience', label: 'API audience (optional)', example: 'https://api.example.com' },
    ],
    // Auth0's issuer really ends with a slash.
    issuer: 'https://{domain}/',
    scopes: 'openid profile email offline_access',
    clientAuth: 'none',
    consoleUrl: 'https://manage.auth0.com/',
    notes:
      'Create a "Native" application for sign-in, or "Machine to Machine" for client credentials. The audience is your API\'s identifier (APIs in the Auth0 dashboard); it is sent with every authorization and token request.',
    // Auth0 compares callback URLs exactly; its wildcards stand for subdomains, never a port.
    redirectUri: `http://127.0.0.1:${FIXED_LOOPBACK_PORT}/callback`,
    redirectNote: fixedPortNote(
      '"Allowed Callback URLs"',
      'Auth0 matches the callback URL exactly, port included (its wildcards stand for subdomains only).',
    ),
  },
  {
    id: 'okta',
    label: 'Okta',
    params: [{ name: 'domain', label: 'Okta domain', example: 'example.okta.com' }],
    issuer: 'https://{domain}/oauth2/default',
    scopes: 'openid profile offline_access',
    clientAuth: 'none',
    consoleUrl: 'https://login.okta.com/',
    notes: 'Uses the "default" custom authorization server; for the org server set the issuer to https://{domain}.',
    // Not known to accept any port on a loopback redirect: an exact URI works whatever its rule.
    redirectUri: `http://127.0.0.1:${FIXED_LOOPBACK_PORT}/callback`,
    redirectNote: fixedPortNote(
      '"Sign-in redirect URIs"',
      'Latch does not count on Okta accepting any port on a loopback redirect, so it gives Okta one exact URI.',
    ),
  },
  {
    id: 'keycloak',
    label: 'Keycloak',
    params: [
      { name: 'baseUrl', label: 'Keycloak URL', example: 'https://sso.example.com' },
      { name: 'realm', label: 'Realm', example: 'master' },
    ],
    issuer: '{baseUrl}/realms/{realm}',
    scopes: 'openid',
    clientAuth: 'none',
    consoleUrl: '',
    notes: 'Older Keycloak versions (before 17) need /auth in the base URL.',
    redirectNote:
      'Enter it under the client\'s "Valid redirect URIs". Keycloak ignores the port of a redirect to http://127.0.0.1 or http://localhost (RFC 8252 §7.3), so the port Latch picks for each sign-in is accepted.',
  },
];

export function findPreset(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((p) => p.id === id);
}

function invalid(param: PresetParam, what: string): LatchError {
  return new LatchError('ERR_BAD_INPUT', `The ${param} must be ${what}.`, { detail: { field: param } });
}

/** Checks each placeholder value so nothing can be injected into the issuer's host or path. */
function checkParam(name: PresetParam, value: string | undefined): string {
  const v = value?.trim() ?? '';
  switch (name) {
    case 'domain':
      if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(v)) {
        throw invalid(name, 'a host name such as example.okta.com (no https://, no path)');
      }
      return v.toLowerCase();
    case 'tenant':
      if (
        !/^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/.test(v) ||
        ['common', 'organizations', 'consumers'].includes(v.toLowerCase())
      ) {
        throw invalid(name, 'a tenant ID or verified domain (not common, organizations or consumers)');
      }
      return v;
    case 'realm':
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(v)) throw invalid(name, 'a realm name such as master');
      return encodeURIComponent(v);
    case 'audience':
      if (v.length > 2000) throw invalid(name, 'at most 2000 characters');
      return v;
    case 'baseUrl': {
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        throw invalid(name, 'a URL such as https://sso.example.com');
      }
      if (url.protocol !== 'https:' || url.search !== '' || url.hash !== '')
        throw invalid(name, 'an https:// URL without query');
      return url.href.replace(/\/+$/, '');
    }
  }
}

export interface PresetInput {
  clientId: string;
  clientSecret?: string;
  /** Values for the preset's params (tenant, domain, baseUrl, realm). */
  params?: Partial<Record<PresetParam, string>>;
  /** Overrides the preset's default scopes. */
  scopes?: string;
  grant?: OAuth2Config['grant'];
  clientAuth?: ClientAuthMethod;
  redirectUri?: string;
}

/** Pure: preset + what the user typed → validated oauth2 fields (ERR_BAD_INPUT on a bad value). */
export function applyPreset(id: ProviderId, input: PresetInput): OAuth2Config {
  const preset = findPreset(id);
  if (!preset)
    throw new LatchError('ERR_BAD_INPUT', `Unknown provider preset "${id}".`, { detail: { field: 'provider' } });
  const values = new Map<string, string>();
  for (const p of preset.params) values.set(p.name, checkParam(p.name, input.params?.[p.name]));
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, k: string) => values.get(k) ?? '');
  const clientAuth =
    input.clientAuth ??
    (input.clientSecret ? (preset.clientAuth === 'none' ? 'client_secret_post' : preset.clientAuth) : 'none');
  const fields = {
    provider: preset.id,
    ...(preset.issuer ? { issuer: fill(preset.issuer) } : {}),
    ...(preset.authorizationEndpoint ? { authorizationEndpoint: preset.authorizationEndpoint } : {}),
    ...(preset.tokenEndpoint ? { tokenEndpoint: preset.tokenEndpoint } : {}),
    ...(preset.deviceAuthorizationEndpoint ? { deviceAuthorizationEndpoint: preset.deviceAuthorizationEndpoint } : {}),
    ...(preset.revocationEndpoint ? { revocationEndpoint: preset.revocationEndpoint } : {}),
    clientId: input.clientId,
    ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}),
    clientAuth,
    scopes: input.scopes ?? preset.scopes,
    grant: input.grant ?? 'authorization_code',
    redirectUri: input.redirectUri ?? preset.redirectUri ?? '',
    ...(values.get('audience') ? { audience: values.get('audience') } : {}),
  };
  const parsed = OAuth2Fields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LatchError('ERR_BAD_INPUT', issue?.message ?? 'The provider settings are not valid.', {
      detail: { field: String(issue?.path[0] ?? 'provider') },
    });
  }
  return parsed.data;
}
