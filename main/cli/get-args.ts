import { fastArgs } from './fast-args';

/** `latch get`'s arguments as its fast paths take them: through the agent (agent-get.ts), or early KDF (early-kdf.ts). */
export interface PlainGet {
  reference: string;
  vault: string | undefined;
  json: boolean;
  /** Skips the agent; what the early key derivation needs. */
  passwordStdin: boolean;
}

/** `get REF` (or `get -- REF`) with at most --json, --vault FILE and --password-stdin, each once, anywhere. */
export function plainGet(argv: readonly string[]): PlainGet | null {
  const args = fastArgs(argv, { json: 'flag', vault: 'value', 'password-stdin': 'flag' });
  if (args?.words[0] !== 'get') return null;
  const positionals = [...args.words.slice(1), ...(args.afterDashes ?? [])];
  if (positionals.length !== 1) return null;
  return {
    reference: positionals[0]!,
    vault: args.given.get('vault')?.[0],
    json: args.given.has('json'),
    passwordStdin: args.given.has('password-stdin'),
  };
}
