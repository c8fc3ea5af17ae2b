import { z } from 'zod';

/**
 * The tool that saved a credential through its helper protocol, when one did: `docker login` (with the
 * registry address Docker named, which is the key Docker looks it up by and `list` gives back) or git's
 * `store` after a password worked. A helper lists, changes and erases only the credentials it saved: one the
 * user made has no `savedBy` and is never touched by `docker logout` or by git's `erase` after a refusal.
 *
 * It lives on the credential, not the service and not a tag: a registry login and a hand-made git password
 * often share one host's service, and tags are the user's to edit. docker-credential-helpers marks its own
 * items the same way (the "Docker Credentials" label it filters on in the Secret Service and the macOS keychain).
 */
export const SavedBy = z.discriminatedUnion('tool', [
  z.object({ tool: z.literal('docker'), serverUrl: z.string().min(1).max(2048) }),
  z.object({ tool: z.literal('git') }),
]);
export type SavedBy = z.infer<typeof SavedBy>;
