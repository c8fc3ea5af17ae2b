// The built-in commands: a name and a summary each, and the module that holds the command, loaded only
// when it runs (see CommandEntry). A new command is one file in this folder plus one entry here.
import { registerCommand } from '../registry';

const entries = [
  // The vault.
  {
    name: 'init',
    summary: 'Create a new vault (asks for the master password twice).',
    load: async () => (await import('./init')).initCommand,
  },
  {
    name: 'status',
    summary: 'Show the vault file, whether it is locked, its format, cost and quick-unlock state, and the keychain.',
    load: async () => (await import('./status')).statusCommand,
  },
  {
    name: 'lock',
    summary: 'Lock and forget: remove the quick-unlock key from the keychain so the next use needs the password.',
    load: async () => (await import('./lock')).lockCommand,
  },
  {
    name: 'unlock',
    summary:
      'Keep the vault key in a per-user agent for a while (latch unlock --for 15m), so tools such as git or kubectl need no password.',
    load: async () => (await import('./unlock')).unlockCommand,
  },
  {
    name: 'passwd',
    summary:
      'Change the master password (the vault key is re-wrapped); with --rekey also a new vault key, every record re-encrypted.',
    load: async () => (await import('./passwd')).passwdCommand,
  },
  // Services and credentials.
  {
    name: 'add',
    summary: 'Add a credential to a service (the service is created if missing). A field value "-" is read from stdin.',
    completes: { services: true },
    load: async () => (await import('./add')).addCommand,
  },
  {
    name: 'list',
    summary: 'List services and their credentials (names, kinds, status; never a secret).',
    completes: { services: true },
    load: async () => (await import('./list')).listCommand,
  },
  {
    name: 'get',
    summary:
      'Print one secret: latch://SERVICE/CREDENTIAL[/FIELD] (or SERVICE/CREDENTIAL[/FIELD]); the primary field by default. An OAuth access token is refreshed first when it is due.',
    completes: { references: true },
    load: async () => (await import('./get')).getCommand,
  },
  {
    name: 'edit',
    summary:
      "Change a service's name, base URL, tags, notes or default headers, or a credential's name, expiry or rotation reminder (SERVICE/CREDENTIAL); never a secret.",
    completes: { services: true, references: true },
    load: async () => (await import('./edit')).editCommand,
  },
  {
    name: 'rotate',
    summary:
      'Replace a secret with a new one (from stdin, a reference or generated); the old one is still served as …/previous.FIELD for a grace period.',
    completes: { references: true },
    load: async () => (await import('./rotate')).rotateCommand,
  },
  {
    name: 'hosts',
    summary:
      'Show where a credential is sent without asking (host binding); --add HOST binds another host, --forget HOST|ORIGIN drops one.',
    completes: { references: true },
    load: async () => (await import('./hosts')).hostsCommand,
  },
  {
    name: 'copy',
    summary: 'Copy one secret to the clipboard; it is cleared after a while if it is still there.',
    completes: { references: true },
    load: async () => (await import('./copy')).copyCommand,
  },
  {
    name: 'exec',
    summary:
      'Run a command with secrets in its environment only (never its arguments); secrets it prints are masked, its exit code is passed on.',
    load: async () => (await import('./exec')).execCommand,
  },
  {
    name: 'import',
    summary:
      'Import a .env file, a Postman environment, a Google service-account key or a Latch backup: shows a preview, then writes all of it or nothing.',
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: 'export',
    summary:
      'Export the vault: an encrypted Latch backup with its own password (default), or plain-text JSON with explicit confirmation.',
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: 'totp',
    summary:
      'Print the current one-time code of a TOTP credential or an otpauth:// URI, verify a code, or generate recovery codes for your own app.',
    completes: { words: ['verify', 'backup-codes'], references: true },
    load: async () => (await import('./totp')).totpCommand,
  },
  {
    name: 'request',
    summary:
      'Send an HTTP request signed with a stored credential (latch://SERVICE/CREDENTIAL); a URL starting with / is relative to the service base URL. --fail exits 22 on a status of 400 or more.',
    completes: { references: true },
    load: async () => (await import('./request')).requestCommand,
  },
  {
    name: 'audit',
    summary:
      'Audit an API: transport, authentication, headers, cookies, rate limit and clock. Exits 5 when a check fails. Sends at most --max-requests requests, to the given host only.',
    load: async () => (await import('./audit')).auditCommand,
  },
  // OAuth 2.0 and JWT.
  {
    name: 'oauth',
    summary:
      'Sign in to an OAuth 2.0 credential (its grant: browser, device code or client credentials), or revoke its tokens.',
    completes: { words: ['login', 'revoke'], references: true },
    load: async () => (await import('./oauth')).oauthCommand,
  },
  {
    name: 'token',
    summary:
      'Print a valid access token of an OAuth 2.0 credential, refreshed first if needed (exit 4: sign in again with "latch oauth login").',
    completes: { references: true },
    load: async () => (await import('./token')).tokenCommand,
  },
  {
    name: 'jwt',
    summary:
      'Decode, verify or sign a JWT (verify fails with the reason: malformed, expired, not-yet-valid, bad-signature, …).',
    completes: { words: ['decode', 'verify', 'sign'] },
    load: async () => (await import('./jwt')).jwtCommand,
  },
  // Tools: each speaks its program's own protocol.
  {
    name: 'git-credential',
    summary: 'git credential helper: git config credential.helper "latch git-credential" (get, store, erase).',
    completes: { words: ['get', 'store', 'erase'] },
    load: async () => (await import('./git-credential')).gitCredentialCommand,
  },
  {
    name: 'aws-credentials',
    summary:
      'AWS credential_process: credential_process = latch aws-credentials latch://AWS/dev (STS AssumeRole when the credential has a role ARN).',
    completes: { references: true },
    load: async () => (await import('./aws-credentials')).awsCredentialsCommand,
  },
  {
    name: 'inject',
    summary:
      'Fill a template: {{ latch://SERVICE/CREDENTIAL[/FIELD] }} references replaced; output written mode 600 (--dry-run lists them).',
    load: async () => (await import('./inject')).injectCommand,
  },
  {
    name: 'docker-credential',
    summary: 'Docker credential helper ("credsStore": "latch" runs docker-credential-latch get|store|erase|list).',
    completes: { words: ['get', 'store', 'erase', 'list'] },
    load: async () => (await import('./docker-credential')).dockerCredentialCommand,
  },
  {
    name: 'completion',
    summary:
      'Print the shell completion script: latch completion bash|zsh|fish (commands, options, service and credential names).',
    completes: { words: ['bash', 'zsh', 'fish'] },
    load: async () => (await import('./completion')).completionCommand,
  },
  {
    name: 'kube-credential',
    summary:
      'kubectl exec credential plugin: prints an ExecCredential with a fresh OAuth or OIDC token and its expiry.',
    completes: { references: true },
    load: async () => (await import('./kube-credential')).kubeCredentialCommand,
  },
];

for (const entry of entries) registerCommand(entry);
