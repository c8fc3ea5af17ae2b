import { type CredentialKind, USERNAME_LABEL } from '../../../../preload/contract';

export type PaletteAction =
  | { id: 'primary' | 'username' | 'env' | 'reference'; label: string }
  | { id: 'requests'; label: string };

const PRIMARY_LABEL: Record<CredentialKind, string> = {
  'api-key': 'Copy key',
  basic: 'Copy password',
  digest: 'Copy password',
  bearer: 'Copy token',
  oauth2: 'Copy access token',
  'jwt-signer': 'Copy a signed token',
  hmac: 'Copy secret',
  'aws-sigv4': 'Copy secret access key',
  totp: 'Copy current code',
  secret: 'Copy value',
};

/** "Access key ID" → "access key ID": the acronyms keep their case. */
const lowerFirst = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** What Tab offers for a credential; the first is what Enter does. */
export function paletteActions(kind: CredentialKind): PaletteAction[] {
  const username = USERNAME_LABEL[kind];
  return [
    { id: 'primary', label: PRIMARY_LABEL[kind] },
    // Says what it copies: "Copy access key ID" for AWS, "Copy client ID" for OAuth.
    ...(username ? [{ id: 'username' as const, label: `Copy ${lowerFirst(username)}` }] : []),
    { id: 'env', label: 'Copy as environment variable' },
    { id: 'reference', label: 'Copy secret reference' },
    { id: 'requests', label: 'Open in the request tester' },
  ];
}
